/**
 * The count of dropped lines the Logs tab's title shows belongs to the log on screen: the buffer
 * is shared by every container's log, and a flood in one must not be reported in the next.
 */
import { describe, expect, test } from 'vitest';
import { LogsModel } from '../../src/state/logs-model.js';
import { standInLogEngine } from '../support/stand-in-log-engine.js';

const { engine, deliver } = standInLogEngine();
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i}`);

describe('the dropped lines count', () => {
  test("counts the lines the open log lost, not the last container's", async () => {
    const logs = new LogsModel(10, 0);
    await logs.open(engine, 'flood');
    deliver(numbered('flood', 25));
    expect(logs.buffer.dropped).toBe(15);

    await logs.open(engine, 'quiet');
    deliver(numbered('quiet', 4));
    expect(logs.buffer.dropped).toBe(0);
    // Its own drops are counted from there.
    deliver(numbered('quiet', 9));
    expect(logs.buffer.length).toBe(10);
    expect(logs.buffer.dropped).toBe(3);
  });

  test('starts again when the same container is opened again (its tail read anew)', async () => {
    const logs = new LogsModel(10, 0);
    await logs.open(engine, 'flood');
    deliver(numbered('flood', 25));
    await logs.open(engine, 'flood');
    deliver(numbered('again', 10));
    expect(logs.buffer.dropped).toBe(0);
  });

  test('a reset forgets it with the lines, while line numbers keep counting', async () => {
    const logs = new LogsModel(10, 0);
    await logs.open(engine, 'flood');
    deliver(numbered('flood', 25));
    const numberAfterFlood = logs.buffer.firstLineNumber + logs.buffer.length;
    logs.reset();
    expect(logs.buffer.dropped).toBe(0);
    await logs.open(engine, 'next');
    deliver(['first']);
    // Numbers are never reused: a paused view's line number cannot land on another log's line.
    expect(logs.buffer.firstLineNumber).toBe(numberAfterFlood);
  });
});
