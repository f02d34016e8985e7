/**
 * berth patches Ink's output stage (patches/ink+6.8.0.patch, applied by `npm ci` through
 * patch-package): caches that outlive a frame, rows reused when their writes did not change, and
 * lines that fit their clip left whole. These tests hold the patch to Ink's own results: the
 * same screen, frame after frame, and caches that stay bounded.
 */
import { describe, expect, it, vi } from 'vitest';
// Not among Ink's exports: imported by path, as the patch is about this very file.
import Output from '../../node_modules/ink/build/output.js';

type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };

function frame(width: number, height: number, writes: [number, number, string][], clip?: Clip): string {
  const output = new Output({ width, height });
  if (clip) output.clip(clip as Parameters<Output['clip']>[0]);
  for (const [x, y, text] of writes) output.write(x, y, text, { transformers: [] });
  if (clip) output.unclip();
  return output.get().output;
}

describe("Ink's output stage, as patched", () => {
  it('is patched: the caches are shared from one frame to the next', () => {
    const a = new Output({ width: 4, height: 1 }) as unknown as { caches: unknown };
    const b = new Output({ width: 4, height: 1 }) as unknown as { caches: unknown };
    expect(a.caches).toBe(b.caches);
  });

  it('draws a row again when one of its cells changed, and keeps the rows that did not', () => {
    const writes: [number, number, string][] = [
      [0, 0, 'top row'],
      [2, 1, '\x1b[31mred\x1b[39m text'],
      [0, 2, 'bottom'],
    ];
    const first = frame(20, 3, writes);
    expect(first.split('\n')[0]).toBe('top row');
    expect(first.split('\n')[1]).toBe('  \x1b[31mred\x1b[39m text');
    expect(frame(20, 3, writes)).toBe(first);

    const changed = frame(20, 3, [writes[0]!, [2, 1, '\x1b[32mred\x1b[39m text'], writes[2]!]);
    expect(changed.split('\n')[1]).toBe('  \x1b[32mred\x1b[39m text');
    expect(changed.split('\n')[0]).toBe('top row');
    // And back: the memo of the previous frame's row is not the answer for this one.
    expect(frame(20, 3, writes)).toBe(first);
  });

  it("draws only the rows whose writes differ from the last frame's", () => {
    const writes: [number, number, string][] = [
      [0, 0, '│ header'],
      [0, 1, '│▶ db      running'],
      [0, 2, '│  web     running'],
      [20, 0, '│\n│\n│'],
    ];
    frame(30, 3, writes);
    const drawRow = vi.spyOn(Output.prototype as unknown as { drawRow: () => string }, 'drawRow');
    try {
      expect(frame(30, 3, writes)).toBe(frame(30, 3, writes));
      expect(drawRow).not.toHaveBeenCalled();
      const moved = frame(30, 3, [
        writes[0]!,
        [0, 1, '│  db      running'],
        [0, 2, '│▶ web     running'],
        writes[3]!,
      ]);
      expect(drawRow).toHaveBeenCalledTimes(2);
      expect(moved.split('\n')).toEqual([
        `${'│ header'.padEnd(20)}│`,
        `${'│  db      running'.padEnd(20)}│`,
        `${'│▶ web     running'.padEnd(20)}│`,
      ]);
    } finally {
      drawRow.mockRestore();
    }
  });

  it("gives, frame after frame, what a frame drawn without the last frame's rows gives", () => {
    // Random frames over a few lines, wide and styled characters, overlapping writes, clips and
    // a change of width: each frame is compared with the same frame drawn with the memo emptied.
    const texts = ['abc', '日本', '\x1b[31mred\x1b[39m', 'x日y', '│\n│', 'long line of text', ''];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const width = 8 + random(3);
      const writes = Array.from({ length: 1 + random(5) }, (): [number, number, string] => [
        random(width),
        random(3),
        texts[random(texts.length)]!,
      ]);
      const clip = random(2) === 0 ? { x1: random(3), x2: 4 + random(5) } : undefined;
      const drawn = frame(width, 3, writes, clip);
      const memo = new Output({ width: 1, height: 1 }) as unknown as { caches: { rows: unknown[] } };
      memo.caches.rows = [];
      expect(drawn).toBe(frame(width, 3, writes, clip));
    }
  });

  it('a later write over a wide character leaves no half of it', () => {
    expect(
      frame(6, 1, [
        [0, 0, '日本語'],
        [1, 0, 'ab'],
      ]),
    ).toBe('日ab語');
    expect(frame(6, 1, [[0, 0, 'x日y']])).toBe('x日y');
  });

  it('a row that lost its text is blank again', () => {
    expect(
      frame(10, 2, [
        [0, 0, 'abc'],
        [0, 1, 'def'],
      ]),
    ).toBe('abc\ndef');
    expect(frame(10, 2, [[0, 0, 'abc']])).toBe('abc\n');
  });

  it('cuts lines at the clip, and leaves whole the ones that fit (styles and wide characters too)', () => {
    const clip = { x1: 0, x2: 6 };
    expect(
      frame(
        10,
        2,
        [
          [0, 0, '0123456789'],
          [0, 1, '日本語x'],
        ],
        clip,
      ),
    ).toBe('012345\n日本語');
    expect(frame(10, 1, [[1, 0, '\x1b[1mbold\x1b[22m']], clip)).toBe(' \x1b[1mbold\x1b[22m');
  });

  it('keeps only two frames of cache however many distinct lines go through it', () => {
    // 21,000 log lines, 40 to a frame.
    for (let i = 0; i < 21_000; i += 40) {
      frame(
        30,
        40,
        Array.from({ length: 40 }, (_, y): [number, number, string] => [0, y, `log line ${i + y}`]),
      );
    }
    const output = new Output({ width: 1, height: 1 }) as unknown as { caches: { size: number } };
    // Two frames' worth (this one's and the last one's): 2 × 40 lines, plus the widths of
    // the single characters they are made of.
    expect(output.caches.size).toBeLessThan(300);
  });
});
