/**
 * The Logs tab's data against the private engine: a stopped container read to its end, a running
 * one followed, timestamps asked for only when shown (and the lines read again, without a gap or a
 * repeat, when they are turned on), and the Ctrl-S file holding what is shown.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { LogOptions } from '../../src/engine/logs.js';
import { LogsModel } from '../../src/state/logs-model.js';
import { makeContainer, runCleanup, testContext } from '../support/engine.js';

let ctx: EngineContext;
let engine: Engine;
/** Every request the models made, to tell which ones they asked for. */
const requests: LogOptions[] = [];
const cleanup: Array<() => Promise<unknown>> = [];
const models: LogsModel[] = [];

beforeAll(async () => {
  ctx = await testContext();
  const real = createEngine(ctx);
  engine = {
    ...real,
    streamLogs: (id, options, onLines) => {
      requests.push(options);
      return real.streamLogs(id, options, onLines);
    },
    streamLogLines: (id, options, sink) => {
      requests.push(options);
      return real.streamLogLines(id, options, sink);
    },
  };
});
afterEach(async () => {
  for (const m of models.splice(0)) m.reset();
  requests.length = 0;
  await runCleanup(cleanup);
});
afterAll(() => runCleanup(cleanup));

function model(capacity = 1000) {
  const logs = new LogsModel(capacity, 5);
  models.push(logs);
  return logs;
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const texts = (logs: LogsModel) => logs.buffer.slice().map((l) => l.text);
/** Each kept line's number with its text, e.g. `12:n12`. */
const numbered = (logs: LogsModel) =>
  logs.buffer.slice().map((l, i) => `${logs.buffer.firstLineNumber + i}:${l.text}`);

/** A container printing n1, n2, … every 20 ms. */
const COUNTER = ['sh', '-c', 'i=1; while :; do echo n$i; i=$((i+1)); sleep 0.02; done'];

describe('LogsModel', () => {
  test('a stopped container is read to its end, not followed, without timestamps unless shown', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'echo one; echo two'] });
    await container.wait();
    const logs = model();
    await logs.open(engine, id, { follow: false, timestamps: false });
    await until(() => !logs.store.get().streaming);
    expect(texts(logs)).toEqual(['one', 'two']);
    expect(logs.buffer.get(0)?.timestamp).toBeUndefined();
    expect(logs.store.get().error).toBeUndefined();
    expect(requests).toEqual([{ follow: false, timestamps: false, tail: 1000 }]);
  });

  test('turning timestamps on reads a stopped log again: the same lines under the same numbers, now stamped', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo n$i; done'],
    });
    await container.wait();
    const logs = model(4);
    // Opened twice, so the line numbers (which count every line ever read) are not the indexes.
    for (const _ of [1, 2]) {
      await logs.open(engine, id, { follow: false, timestamps: false });
      await until(() => !logs.store.get().streaming);
    }
    const before = numbered(logs);
    expect(before).toEqual(['4:n3', '5:n4', '6:n5', '7:n6']);
    await logs.showTimestamps();
    await until(() => logs.buffer.get(0)?.timestamp !== undefined && !logs.store.get().streaming);
    expect(numbered(logs)).toEqual(before);
    for (const line of logs.buffer.slice()) expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    // Shown again later: the lines have them already, nothing is read.
    const asked = requests.length;
    await logs.showTimestamps();
    expect(requests.length).toBe(asked);
  });

  test('turning timestamps on while following: every line stamped, then on from there without a gap or a repeat', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: COUNTER });
    const logs = model();
    await logs.open(engine, id, { follow: true, timestamps: false });
    await until(() => logs.buffer.length >= 10);
    await logs.showTimestamps();
    const stamped = () => logs.buffer.slice().every((l) => l.timestamp !== undefined);
    await until(() => stamped() && logs.buffer.length >= 40);
    expect(logs.store.get().streaming).toBe(true);
    const lines = texts(logs);
    expect(lines).toEqual(lines.map((_, i) => `n${i + 1}`));
    expect(stamped()).toBe(true);
    expect(requests.map((r) => ({ ...r, since: r.since === undefined ? undefined : 'a timestamp' }))).toEqual(
      [
        { follow: true, timestamps: false, tail: 1000, since: undefined },
        { follow: false, timestamps: true, tail: 1000, since: undefined },
        { follow: true, timestamps: true, since: 'a timestamp' },
      ],
    );
  });

  test('saving writes what is shown: timestamps only while they are on', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'echo out; sleep 0.2; echo err >&2'],
    });
    await container.wait();
    const logs = model();
    await logs.open(engine, id, { follow: false, timestamps: true });
    await until(() => !logs.store.get().streaming && logs.buffer.length === 2);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-save-'));
    try {
      const plain = path.join(dir, 'plain.log');
      expect(await logs.save(plain, { timestamps: false })).toBe(2);
      expect(await readFile(plain, 'utf8')).toBe('out\n[stderr] err\n');
      const stamped = path.join(dir, 'stamped.log');
      await logs.save(stamped, { timestamps: true });
      expect(await readFile(stamped, 'utf8')).toMatch(/^\S+Z out\n\S+Z \[stderr\] err\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
