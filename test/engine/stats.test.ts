import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { isEngineError } from '../../src/engine/errors.js';
import {
  cpuPercentBetween,
  readStatsNow,
  readStatsOnce,
  type StatsReading,
  type StatsSample,
  type StatsStream,
  streamStats,
} from '../../src/engine/stats.js';
import { makeContainer, runCleanup, testContext } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];
const streams: StatsStream[] = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.stop();
  await runCleanup(cleanup);
});
afterAll(() => runCleanup(cleanup));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function collect(containerId: string) {
  const samples: StatsSample[] = [];
  const stream = await streamStats(ctx, containerId, (sample) => samples.push(sample));
  streams.push(stream);
  return { samples, stream };
}

describe('streamStats', () => {
  test('a running container yields samples with memory in use and its processes counted', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'sleep 1000 & sleep 1000 & wait'] });
    const { samples } = await collect(id);
    await waitFor(() => samples.length >= 2, 'two samples');
    const [first, second] = samples as [StatsSample, StatsSample];
    expect(second.time).toBeGreaterThan(first.time);
    expect(second.memoryUsage).toBeGreaterThan(0);
    expect(second.memoryLimit).toBeGreaterThan(second.memoryUsage);
    expect(second.memoryPercent).toBeGreaterThan(0);
    expect(second.pids).toBe(3);
  });

  test('a container burning CPU shows more than 20% within a few samples', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'while :; do :; done'] });
    const { samples } = await collect(id);
    await waitFor(() => samples.some((s) => s.cpuPercent > 20), 'a sample above 20% CPU', 8000);
    const idle = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const idleStats = await collect(idle.id);
    await waitFor(() => idleStats.samples.length >= 3, 'three idle samples');
    expect(Math.max(...idleStats.samples.map((s) => s.cpuPercent))).toBeLessThan(5);
  });

  test('stop() ends the stream and no more samples come', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const { samples, stream } = await collect(id);
    await waitFor(() => samples.length >= 1, 'a sample');
    stream.stop();
    await stream.done;
    const count = samples.length;
    await sleep(1500);
    expect(samples.length).toBe(count);
  });

  test('the stream of a container that is not running ends with no samples', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['true'], start: false });
    const { samples, stream } = await collect(id);
    await stream.done;
    expect(samples).toEqual([]);
  });

  test('the stream ends when the container stops', async () => {
    const { id, container } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const { samples, stream } = await collect(id);
    await waitFor(() => samples.length >= 1, 'a sample');
    await container.kill();
    await stream.done;
  });

  test('stats of a missing container are NotFound', async () => {
    const error = await streamStats(ctx, 'no-such-container-here', () => undefined).catch((e: unknown) => e);
    expect(isEngineError(error, 'NotFound')).toBe(true);
    const once = await readStatsOnce(ctx, 'no-such-container-here').catch((e: unknown) => e);
    expect(isEngineError(once, 'NotFound')).toBe(true);
  });
});

describe('readStatsOnce', () => {
  test('measures a running container once', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const sample = await readStatsOnce(ctx, id);
    expect(sample.pids).toBe(1);
    expect(sample.memoryUsage).toBeGreaterThan(0);
    expect(Math.abs(sample.time - Date.now())).toBeLessThan(10_000);
  });
});

describe('readStatsNow (one-shot, what the list column polls)', () => {
  /** CPU % between two one-shot readings `ms` apart, the way the list column computes it. */
  async function percentOver(id: string, ms: number) {
    const first = (await readStatsNow(ctx, id)) as StatsReading;
    await sleep(ms);
    const second = (await readStatsNow(ctx, id)) as StatsReading;
    return cpuPercentBetween(first.cpu!, second.cpu!);
  }

  test('answers at once with memory and the CPU counters', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const started = Date.now();
    const reading = await readStatsNow(ctx, id);
    // Without one-shot the engine samples twice, a second apart, before it answers.
    expect(Date.now() - started).toBeLessThan(900);
    expect(reading?.sample.memoryUsage).toBeGreaterThan(0);
    expect(reading?.cpu?.systemNs).toBeGreaterThan(0);
    expect(reading?.cpu?.onlineCpus).toBeGreaterThan(0);
  });

  test('two readings apart show a busy loop above half a core and an idle container near zero', async () => {
    const busy = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'while :; do :; done'] });
    const idle = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const [busyPercent, idlePercent] = await Promise.all([
      percentOver(busy.id, 2000),
      percentOver(idle.id, 2000),
    ]);
    expect(busyPercent).toBeGreaterThan(50);
    expect(idlePercent).toBeLessThan(5);
  });

  test('a container that is not running has no reading', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['true'], start: false });
    expect(await readStatsNow(ctx, id)).toBeUndefined();
  });
});
