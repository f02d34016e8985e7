/**
 * How often the Logs tab is told about new lines: a new stream's first ones together, then soon
 * after a line, but at a slower pace while a flood arrives (each update draws a screen of new
 * lines). The stream here is a stand-in that hands lines over on demand; what the engine sends
 * is tested in test/state/logs-model.test.ts.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LogsModel } from '../../src/state/logs-model.js';
import { standInLogEngine } from '../support/stand-in-log-engine.js';

const { engine, deliver: deliverLines } = standInLogEngine();

/** `count` lines arrive in one batch. */
const deliver = (count: number) => deliverLines(Array.from({ length: count }, () => 'a line'));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Milliseconds until the store changes after `lines` arrive. */
async function delayOf(logs: LogsModel, count: number): Promise<number> {
  let notified = false;
  const unsubscribe = logs.store.subscribe(() => {
    notified = true;
  });
  deliver(count);
  let waited = 0;
  while (!notified && waited < 1000) {
    await vi.advanceTimersByTimeAsync(1);
    waited++;
  }
  unsubscribe();
  return waited;
}

describe('LogsModel updates', () => {
  test('a few lines are shown within notifyMs; a flood is shown every floodNotifyMs; a pause ends the flood', async () => {
    const logs = new LogsModel(1000, 30, 200);
    await logs.open(engine, 'c1', { follow: true, timestamps: false });
    // The stream's first lines (a tail) are shown settleMs after they begin to arrive.
    expect(await delayOf(logs, 3)).toBe(12);
    expect(await delayOf(logs, 3)).toBe(30);
    expect(await delayOf(logs, 500)).toBe(30);
    // The last update carried a flood: the next waits longer, as long as lines keep coming.
    expect(await delayOf(logs, 500)).toBe(200);
    expect(await delayOf(logs, 500)).toBe(200);
    expect(await delayOf(logs, 5)).toBe(200);
    expect(await delayOf(logs, 5)).toBe(30);
    await vi.advanceTimersByTimeAsync(1000);
    await delayOf(logs, 500);
    // A line after a pause is shown at once, even when the last update was a flood.
    await vi.advanceTimersByTimeAsync(1000);
    expect(await delayOf(logs, 1)).toBe(30);
    logs.reset();
  });

  test("a new stream's tail, sent in chunks a few ms apart, is shown in one update", async () => {
    const logs = new LogsModel(1000, 30, 200, 250, 12);
    await logs.open(engine, 'c1', { follow: true, timestamps: false });
    const versions: number[] = [];
    const unsubscribe = logs.store.subscribe(() => versions.push(logs.store.get().version));
    deliver(1);
    await vi.advanceTimersByTimeAsync(5);
    deliver(20);
    await vi.advanceTimersByTimeAsync(100);
    unsubscribe();
    expect(versions).toEqual([logs.buffer.version]);
    expect(logs.buffer.length).toBe(21);
    expect(logs.store.get().opening).toBe(false);
    logs.reset();
  });

  test('a new stream is `opening` until its first lines, or until openingMs pass without one', async () => {
    const logs = new LogsModel(1000, 30, 200, 250);
    await logs.open(engine, 'c1', { follow: true, timestamps: false });
    expect(logs.store.get()).toMatchObject({ containerId: 'c1', streaming: true, opening: true });
    deliver(2);
    await vi.advanceTimersByTimeAsync(12);
    expect(logs.store.get()).toMatchObject({ version: logs.buffer.version, opening: false });

    await logs.open(engine, 'c2', { follow: true, timestamps: false });
    expect(logs.store.get()).toMatchObject({ containerId: 'c2', opening: true });
    await vi.advanceTimersByTimeAsync(249);
    expect(logs.store.get().opening).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    // A silent container: the Logs tab can say so.
    expect(logs.store.get()).toMatchObject({ containerId: 'c2', streaming: true, opening: false });
    logs.reset();
  });
});
