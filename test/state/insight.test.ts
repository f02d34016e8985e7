/**
 * The insight tabs' data against the private engine: the Files, Top, Stats, Env and Inspect
 * reads as the InsightModel opens them for the tab on screen, and that hiding the tabs leaves
 * nothing streaming or polling.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { runExec } from '../../src/engine/exec.js';
import { InsightModel } from '../../src/state/insight-model.js';
import type { Store } from '../../src/state/store.js';
import { makeContainer, runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
let engine: Engine;
const cleanup: Array<() => Promise<unknown>> = [];
const models: InsightModel[] = [];

beforeAll(async () => {
  ctx = await testContext();
  engine = createEngine(ctx);
});
afterEach(async () => {
  for (const m of models.splice(0)) m.hide();
  await runCleanup(cleanup);
});
afterAll(() => runCleanup(cleanup));

function insight() {
  const model = new InsightModel({ topRefreshMs: 200 });
  models.push(model);
  return model;
}

/** Resolves with the store's value once `check` holds for it. */
function until<T>(
  store: Store<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const test = () => {
      const value = store.get();
      if (!check(value)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(store.get(), (_k, v) => v)}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe(() => void test());
    test();
  });
}

describe('Files', () => {
  test('a file touched in one container shows as added there, and not in a second container of the same image', async () => {
    const one = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const two = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const touched = await runExec(ctx, one.id, ['touch', '/new-file.txt']);
    expect(touched.exitCode).toBe(0);

    const model = insight();
    model.show(engine, one.id, 'files');
    const first = await until(model.changes.store, (s) => s.data !== undefined, 'the diff of one');
    expect(first.data).toContainEqual({ path: '/new-file.txt', kind: 'added' });

    model.show(engine, two.id, 'files');
    const second = await until(
      model.changes.store,
      (s) => s.containerId === two.id && s.data !== undefined,
      'the diff of two',
    );
    expect(Array.isArray(second.data)).toBe(true);
    expect(second.data?.map((c) => c.path)).not.toContain('/new-file.txt');
  });
});

describe('Files on events', () => {
  test('an exec that touches a file is read again on its events, with no timer in between', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const diffs: string[] = [];
    const counting: Engine = {
      ...engine,
      diffContainer: (containerId) => {
        diffs.push(containerId);
        return engine.diffContainer(containerId);
      },
    };
    const model = insight();
    const events = engine.subscribeToEvents({ onEvent: (event) => model.handleEvent(event) });
    cleanup.push(async () => events.close());
    model.show(counting, id, 'files');
    await until(model.changes.store, (s) => s.data !== undefined, 'the first diff');
    // Nothing happens in the container: nothing is read again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(diffs).toEqual([id]);

    expect((await runExec(ctx, id, ['touch', '/after-an-event.txt'])).exitCode).toBe(0);
    const after = await until(
      model.changes.store,
      (s) => s.data?.some((c) => c.path === '/after-an-event.txt') ?? false,
      'the touched file',
      3000,
    );
    expect(after.data).toContainEqual({ path: '/after-an-event.txt', kind: 'added' });
    // exec_create, exec_start and exec_die came together: read once or twice, not once each.
    expect(diffs.length).toBeLessThanOrEqual(3);
  });
});

describe('Top', () => {
  test('SIGSTOP leaves the main process in state T; SIGCONT runs it again', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = insight();
    model.show(engine, id, 'top');
    const statOfSleep = (table: { titles: string[]; processes: string[][] } | undefined) => {
      const stat = table?.titles.indexOf('STAT') ?? -1;
      const args = table?.titles.indexOf('COMMAND') ?? -1;
      return table?.processes.find((p) => p[args]?.startsWith('sleep'))?.[stat];
    };
    const before = await until(
      model.processes.store,
      (s) => statOfSleep(s.data) !== undefined,
      'the process list',
    );
    expect(statOfSleep(before.data)).not.toMatch(/^T/);

    await engine.killContainer(id, 'SIGSTOP');
    // Read again by the 200 ms refresh while the tab is shown: no event needed.
    await until(model.processes.store, (s) => /^T/.test(statOfSleep(s.data) ?? ''), 'state T');
    await engine.killContainer(id, 'SIGCONT');
    const resumed = await until(
      model.processes.store,
      (s) => /^[SR]/.test(statOfSleep(s.data) ?? ''),
      'state S',
    );
    expect(statOfSleep(resumed.data)).toMatch(/^[SR]/);
  });
});

describe('Top of a container that stops', () => {
  test('Top says by name that it is not running, keeps no process table and stops asking; started again, the processes are back', async () => {
    // An init passes SIGTERM on to sleep, so the stop is quick.
    const { id, name } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'], init: true });
    const reads: string[] = [];
    const counting: Engine = {
      ...engine,
      topContainer: (containerId, psArgs) => {
        reads.push(containerId);
        return engine.topContainer(containerId, psArgs);
      },
    };
    const model = insight();
    model.show(counting, id, 'top');
    await until(model.processes.store, (s) => s.data !== undefined, 'the process list');

    await engine.stopContainer(id, { graceSeconds: 5 });
    // The 200 ms refresh reads it again: refused, and the table it had read before goes.
    const stopped = await until(model.processes.store, (s) => s.error !== undefined, 'the refused read');
    expect(stopped.data).toBeUndefined();
    expect(stopped.error).toContain(`${name} is not running (exited)`);
    expect(stopped.error).not.toContain(id.slice(0, 12));
    // Nothing changes in a stopped container by itself: no read until an event says so.
    const readsWhenStopped = reads.length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(reads.length).toBe(readsWhenStopped);

    await engine.startContainer(id);
    // What the app does when the start event re-read the container.
    model.refresh();
    const started = await until(
      model.processes.store,
      (s) => s.data?.processes.some((p) => p.join(' ').includes('sleep 1000')) ?? false,
      'the processes after the start',
    );
    expect(started.error).toBeUndefined();
  });
});

describe('Stats', () => {
  test('a busy loop shows more than half a core; an idle container near zero', async () => {
    const busy = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'while :; do :; done'] });
    const idle = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = insight();
    model.show(engine, busy.id, 'stats');
    const hot = await until(
      model.stats.store,
      (s) => s.samples.length >= 3,
      'three samples of the busy loop',
    );
    expect(hot.samples[hot.samples.length - 1]!.cpuPercent).toBeGreaterThan(50);

    model.show(engine, idle.id, 'stats');
    const cold = await until(
      model.stats.store,
      (s) => s.containerId === idle.id && s.samples.length >= 3,
      'three samples of the idle container',
    );
    expect(cold.samples[cold.samples.length - 1]!.cpuPercent).toBeLessThan(5);
    expect(cold.samples[cold.samples.length - 1]!.memoryUsage).toBeGreaterThan(0);
  }, 30_000);

  test('hiding the tabs stops the stream and every refresh', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = insight();
    model.show(engine, id, 'stats');
    await until(model.stats.store, (s) => s.samples.length >= 1, 'a sample');
    expect(model.stats.isStreaming).toBe(true);
    model.show(engine, id, 'top');
    expect(model.stats.isStreaming).toBe(false);
    await until(model.processes.store, (s) => s.data !== undefined, 'the process list');
    model.hide();
    const readAt = model.processes.store.get().readAt;
    const samples = model.stats.store.get().samples.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(model.processes.store.get().readAt).toBe(readAt);
    expect(model.stats.store.get().samples.length).toBe(samples);
  });
});

describe('Env and Inspect', () => {
  test('Env has a variable set with -e; Inspect has the published port and the bind mount', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-insight-'));
    const container = await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name: uniqueName('insight'),
      Cmd: ['sleep', '1000'],
      Env: ['BERTH_GREETING=hello'],
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: '18081' }] }, Binds: [`${dir}:/data`] },
    });
    cleanup.push(async () => {
      await container.remove({ force: true }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });
    await container.start();
    const model = insight();
    model.show(engine, container.id, 'env');
    const { data } = await until(model.details.store, (s) => s.data !== undefined, 'the inspect result');
    expect(data?.config.env).toContain('BERTH_GREETING=hello');
    expect(data?.portBindings).toContainEqual(
      expect.objectContaining({ privatePort: 8080, publicPort: 18081 }),
    );
    expect(data?.mounts).toContainEqual(
      expect.objectContaining({ type: 'bind', source: dir, destination: '/data' }),
    );
  });
});
