import { describe, expect, test } from 'vitest';
import { FrameDemuxer, type FrameStream } from '../../src/engine/demux.js';
import { decodeLine, LineSplitter, utf8BoundaryBefore } from '../../src/engine/line-splitter.js';

function frame(stream: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Runs chunks through a demuxer and one line splitter per stream; returns the decoded lines. */
function demuxLines(chunks: Buffer[]): Array<[FrameStream, string]> {
  const lines: Array<[FrameStream, string]> = [];
  const splitters = {
    1: new LineSplitter((b, s, e) => lines.push([1, decodeLine(b, s, e, false)])),
    2: new LineSplitter((b, s, e) => lines.push([2, decodeLine(b, s, e, false)])),
  };
  const demuxer = new FrameDemuxer((stream, payload) => splitters[stream].push(payload));
  for (const chunk of chunks) demuxer.push(chunk);
  splitters[1].flush();
  splitters[2].flush();
  return lines;
}

/** Every way of cutting `bytes` into two chunks, and into single bytes. */
function everySplit(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) ways.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  ways.push([...bytes].map((b) => Buffer.from([b])));
  return ways;
}

describe('FrameDemuxer and LineSplitter', () => {
  const stream = Buffer.concat([
    frame(1, 'hello\nwor'),
    frame(2, 'oops\n'),
    frame(1, 'ld\n'),
    frame(1, ''),
    frame(2, 'price: 5€\n日本語'),
    frame(2, '\nno newline at the end'),
  ]);
  const expected: Array<[FrameStream, string]> = [
    [1, 'hello'],
    [2, 'oops'],
    [1, 'world'],
    [2, 'price: 5€'],
    [2, '日本語'],
    [2, 'no newline at the end'],
  ];

  test('many frames in one chunk give every line in order, each on its stream', () => {
    expect(demuxLines([stream])).toEqual(expected);
  });

  test('frames split at every byte boundary give the same lines', () => {
    for (const chunks of everySplit(stream)) expect(demuxLines(chunks)).toEqual(expected);
  });

  test('a line spread over several frames is joined, and the unfinished last line is flushed', () => {
    const lines = demuxLines([frame(1, 'a'), frame(1, 'b'), frame(1, 'c\nd')]);
    expect(lines).toEqual([
      [1, 'abc'],
      [1, 'd'],
    ]);
  });

  test('stdin frames (type 0) count as stdout', () => {
    expect(demuxLines([frame(0, 'typed\n')])).toEqual([[1, 'typed']]);
  });

  test('a stream that is not multiplexed passes through as stdout instead of being garbled', () => {
    expect(demuxLines([Buffer.from('plain tty output\nsecond\n')])).toEqual([
      [1, 'plain tty output'],
      [1, 'second'],
    ]);
  });

  test('midFrame tells whether the stream stopped inside a frame', () => {
    const demuxer = new FrameDemuxer(() => undefined);
    const whole = frame(1, 'abc');
    demuxer.push(whole.subarray(0, 5));
    expect(demuxer.midFrame).toBe(true);
    demuxer.push(whole.subarray(5));
    expect(demuxer.midFrame).toBe(false);
  });
});

describe('LineSplitter on its own', () => {
  function split(chunks: Buffer[], max?: number): string[] {
    const lines: string[] = [];
    const splitter = new LineSplitter((b, s, e) => lines.push(decodeLine(b, s, e, true)), max);
    for (const chunk of chunks) splitter.push(chunk);
    splitter.flush();
    return lines;
  }

  test.each([
    ['€ split inside the character', '€ costs\n', 1],
    ['€ split after its first two bytes', 'a€b\n', 3],
    ['日本語 split in its second character', '日本語\n', 4],
    ['CRLF split between \\r and \\n', 'tty line\r\nnext\r\n', 9],
  ])('%s decodes whole', (_name, text, cut) => {
    const bytes = Buffer.from(text);
    const expected = text.replace(/\r?\n$/, '').split(/\r?\n/);
    expect(split([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(expected);
  });

  test('a line that spans reads survives its first read being overwritten (a reused read buffer)', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((b, s, e) => lines.push(decodeLine(b, s, e, false)));
    // direct-get.ts reads every chunk into the same buffer: the next read overwrites the last.
    const buffer = Buffer.alloc(16);
    const read = (text: string) => {
      const size = buffer.write(text);
      splitter.push(buffer.subarray(0, size));
    };
    read('one\ntw');
    read('XXXXXXXXXXXXXXXX'.slice(0, 2));
    read('o\nthree\n');
    expect(lines).toEqual(['one', 'twXXo', 'three']);
  });

  test('empty lines are kept', () => {
    expect(split([Buffer.from('a\n\n\nb\n')])).toEqual(['a', '', '', 'b']);
  });

  test('an unfinished line longer than the limit is cut at a character boundary, nothing is lost', () => {
    const text = '€'.repeat(10); // 30 bytes, arriving a byte at a time with no newline
    const lines = split(
      [...Buffer.from(text)].map((b) => Buffer.from([b])),
      8,
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(text);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(8);
    expect(lines.every((l) => !l.includes('\ufffd'))).toBe(true);
  });

  test.each([
    ['ascii', 'abcdef', 3, 3],
    ['inside €', 'a€', 2, 1],
    ['inside €, last byte', 'a€', 3, 1],
    ['after €', 'a€b', 4, 4],
    ['beyond the end', 'ab', 10, 2],
  ])('utf8BoundaryBefore %s', (_name, text, limit, expected) => {
    expect(utf8BoundaryBefore(Buffer.from(text), limit)).toBe(expected);
  });
});
