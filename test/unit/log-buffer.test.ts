import { describe, expect, test } from 'vitest';
import { LogBuffer, type LogLine } from '../../src/state/log-buffer.js';

const line = (text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ text, stream });
const texts = (lines: LogLine[]) => lines.map((l) => l.text);

function filled(capacity: number, count: number): LogBuffer {
  const buffer = new LogBuffer(capacity);
  for (let i = 0; i < count; i++) buffer.push(line(`line ${i}`));
  return buffer;
}

describe('LogBuffer', () => {
  test('keeps lines in order until it is full', () => {
    const buffer = filled(5, 3);
    expect(buffer.length).toBe(3);
    expect(texts(buffer.slice())).toEqual(['line 0', 'line 1', 'line 2']);
    expect(buffer.dropped).toBe(0);
    expect(buffer.totalPushed).toBe(3);
  });

  test('memory stays bounded at any volume: a million lines keep only the newest `capacity`', () => {
    const buffer = filled(10_000, 1_000_000);
    expect(buffer.length).toBe(10_000);
    expect(buffer.get(0)?.text).toBe('line 990000');
    expect(buffer.get(9_999)?.text).toBe('line 999999');
    expect(buffer.get(10_000)).toBeUndefined();
    expect(buffer.totalPushed).toBe(1_000_000);
    expect(buffer.dropped).toBe(990_000);
    expect(buffer.firstLineNumber).toBe(990_000);
  });

  test('the default capacity is 10,000 lines', () => {
    expect(new LogBuffer().capacity).toBe(10_000);
  });

  test('get and slice read across the wrap point', () => {
    const buffer = filled(5, 8); // slots hold 5 6 7 3 4: the oldest kept line is in the middle
    expect(texts(buffer.slice())).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(texts(buffer.slice(1, 4))).toEqual(['line 4', 'line 5', 'line 6']);
    expect(texts(buffer.slice(-2))).toEqual(['line 6', 'line 7']);
    expect(texts(buffer.slice(3, 100))).toEqual(['line 6', 'line 7']);
    expect(buffer.slice(4, 2)).toEqual([]);
    expect(buffer.get(2)?.text).toBe('line 5');
    expect(buffer.get(-1)).toBeUndefined();
  });

  test('keeps the stream and timestamp of each line', () => {
    const buffer = new LogBuffer(2);
    buffer.push({ text: 'oops', stream: 'stderr', timestamp: '2026-11-28T10:01:02.000000000Z' });
    expect(buffer.get(0)).toEqual({
      text: 'oops',
      stream: 'stderr',
      timestamp: '2026-11-28T10:01:02.000000000Z',
    });
  });

  test('version changes on every mutation and only then', () => {
    const buffer = new LogBuffer(2);
    const versions = [buffer.version];
    buffer.push(line('a'));
    versions.push(buffer.version);
    buffer.pushMany([line('b'), line('c'), line('d')]);
    versions.push(buffer.version);
    buffer.clear();
    versions.push(buffer.version);
    expect(new Set(versions).size).toBe(versions.length);
    const before = buffer.version;
    buffer.get(0);
    buffer.slice();
    buffer.search('a');
    buffer.pushMany([]);
    expect(buffer.version).toBe(before);
  });

  test('clear empties the buffer but the counters keep counting', () => {
    const buffer = filled(3, 5);
    buffer.clear();
    expect(buffer.length).toBe(0);
    expect(buffer.slice()).toEqual([]);
    expect(buffer.totalPushed).toBe(5);
    expect(buffer.dropped).toBe(2);
    buffer.push(line('after'));
    expect(texts(buffer.slice())).toEqual(['after']);
    expect(buffer.firstLineNumber).toBe(5);
  });

  test('replace puts the same lines read again in place: the newest keeps its number, the capacity holds', () => {
    const buffer = filled(3, 5);
    const version = buffer.version;
    buffer.replace(['line 2', 'line 3', 'line 4'].map((t) => ({ ...line(t), timestamp: `${t}Z` })));
    expect(buffer.firstLineNumber).toBe(2);
    expect(buffer.slice().map((l) => l.timestamp)).toEqual(['line 2Z', 'line 3Z', 'line 4Z']);
    expect(buffer.version).not.toBe(version);
    buffer.replace(['a', 'b', 'c', 'd'].map((t) => line(t)));
    expect(texts(buffer.slice())).toEqual(['b', 'c', 'd']);
    expect(buffer.totalPushed).toBe(5);
    const small = filled(10, 2);
    small.replace(['x', 'y', 'z'].map((t) => line(t)));
    expect(small.firstLineNumber).toBe(0);
    expect(small.totalPushed).toBe(3);
  });

  test('the bytes kept are bounded too: long lines evict the oldest before the line count is reached', () => {
    const buffer = new LogBuffer(1000, 64 * 1024);
    for (let i = 0; i < 500; i++) buffer.push(line(`${i} ${'x'.repeat(1020)}`));
    expect(buffer.length).toBeGreaterThanOrEqual(60);
    expect(buffer.length).toBeLessThanOrEqual(64);
    expect(buffer.get(buffer.length - 1)?.text.startsWith('499 ')).toBe(true);
    expect(buffer.dropped).toBe(500 - buffer.length);
  });

  test.each([
    ['wrapping in a full ring', 40, 2048, 300],
    ['growing the ring', 400, 512 * 1024, 3000],
  ])(
    'whatever the line lengths, the kept lines are the newest ones, intact (%s)',
    (_name, capacity, maxBytes, longest) => {
      // A little congruential generator: the same lines on every run.
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const buffer = new LogBuffer(capacity, maxBytes);
      const bytes = (l: LogLine) => 1 + (l.timestamp?.length ?? 0) + Buffer.byteLength(l.text);
      let all: LogLine[] = [];
      for (let i = 0; i < 3000; i++) {
        const text = ['', 'é', '日本語', 'a'.repeat(random(longest)), `line ${i}`][random(5)]!;
        const next: LogLine =
          random(3) === 0 ? { text, stream: 'stderr' } : { text, stream: 'stdout', timestamp: `t${i}Z` };
        if (i % 500 === 495) {
          all = all.slice(-30);
          buffer.replace(all);
        } else {
          if (random(2) === 0) {
            buffer.push(next);
          } else {
            // As the engine hands it over: bytes in a larger chunk, the timestamp ahead of the text.
            const stamp = next.timestamp ?? '';
            const bytes = Buffer.from(`xx${stamp} ${next.text}\nyy`);
            const start = 2 + stamp.length + 1;
            buffer.pushBytes(next.stream, bytes, start, bytes.length - 3, 2, 2 + stamp.length);
          }
          all.push(next);
        }
        if (i % 5 !== 0) continue;
        const kept = buffer.slice();
        expect(kept).toEqual(all.slice(all.length - kept.length));
        // At most one line's worth of room is lost where the ring wraps.
        let fit = 0;
        for (let used = 0; fit < Math.min(capacity, all.length); fit++) {
          used += bytes(all[all.length - 1 - fit]!);
          if (used > maxBytes - longest - 12) break;
        }
        expect(kept.length).toBeGreaterThanOrEqual(fit);
      }
    },
  );

  test('rejects a capacity below one line', () => {
    expect(() => new LogBuffer(0)).toThrow(/at least one line/);
  });

  describe('search', () => {
    const buffer = new LogBuffer(6);
    for (const text of ['boot', 'ERROR one', 'ok', 'warn', 'error two', 'ok', 'Error three', 'done']) {
      buffer.push(line(text));
    }
    // kept: 0 ok, 1 warn, 2 error two, 3 ok, 4 Error three, 5 done

    test.each([
      [undefined, 'forward', 2],
      [2, 'forward', 4],
      [4, 'forward', 2],
      [undefined, 'backward', 4],
      [4, 'backward', 2],
      [2, 'backward', 4],
    ] as const)('from %s going %s finds line %i, wrapping around', (from, direction, expected) => {
      expect(buffer.search('error', { from, direction })).toBe(expected);
    });

    test('is case-insensitive and finds the current line only after a full circle', () => {
      expect(buffer.search('DONE', { from: 5 })).toBe(5);
      expect(buffer.search('warn', { from: 1, direction: 'backward' })).toBe(1);
    });

    test('dropped lines are not found', () => {
      expect(buffer.search('boot')).toBeUndefined();
      expect(buffer.search('ERROR one')).toBeUndefined();
    });

    test('an empty query or an empty buffer finds nothing', () => {
      expect(buffer.search('')).toBeUndefined();
      expect(new LogBuffer(3).search('x')).toBeUndefined();
    });

    test('matches the text as shown, not the escape sequences in it', () => {
      const coloured = new LogBuffer(3);
      coloured.push(line('\x1b[31mfailed\x1b[0m to start'));
      coloured.push(line('title\x1b]0;secret\x07 shown'));
      expect(coloured.search('failed to')).toBe(0);
      expect(coloured.search('31m')).toBeUndefined();
      expect(coloured.search('secret')).toBeUndefined();
      expect(coloured.search('title shown')).toBe(1);
    });
  });
});
