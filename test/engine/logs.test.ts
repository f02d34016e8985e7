import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { isEngineError } from '../../src/engine/errors.js';
import { type LogLine, readLogs, streamLogs } from '../../src/engine/logs.js';
import { countingContext, makeContainer, runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterEach(() => runCleanup(cleanup));
afterAll(() => runCleanup(cleanup));

const COUNT = 20_000;
const PRINT_MANY = ['sh', '-c', `i=0; while [ $i -lt ${COUNT} ]; do echo line$i; i=$((i+1)); done`];

function expectAllLinesInOrder(lines: LogLine[]) {
  expect(lines.length).toBe(COUNT);
  for (let i = 0; i < COUNT; i++) {
    if (lines[i]!.text !== `line${i}`) expect(lines[i]!.text).toBe(`line${i}`);
    if (lines[i]!.stream !== 'stdout') expect(lines[i]!.stream).toBe('stdout');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('readLogs', () => {
  test.each([
    ['without a TTY', false],
    ['with a TTY', true],
  ])('20,000 lines arrive complete and in order %s', async (_name, tty) => {
    const { container } = await makeContainer(ctx, cleanup, { cmd: PRINT_MANY, tty });
    await container.wait();
    expectAllLinesInOrder(await readLogs(ctx, container.id));
  });

  test('stderr is told apart from stdout, and a TTY container has only stdout', async () => {
    const cmd = ['sh', '-c', 'echo to-out; echo to-err >&2; echo out-again'];
    const plain = await makeContainer(ctx, cleanup, { cmd });
    const tty = await makeContainer(ctx, cleanup, { cmd, tty: true });
    await Promise.all([plain.container.wait(), tty.container.wait()]);

    const plainLines = await readLogs(ctx, plain.id);
    expect(plainLines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['to-err']);
    expect(plainLines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual([
      'to-out',
      'out-again',
    ]);

    const ttyLines = await readLogs(ctx, tty.id);
    expect(ttyLines.map((l) => l.text).sort()).toEqual(['out-again', 'to-err', 'to-out']);
    expect(ttyLines.every((l) => l.stream === 'stdout')).toBe(true);
  });

  test('asks whether a container has a TTY once per container (by ID), not at each stream', async () => {
    const cmd = ['sh', '-c', 'echo hello'];
    const plain = await makeContainer(ctx, cleanup, { cmd });
    const tty = await makeContainer(ctx, cleanup, { cmd, tty: true });
    await Promise.all([plain.container.wait(), tty.container.wait()]);
    const proxy = await countingContext(ctx);
    cleanup.push(proxy.close);
    const counting = proxy.context;
    const inspects = () => proxy.requests.filter((r) => /^GET \/v[\d.]+\/containers\/[^/]+\/json$/.test(r));
    for (let i = 0; i < 3; i++) {
      expect((await readLogs(counting, plain.id)).map((l) => l.stream)).toEqual(['stdout']);
      expect((await readLogs(counting, tty.id)).map((l) => l.text)).toEqual(['hello']);
    }
    expect(inspects()).toHaveLength(2);
    expect(proxy.requests.filter((r) => r.includes('/logs?'))).toHaveLength(6);
    // Asked by name, the answer is not kept: the name may be another container's later.
    await readLogs(counting, plain.name);
    await readLogs(counting, plain.name);
    expect(inspects()).toHaveLength(4);
  });

  test('UTF-8 text and a last line without a newline come through whole', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: [
        'sh',
        '-c',
        "printf 'price 5\\342\\202\\254\\n\\346\\227\\245\\346\\234\\254\\350\\252\\236\\nno newline'",
      ],
    });
    await container.wait();
    expect((await readLogs(ctx, id)).map((l) => l.text)).toEqual(['price 5€', '日本語', 'no newline']);
  });

  test('tail N gives the last N lines', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, { cmd: ['seq', '1', '500'] });
    await container.wait();
    expect((await readLogs(ctx, id, { tail: 3 })).map((l) => l.text)).toEqual(['498', '499', '500']);
    expect(await readLogs(ctx, id, { tail: 0 })).toEqual([]);
  });

  test('timestamps are parsed off the text', async () => {
    const before = Date.now();
    const { container, id } = await makeContainer(ctx, cleanup, { cmd: ['sh', '-c', 'echo hello world'] });
    await container.wait();
    const [line, ...rest] = await readLogs(ctx, id, { timestamps: true });
    expect(rest).toEqual([]);
    expect(line?.text).toBe('hello world');
    expect(line?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    const printedAt = Date.parse(line!.timestamp!);
    expect(printedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(printedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  test('a line longer than 16 KiB comes back whole with timestamps on, with or without a TTY', async () => {
    const cmd = ['sh', '-c', 'head -c 40000 /dev/zero | tr "\\0" a; echo; echo short'];
    const plain = await makeContainer(ctx, cleanup, { cmd });
    const tty = await makeContainer(ctx, cleanup, { cmd, tty: true });
    await Promise.all([plain.container.wait(), tty.container.wait()]);
    for (const id of [plain.id, tty.id]) {
      const lines = await readLogs(ctx, id, { timestamps: true });
      expect(lines.map((l) => l.text)).toEqual(['a'.repeat(40_000), 'short']);
      expect(lines[0]?.timestamp).toMatch(/Z$/);
    }
  });

  test('since leaves out the lines printed before that time', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'echo early; sleep 1.5; echo late'],
    });
    await container.wait();
    const all = await readLogs(ctx, id, { timestamps: true });
    expect(all.map((l) => l.text)).toEqual(['early', 'late']);
    const cut = new Date(Date.parse(all[0]!.timestamp!) + 700);
    expect((await readLogs(ctx, id, { since: cut })).map((l) => l.text)).toEqual(['late']);
    expect((await readLogs(ctx, id, { since: cut.getTime() / 1000 - 5 })).map((l) => l.text)).toEqual([
      'early',
      'late',
    ]);
  });

  test('since an engine timestamp starts at that very line, to the nanosecond', async () => {
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'for i in 1 2 3 4 5 6 7 8; do echo n$i; done'],
    });
    await container.wait();
    const all = await readLogs(ctx, id, { timestamps: true });
    expect(all.map((l) => l.text)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8']);
    // Lines printed in one burst are microseconds apart: a millisecond `since` would not tell them apart.
    const from = all.findIndex((l, i) => i > 0 && l.timestamp !== all[i - 1]!.timestamp);
    expect(from).toBeGreaterThan(0);
    const again = await readLogs(ctx, id, { timestamps: true, since: all[from]!.timestamp! });
    expect(again).toEqual(all.filter((l) => l.timestamp! >= all[from]!.timestamp!));
  });

  test('through dockerode (TLS and ssh engines) the lines, their streams and errors are the same', async () => {
    const viaDockerode: EngineContext = { ...ctx, endpoint: { ...ctx.endpoint, protocol: 'ssh' } };
    const { container, id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', `${PRINT_MANY[2]}; sleep 0.2; echo oops >&2`],
    });
    await container.wait();
    const lines = await readLogs(viaDockerode, id);
    expect(lines.at(-1)).toEqual({ stream: 'stderr', text: 'oops' });
    expectAllLinesInOrder(lines.slice(0, -1));
    const error = await readLogs(viaDockerode, uniqueName('missing')).catch((e: unknown) => e);
    expect(isEngineError(error, 'NotFound')).toBe(true);
  });

  test('the logs of a missing container are a NotFound error', async () => {
    const error = await readLogs(ctx, uniqueName('missing')).catch((e: unknown) => e);
    expect(isEngineError(error, 'NotFound')).toBe(true);
  });
});

describe('streamLogs with follow', () => {
  test.each([
    ['without a TTY', false],
    ['with a TTY', true],
  ])('20,000 lines followed live arrive complete and in order %s', async (_name, tty) => {
    const { id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', `sleep 0.3; ${PRINT_MANY[2]}`],
      tty,
    });
    const lines: LogLine[] = [];
    const stream = await streamLogs(ctx, id, { follow: true }, (batch) => lines.push(...batch));
    await stream.done;
    expectAllLinesInOrder(lines);
  });

  test('lines printed after the subscription are delivered, and the stream ends when the container exits', async () => {
    const { id, container } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'echo before; sleep 1; echo after; sleep 0.5'],
    });
    const arrivals: Array<{ text: string; at: number }> = [];
    const subscribed = Date.now();
    const stream = await streamLogs(ctx, id, { follow: true }, (batch) => {
      for (const line of batch) arrivals.push({ text: line.text, at: Date.now() });
    });
    await stream.done;
    expect(arrivals.map((a) => a.text)).toEqual(['before', 'after']);
    expect(arrivals[1]!.at - subscribed).toBeGreaterThanOrEqual(700);
    const info = await container.inspect();
    expect(info.State.Running).toBe(false);
  });

  test('stop() cancels the stream: done resolves and no more lines come', async () => {
    const { id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'while :; do echo tick; sleep 0.05; done'],
    });
    let count = 0;
    const stream = await streamLogs(ctx, id, { follow: true }, (batch) => {
      count += batch.length;
    });
    await waitFor(() => count >= 3);
    stream.stop();
    await stream.done;
    const atStop = count;
    await sleep(400);
    expect(count).toBe(atStop);
  });

  test('following a created, never started container ends at once with no lines', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['echo', 'never'], start: false });
    const lines: LogLine[] = [];
    const started = Date.now();
    const stream = await streamLogs(ctx, id, { follow: true }, (batch) => lines.push(...batch));
    await stream.done;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines).toEqual([]);
  });

  test('following a missing container is a NotFound error', async () => {
    const error = await streamLogs(ctx, uniqueName('missing'), { follow: true }, () => undefined).catch(
      (e: unknown) => e,
    );
    expect(isEngineError(error, 'NotFound')).toBe(true);
  });
});
