/**
 * The log stream's read pacing (src/engine/read-pacer.ts): when it rests, and that a paced flood
 * of small writes, sent from another thread so the rests cannot hold the writer up, arrives whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import type { Endpoint } from '../../src/engine/connection.js';
import { getDirectly } from '../../src/engine/direct-get.js';
import {
  CALM_MS,
  FLOOD_GAP_MS,
  FRUITLESS_RESTS,
  GATHERED_ENOUGH_BYTES,
  REST_MS,
  ReadPacer,
  restThread,
  SMALL_READ_BYTES,
} from '../../src/engine/read-pacer.js';

/** A pacer on a clock the test moves; returns the rests it took. */
function pacerOnClock() {
  let clock = 100;
  const rests: number[] = [];
  const pacer = new ReadPacer(
    () => clock,
    (ms) => {
      rests.push(ms);
      clock += ms;
    },
  );
  return {
    rests,
    /** A read of `size` bytes arriving `gap` ms after the previous one was handled. */
    read(size: number, gap: number) {
      clock += gap;
      pacer.read(size, () => undefined);
    },
  };
}

describe('ReadPacer', () => {
  test('rests after each small read that comes close behind the last, as in a flood', () => {
    const { rests, read } = pacerOnClock();
    read(2_000, 0); // the first read: nothing came before it
    read(2_000, 0.05);
    read(GATHERED_ENOUGH_BYTES, 0.1);
    expect(rests).toEqual([REST_MS, REST_MS]);
  });

  test('does not rest after a large read: lines gather fast enough already', () => {
    const { rests, read } = pacerOnClock();
    read(2_000, 0);
    read(SMALL_READ_BYTES, 0.05);
    read(60_000, 0.01);
    expect(rests).toEqual([]);
  });

  test('does not rest when reads come apart: a log printing slowly', () => {
    const { rests, read } = pacerOnClock();
    read(40, 0);
    read(40, FLOOD_GAP_MS);
    read(40, 20);
    expect(rests).toEqual([]);
  });

  test('the gap is counted from when the previous read was handled, its rest included', () => {
    const { rests, read } = pacerOnClock();
    read(2_000, 0);
    read(2_000, 0.1); // rests; handled at +0.25
    read(2_000, FLOOD_GAP_MS - 0.01); // still a flood
    expect(rests).toEqual([REST_MS, REST_MS]);
  });

  test('rests that gathered little, several in a row, calm the pacer for a while: a log of a few thousand lines a second', () => {
    const { rests, read } = pacerOnClock();
    read(2_000, 0);
    read(2_000, 0.05); // rests
    read(GATHERED_ENOUGH_BYTES - 1, 0.05); // gathered little: one alone changes nothing
    read(2_000, 0.05); // gathered enough: the count starts again
    expect(rests).toEqual([REST_MS, REST_MS, REST_MS]);
    rests.length = 0;
    for (let i = 0; i < FRUITLESS_RESTS; i++) read(GATHERED_ENOUGH_BYTES - 1, 0.05);
    // The last of those was the eighth fruitless rest in a row: it and the next take none.
    expect(rests).toHaveLength(FRUITLESS_RESTS - 1);
    read(200, 0.05);
    expect(rests).toHaveLength(FRUITLESS_RESTS - 1);
    read(200, CALM_MS); // a pause: no flood
    read(2_000, 0.05); // a flood again, after the calm
    expect(rests).toHaveLength(FRUITLESS_RESTS);
  });

  test('restThread blocks the thread for about as long as asked', () => {
    const start = performance.now();
    restThread(5);
    const took = performance.now() - start;
    expect(took).toBeGreaterThanOrEqual(4.5);
    expect(took).toBeLessThan(500);
  });
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A server on its own thread: answers a GET with `lines` chunks, each line its own write as the
 * engine flushes each log line, then the last chunk.
 */
async function floodServer(lines: number): Promise<{ endpoint: Endpoint; worker: Worker }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-pacer-'));
  dirs.push(dir);
  const socketPath = path.join(dir, 's.sock');
  const worker = new Worker(
    `
    const net = require('node:net');
    const { workerData, parentPort } = require('node:worker_threads');
    const server = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n');
        let i = 0;
        // A few lines per turn of the loop, so the writes trickle as a printing container's do.
        const some = () => {
          for (const last = Math.min(i + 5, workerData.lines); i < last; ) {
            const line = 'GET /page/' + ++i + ' 200\\n';
            socket.write(Buffer.byteLength(line).toString(16) + '\\r\\n' + line + '\\r\\n');
          }
          if (i < workerData.lines) return setImmediate(some);
          socket.end('0\\r\\n\\r\\n');
          server.close();
        };
        some();
      });
    });
    server.listen(workerData.socketPath, () => parentPort.postMessage('listening'));
    `,
    { eval: true, workerData: { socketPath, lines } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return { endpoint: { protocol: 'unix', url: `unix://${socketPath}`, socketPath, source: 'test' }, worker };
}

test('a paced flood of small writes arrives whole and in order', async () => {
  const lines = 20_000;
  const { endpoint, worker } = await floodServer(lines);
  try {
    const parts: string[] = [];
    let rests = 0;
    const pacer = new ReadPacer(undefined, (ms) => {
      rests++;
      restThread(ms);
    });
    const response = await getDirectly(
      endpoint,
      '/logs',
      (bytes, start, end) => {
        parts.push(bytes.toString('utf8', start, end));
      },
      { pacer },
    );
    await new Promise<void>((resolve, reject) => {
      response.on('end', resolve);
      response.on('error', reject);
    });
    const expected = Array.from({ length: lines }, (_, i) => `GET /page/${i + 1} 200\n`).join('');
    expect(parts.join('')).toBe(expected);
    expect(response.complete).toBe(true);
    // The writes trickled in small reads close together: the pacer rested (~150 of ~190 reads in trials).
    expect(rests).toBeGreaterThan(0);
  } finally {
    await worker.terminate();
  }
});
