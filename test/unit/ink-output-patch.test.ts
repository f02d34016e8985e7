/**
 * berth patches Ink's output stage (patches/ink+6.8.0.patch, applied by `npm ci` through
 * patch-package): caches that outlive a frame, rows reused when their cells did not change, and
 * lines that fit their clip left whole. These tests hold the patch to Ink's own results: the
 * same screen, frame after frame, and caches that stay bounded.
 */
import { describe, expect, it } from 'vitest';
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
