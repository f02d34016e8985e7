/**
 * LogsModel.reset(), which the Logs tab calls whenever the selection changes: it forgets the last
 * container's lines, and when there is nothing to forget it stores no new state (each new state
 * renders the screen again).
 */
import { describe, expect, test } from 'vitest';
import { LogsModel } from '../../src/state/logs-model.js';
import { standInLogEngine } from '../support/stand-in-log-engine.js';

const { engine, deliver: deliverLines } = standInLogEngine();
const deliver = (text: string) => deliverLines([text]);

/** How many times the store told its listeners while `run` ran. */
function notifications(logs: LogsModel, run: () => void): number {
  let count = 0;
  const unsubscribe = logs.store.subscribe(() => count++);
  run();
  unsubscribe();
  return count;
}

describe('LogsModel.reset', () => {
  test('forgets the lines and the container, and tells the UI', async () => {
    const logs = new LogsModel(100, 0);
    await logs.open(engine, 'web');
    deliver('GET /');
    expect(logs.buffer.length).toBe(1);
    expect(notifications(logs, () => logs.reset())).toBe(1);
    expect(logs.buffer.length).toBe(0);
    expect(logs.store.get()).toEqual({ version: logs.buffer.version, streaming: false });
  });

  test('stores no new state when already reset', async () => {
    const logs = new LogsModel(100, 0);
    await logs.open(engine, 'web');
    logs.reset();
    const state = logs.store.get();
    expect(notifications(logs, () => logs.reset())).toBe(0);
    expect(logs.store.get()).toBe(state);
  });

  test('an opened stream with no lines yet is still reset (it was streaming)', async () => {
    const logs = new LogsModel(100, 0);
    await logs.open(engine, 'db');
    expect(notifications(logs, () => logs.reset())).toBe(1);
    expect(logs.store.get()).toEqual({ version: logs.buffer.version, streaming: false });
  });
});
