/**
 * berth patches Ink's output stage (patches/ink+6.8.0.patch, applied by `npm ci` through
 * patch-package): caches that outlive a frame, rows reused when their writes did not change, and
 * lines that fit their clip left whole. These tests hold the patch to Ink's own results: the
 * same screen, frame after frame, and caches that stay bounded.
 */
import { describe, expect, it, vi } from 'vitest';
// Not among Ink's exports: imported by path, as the patch is about this very file.
import Output from '../../node_modules/ink/build/output.js';

/** A repeatable stream of integers below `n` (a linear congruential generator). */
function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

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
    const random = seededRandom(7);
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

describe('a row pasted from its lines', () => {
  const cells = (width: number, placements: (number | string)[]) => {
    const output = new Output({ width, height: 1 }) as unknown as {
      drawRowCells(p: (number | string)[]): string;
      pasteRow(p: (number | string)[]): { text: string } | undefined;
    };
    return { byCells: output.drawRowCells(placements), pasted: output.pasteRow(placements)?.text };
  };

  it('is drawn without a cell per column when its lines are plain or chalk-styled and apart', () => {
    const placements = [
      0,
      '\x1b[90m│\x1b[39m',
      1,
      '\x1b[1m\x1b[36m▶ web\x1b[39m\x1b[22m',
      8,
      'running',
      20,
      'Up 3 seconds',
      39,
      '\x1b[90m│\x1b[39m',
    ];
    const byCells = cells(40, placements).byCells;
    const drawRowCells = vi.spyOn(
      Output.prototype as unknown as { drawRowCells: () => string },
      'drawRowCells',
    );
    try {
      const writes: [number, number, string][] = [];
      for (let i = 0; i < placements.length; i += 2)
        writes.push([placements[i] as number, 0, placements[i + 1] as string]);
      expect(frame(40, 1, writes)).toBe(byCells);
      expect(drawRowCells).not.toHaveBeenCalled();
    } finally {
      drawRowCells.mockRestore();
    }
  });

  it('pastes a line of nested chalk pieces as the cells write it (the status line, on every move)', () => {
    const status =
      '\x1b[90ms ▸ \x1b[39m\x1b[36mdocker stop -t 10 db\x1b[39m\x1b[90m · \x1b[39m\x1b[90ms stop\x1b[39m';
    const row = cells(60, [0, status]);
    // One change of colour where the pieces meet, as the cells write it, not a close and an open.
    expect(row.byCells).toBe('\x1b[90ms ▸ \x1b[36mdocker stop -t 10 db\x1b[90m · s stop\x1b[39m');
    expect(row.pasted).toBe(row.byCells);
  });

  it('gives the very bytes the cell-by-cell way gives, or leaves the row to it', () => {
    const texts = [
      'abc',
      'plain text',
      '日本',
      'x日y',
      '│',
      '\x1b[90m│\x1b[39m',
      '\x1b[31mred\x1b[39m',
      '\x1b[31mred\x1b[39m tail',
      'head \x1b[32mgreen\x1b[39m',
      '\x1b[1m\x1b[36mbold cyan\x1b[39m\x1b[22m',
      '\x1b[36m\x1b[1mcyan bold\x1b[22m\x1b[39m',
      '\x1b[7m inverse \x1b[27m',
      '\x1b[31mleft open',
      '\x1b[2mdim\x1b[22m\x1b[1mbold\x1b[22m',
      '\x1b[31m日本\x1b[39m',
      // Nested chalk pieces, as Ink squashes a <Text> of coloured <Text>s (the status line): each
      // closes its colour and the next opens its own, which the cells write as one change.
      '\x1b[90ms ▸ \x1b[39m\x1b[36mdocker stop web\x1b[39m\x1b[90m · \x1b[39m',
      '\x1b[1m\x1b[36mLogs\x1b[39m\x1b[22m\x1b[1m\x1b[36m!\x1b[39m\x1b[22m',
      '\x1b[31mred\x1b[39m\x1b[31mred again\x1b[39m',
      'tab\there',
      '   ',
      '',
    ];
    const random = seededRandom(11);
    let pasted = 0;
    let pastedNested = 0;
    for (let i = 0; i < 2000; i++) {
      const width = 10 + random(30);
      const placements: (number | string)[] = [];
      let x = random(3);
      for (let n = random(6); n > 0 && x < width; n--) {
        const text = texts[random(texts.length)]!;
        // Mostly apart or touching, sometimes over the last one, sometimes out of order.
        placements.push(random(8) === 0 ? random(width) : x, text);
        x += text.replace(/\x1b\[[0-9;]*m/g, '').length + (random(3) === 0 ? 0 : random(4));
      }
      const row = cells(width, placements);
      if (row.pasted !== undefined) {
        pasted++;
        if (placements.some((p) => typeof p === 'string' && /\x1b\[39m\x1b\[(3|1)/.test(p))) pastedNested++;
        expect([placements, row.pasted]).toEqual([placements, row.byCells]);
      }
    }
    // Most rows take the fast way: the comparison above is not vacuous, for nested pieces too.
    expect(pasted).toBeGreaterThan(800);
    expect(pastedNested).toBeGreaterThan(10);
  });
});

describe("a line's measure read a run at a time", () => {
  type Segment = {
    width: number;
    first: unknown[];
    last: unknown[];
    openLength: number;
    closeLength: number;
    text?: string;
  };
  type Caches = {
    segmentByRuns(line: string): Segment | undefined | symbol;
    styledSegment(line: string): Segment | undefined;
  };
  const caches = (new Output({ width: 1, height: 1 }) as unknown as { caches: Caches }).caches;
  // The answer for a line it leaves to the cells (a control character is one such line).
  const notByRuns = caches.segmentByRuns('\x07');
  // The cell-by-cell way alone: styledSegment with the run reader answering "not mine".
  const byCells = (line: string) =>
    (caches.styledSegment as (line: string) => Segment | undefined).call(
      Object.assign(Object.create(caches), { segmentByRuns: () => notByRuns }),
      line,
    );
  const codesOf = (styles: unknown[]) =>
    (styles as { code: string; endCode: string }[]).map((s) => `${s.code}${s.endCode}`);

  it('is the measure the cells give, for every line it reads, and leaves the others to them', () => {
    expect(typeof notByRuns).toBe('symbol');
    const pieces = [
      'abc',
      ' ',
      'Up 3 minutes',
      '…',
      '▶',
      '»',
      '│',
      'é',
      '日本',
      '⭐',
      '⌚',
      '👍',
      'a\u0301',
      '\t',
      '\x1b',
      '\x1b[',
      '\x1b[m',
      '\x1b[0m',
      '\x1b[1m',
      '\x1b[2m',
      '\x1b[22m',
      '\x1b[7m',
      '\x1b[27m',
      '\x1b[31m',
      '\x1b[32m',
      '\x1b[39m',
      '\x1b[90m',
      '\x1b[1;31m',
      '\x1b[38;5;100m',
      '\x1b[38;2;1;2;3m',
      '\x1b[49m',
      '\x1b[44m',
      '\x1b[K',
      '\x1b]8;;http://x\x07',
      '\x9b31m',
    ];
    const random = seededRandom(7);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let line = '';
      for (let n = 1 + random(8); n > 0; n--) line += pieces[random(pieces.length)];
      lines.push(line);
    }
    // And chalk's own rows, nested and under an inverse, as the lists draw them.
    for (const row of [
      '\x1b[7m \x1b[36m»\x1b[39m\x1b[1mweb\x1b[22m \x1b[32mrunning\x1b[39m Up 3 minutes\x1b[90m busybox:la…\x1b[39m\x1b[27m',
      '\x1b[1m\x1b[90mlabel\x1b[39m\x1b[22m 12 MB',
      // Lines the cells write otherwise: nested pieces (the status line, a tab title), left open.
      '\x1b[90ms ▸ \x1b[39m\x1b[36mdocker stop -t 10 db\x1b[39m\x1b[90m · \x1b[39m\x1b[90ms stop\x1b[39m',
      '\x1b[90m┌ \x1b[7m\x1b[1m\x1b[36mLogs\x1b[39m\x1b[90m\x1b[22m\x1b[27m │ Inspect ┐\x1b[39m',
      '\x1b[31mleft open',
      'abc\x1b[31m',
    ])
      lines.push(row);
    let read = 0;
    let measuredCount = 0;
    let rewritten = 0;
    for (const line of lines) {
      const runs = caches.segmentByRuns(line);
      if (runs === notByRuns) continue;
      read++;
      const cells = byCells(line);
      if (cells === undefined || runs === undefined) {
        expect([line, runs]).toEqual([line, cells]);
        continue;
      }
      measuredCount++;
      const measured = runs as Segment;
      expect([
        line,
        measured.width,
        measured.openLength,
        measured.closeLength,
        codesOf(measured.first),
        codesOf(measured.last),
        measured.text,
      ]).toEqual([
        line,
        cells.width,
        cells.openLength,
        cells.closeLength,
        codesOf(cells.first),
        codesOf(cells.last),
        cells.text,
      ]);
      if (measured.text !== undefined) rewritten++;
    }
    // Most lines are read by runs: the comparison above is not vacuous…
    expect(read).toBeGreaterThan(1000);
    // Many of them are lines the cells also take as they are (not left open, codes in order),
    // and many are lines the cells write otherwise (the same styles, other codes).
    expect(measuredCount).toBeGreaterThan(300);
    expect(measuredCount - rewritten).toBeGreaterThan(300);
    expect(rewritten).toBeGreaterThanOrEqual(4);
  });
});

describe("the measures of a row's lines", () => {
  it('stay bounded however many distinct styled lines go through them', () => {
    for (let i = 0; i < 21_000; i += 40) {
      frame(
        30,
        40,
        Array.from({ length: 40 }, (_, y): [number, number, string] => [
          0,
          y,
          `\x1b[2m${i + y}\x1b[22m log line`,
        ]),
      );
    }
    const output = new Output({ width: 1, height: 1 }) as unknown as {
      caches: { segments: { size: number } };
    };
    expect(output.caches.segments.size).toBeLessThanOrEqual(1000);
  });
});

describe('texts sanitised by Ink', () => {
  it('keep their colours and lose cursor moves, the same the second time and after many others', async () => {
    const { default: sanitizeAnsi } = await import('../../node_modules/ink/build/sanitize-ansi.js');
    const text = '\x1b[31mred\x1b[39m\x1b[2Jcleared\x1b[1A up';
    expect(sanitizeAnsi(text)).toBe('\x1b[31mred\x1b[39mcleared up');
    expect(sanitizeAnsi(text)).toBe('\x1b[31mred\x1b[39mcleared up');
    for (let i = 0; i < 5000; i++) sanitizeAnsi(`\x1b[32m${i}\x1b[39m\x1b[K`);
    expect(sanitizeAnsi(text)).toBe('\x1b[31mred\x1b[39mcleared up');
    expect(sanitizeAnsi('\x1b[32m4999\x1b[39m\x1b[K')).toBe('\x1b[32m4999\x1b[39m');
  });
});
