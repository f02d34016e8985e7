import { describe, expect, test } from 'vitest';
import { ChunkedDecoder } from '../../src/engine/chunked.js';

function decode(pieces: Buffer[]): { body: string; done: boolean; after: string } {
  const parts: Buffer[] = [];
  const decoder = new ChunkedDecoder((bytes, start, end) =>
    parts.push(Buffer.from(bytes.subarray(start, end))),
  );
  let after = '';
  for (const piece of pieces) {
    const used = decoder.push(piece);
    if (used < piece.length) after += piece.subarray(used).toString();
  }
  return { body: Buffer.concat(parts).toString(), done: decoder.done, after };
}

/** Every way of cutting `bytes` into two pieces, and into single bytes. */
function everySplit(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) ways.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  ways.push([...bytes].map((b) => Buffer.from([b])));
  return ways;
}

describe('ChunkedDecoder', () => {
  const message = Buffer.from('5\r\nhello\r\n1;ext=1\r\n \r\n9\r\nwörld!\r\n\r\n0\r\nX-Trailer: 1\r\n\r\n');

  test('the body is the chunks joined, wherever the reads are cut, and it knows when it is done', () => {
    for (const pieces of everySplit(message)) {
      expect(decode(pieces)).toEqual({ body: 'hello wörld!\r\n', done: true, after: '' });
    }
  });

  test('a body cut short is not done', () => {
    const { body, done } = decode([message.subarray(0, 20)]);
    expect(body).toBe('hello ');
    expect(done).toBe(false);
  });

  test('bytes after the last chunk are not body', () => {
    expect(decode([Buffer.from('2\r\nok\r\n0\r\n\r\nHTTP/1.1 200')])).toEqual({
      body: 'ok',
      done: true,
      after: 'HTTP/1.1 200',
    });
  });

  test('a malformed or oversized chunk size throws', () => {
    expect(() => decode([Buffer.from('zz\r\n')])).toThrow(/malformed chunk size/);
    expect(() => decode([Buffer.from('fffffffff\r\n')])).toThrow(/too large/);
  });
});
