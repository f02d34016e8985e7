/**
 * The containers list's CPU/MEM column against the private engine: one-shot readings of the
 * watched containers only, CPU % between two of them (a busy loop above half a core, an idle
 * container near zero), rows dropped when they leave the screen or stop, nothing read once closed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { ListStatsModel, type RowStats } from '../../src/state/list-stats-model.js';
import { makeContainer, runCleanup, testContext } from '../support/engine.js';

let ctx: EngineContext;
let engine: Engine;
/** Every container id the model asked the engine about, in order. */
const asked: string[] = [];
const cleanup: Array<() => Promise<unknown>> = [];
const models: ListStatsModel[] = [];

beforeAll(async () => {
  ctx = await testContext();
  const real = createEngine(ctx);
  engine = {
    ...real,
    readStats: (id) => {
      asked.push(id);
      return real.readStats(id);
    },
  };
});
afterEach(async () => {
  for (const m of models.splice(0)) m.close();
  asked.length = 0;
  await runCleanup(cleanup);
});
afterAll(() => runCleanup(cleanup));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listStats(intervalMs = 500) {
  const model = new ListStatsModel(intervalMs);
  models.push(model);
  return model;
}

async function until(
  model: ListStatsModel,
  check: (rows: ReadonlyMap<string, RowStats>) => boolean,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!check(model.store.get())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
  return model.store.get();
}

describe('ListStatsModel', () => {
  test('a busy loop shows above half a core and an idle container near zero, with their memory', async () => {
    const busy = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'while :; do :; done'] });
    const idle = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = listStats(1000);
    model.watch(engine, [busy.id, idle.id]);
    // On a loaded machine one interval may give the loop less than its core: any of a few will do.
    const rows = await until(
      model,
      (r) => (r.get(busy.id)?.cpuPercent ?? 0) > 50 && r.get(idle.id)?.cpuPercent !== undefined,
      'the busy loop above 50%',
    );
    expect(rows.get(idle.id)!.cpuPercent).toBeLessThan(5);
    expect(rows.get(idle.id)!.memoryUsage).toBeGreaterThan(0);
    expect(rows.get(idle.id)!.memoryLimit).toBeGreaterThan(rows.get(idle.id)!.memoryUsage);
  });

  test('only the watched containers are read; one that scrolls away is dropped and no longer read', async () => {
    const a = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const b = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const other = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = listStats();
    model.watch(engine, [a.id, b.id]);
    await until(model, (r) => r.has(a.id) && r.has(b.id), 'both rows read');
    model.watch(engine, [a.id]);
    expect(model.store.get().has(b.id)).toBe(false);
    const readsBefore = asked.length;
    await sleep(1300);
    const since = asked.slice(readsBefore);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((id) => id === a.id)).toBe(true);
    expect(asked).not.toContain(other.id);
  });

  test('a container that stops loses its figures', async () => {
    const c = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = listStats();
    model.watch(engine, [c.id]);
    await until(model, (r) => r.has(c.id), 'a reading');
    await c.container.kill();
    await until(model, (r) => !r.has(c.id), 'the row dropped after the stop');
  });

  test('closed, it reads nothing and keeps no timer', async () => {
    const c = await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'] });
    const model = listStats();
    model.watch(engine, [c.id]);
    await until(model, (r) => r.has(c.id), 'a reading');
    model.watch(engine, []);
    expect(model.isPolling).toBe(false);
    expect(model.store.get().size).toBe(0);
    const reads = asked.length;
    await sleep(1200);
    expect(asked.length).toBe(reads);
  });
});
