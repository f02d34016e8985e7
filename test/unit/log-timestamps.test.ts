import { describe, expect, test } from 'vitest';
import { PARTIAL_MESSAGE_BYTES, removePartialTimestamps, timestampEnd } from '../../src/engine/logs.js';

const TS = '2026-11-28T01:16:52.545725004Z';

describe('timestampEnd', () => {
  test.each([
    ['a docker timestamp', `${TS} hello`, TS.length],
    ['a timestamp with an offset', '2026-11-28T01:16:52.5+01:00 hello', '2026-11-28T01:16:52.5+01:00'.length],
    ['text that only starts with digits', '2026 was a year', -1],
    ['a timestamp with no space after it', TS, -1],
    ['an empty line', '', -1],
  ])('%s', (_name, line, expected) => {
    const bytes = Buffer.from(line);
    expect(timestampEnd(bytes, 0, bytes.length)).toBe(expected);
  });
});

describe('removePartialTimestamps joins the parts of a line longer than 16 KiB', () => {
  const part = (char: string) => char.repeat(PARTIAL_MESSAGE_BYTES);

  test('parts of exactly 16 KiB', () => {
    const line = Buffer.from(`${part('a')}${TS} ${part('b')}${TS} tail`);
    expect(removePartialTimestamps(line, 0, line.length)?.toString()).toBe(`${part('a')}${part('b')}tail`);
  });

  test('a part made longer by a U+FFFD where the engine cut a character', () => {
    const first = Buffer.concat([Buffer.from('a'.repeat(PARTIAL_MESSAGE_BYTES - 1)), Buffer.from('\ufffd')]);
    const line = Buffer.concat([first, Buffer.from(`${TS} rest`)]);
    expect(removePartialTimestamps(line, 0, line.length)?.toString()).toBe(`${first.toString()}rest`);
  });

  test('a long line without embedded timestamps is left alone', () => {
    const line = Buffer.from(`${part('a')}2026 is not a timestamp`);
    expect(removePartialTimestamps(line, 0, line.length)).toBeUndefined();
  });
});
