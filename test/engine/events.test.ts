import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import {
  killContainer,
  pauseContainer,
  removeContainer,
  runContainer,
  unpauseContainer,
  waitContainer,
} from '../../src/engine/containers.js';
import { type EngineEvent, type EventStreamStatus, subscribeToEvents } from '../../src/engine/events.js';
import { startOwnEngine, uniqueName } from '../support/engine.js';
import type { PrivateEngine } from '../support/private-engine.js';

// These tests restart the daemon, so they get an engine of their own.
let engine: PrivateEngine;
let ctx: EngineContext;

beforeAll(async () => {
  ({ engine, context: ctx } = await startOwnEngine('events'));
});
afterAll(async () => {
  await engine?.destroy();
});

function collect(context = ctx) {
  const events: EngineEvent[] = [];
  const statuses: EventStreamStatus['state'][] = [];
  const sub = subscribeToEvents(context, {
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s.state),
    retryMs: 50,
    maxRetryMs: 200,
  });
  return { events, statuses, sub };
}

test("a container's lifecycle arrives as events, in order, with the kill signal and exit code", async () => {
  const { events, statuses, sub } = collect();
  await expect.poll(() => statuses).toContain('connected');
  const name = uniqueName('ev');
  const id = await runContainer(ctx, { image: 'busybox', name, cmd: ['sleep', '1000'] });
  await pauseContainer(ctx, id);
  await unpauseContainer(ctx, id);
  await killContainer(ctx, id, 'SIGKILL');
  await waitContainer(ctx, id);
  await removeContainer(ctx, id);
  await expect.poll(() => events.some((e) => e.id === id && e.action === 'destroy')).toBe(true);
  sub.close();

  const mine = events.filter((e) => e.type === 'container' && e.id === id);
  expect(mine.map((e) => e.action)).toEqual([
    'create',
    'start',
    'pause',
    'unpause',
    'kill',
    'die',
    'destroy',
  ]);
  expect(mine[0]?.attributes.name).toBe(name);
  expect(mine.find((e) => e.action === 'kill')?.attributes.signal).toBe('9');
  expect(mine.find((e) => e.action === 'die')?.attributes.exitCode).toBe('137');
});

test('through dockerode (TLS and ssh engines) the events are the same', async () => {
  const viaDockerode: EngineContext = { ...ctx, endpoint: { ...ctx.endpoint, protocol: 'ssh' } };
  const { events, statuses, sub } = collect(viaDockerode);
  await expect.poll(() => statuses).toContain('connected');
  const name = uniqueName('ev-dockerode');
  const id = await runContainer(ctx, { image: 'busybox', name, cmd: ['true'] });
  await waitContainer(ctx, id);
  await removeContainer(ctx, id);
  await expect.poll(() => events.some((e) => e.id === id && e.action === 'destroy')).toBe(true);
  sub.close();
  const mine = events.filter((e) => e.type === 'container' && e.id === id);
  expect(mine.map((e) => e.action)).toEqual(['create', 'start', 'die', 'destroy']);
  expect(mine[0]?.attributes.name).toBe(name);
});

test('exec events carry the command after the colon', async () => {
  const { events, statuses, sub } = collect();
  await expect.poll(() => statuses).toContain('connected');
  const id = await runContainer(ctx, { image: 'busybox', cmd: ['sleep', '1000'] });
  const exec = await ctx.docker.getContainer(id).exec({ Cmd: ['echo', 'hi'], AttachStdout: true });
  const stream = await exec.start({});
  stream.resume();
  await new Promise((r) => stream.on('end', r));
  await expect.poll(() => events.some((e) => e.id === id && e.action === 'exec_die')).toBe(true);
  sub.close();
  expect(events.find((e) => e.id === id && e.action === 'exec_start')?.actionDetail).toBe('echo hi');
  await removeContainer(ctx, id, { force: true });
});

test('the event stream says when the engine goes away and comes back by itself after a restart', async () => {
  const { events, statuses, sub } = collect();
  await expect.poll(() => statuses).toContain('connected');
  await engine.stop();
  await expect.poll(() => statuses, { timeout: 10_000 }).toContain('disconnected');
  await engine.start();
  await expect.poll(() => statuses, { timeout: 10_000 }).toContain('reconnected');
  const name = uniqueName('after');
  const id = await runContainer(ctx, { image: 'busybox', name, cmd: ['true'] });
  await expect
    .poll(() => events.some((e) => e.id === id && e.action === 'start'), { timeout: 10_000 })
    .toBe(true);
  sub.close();
  expect(statuses).toEqual(['connected', 'disconnected', 'reconnected']);
  await removeContainer(ctx, id, { force: true });
});
