/**
 * The screen writer sends Ink's frames as the cells that changed. What matters is what a person
 * sees: each frame is written both ways, through the writer onto one @xterm/headless screen and
 * whole (the screen cleared first) onto another, and the two screens are compared cell by cell,
 * characters and attributes, over many random frames and changes between them.
 */
import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { type RowCells, rowCells, styleAt } from '../../src/ui/screen-cells.js';
import { createScreenWriter, rowChange, type ScreenWriter } from '../../src/ui/screen-writer.js';

const terminals: xterm.Terminal[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.dispose();
});

function terminal(cols: number, rows: number): xterm.Terminal {
  const t = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  terminals.push(t);
  return t;
}

const writeTo = (t: xterm.Terminal, data: string) => new Promise<void>((resolve) => t.write(data, resolve));

/** Every cell of the screen: its characters, width and attributes. */
function cellsOf(t: xterm.Terminal): string[] {
  const out: string[] = [];
  const buffer = t.buffer.active;
  const cell = buffer.getNullCell();
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(y);
    for (let x = 0; x < t.cols; x++) {
      line?.getCell(x, cell);
      out.push(
        [
          y,
          x,
          cell.getChars() || ' ',
          cell.getWidth(),
          cell.getFgColorMode(),
          cell.getFgColor(),
          cell.getBgColorMode(),
          cell.getBgColor(),
          cell.isBold(),
          cell.isDim(),
          cell.isItalic(),
          cell.isUnderline(),
          cell.isInverse(),
          cell.isStrikethrough(),
          cell.isInvisible(),
          cell.isOverline(),
        ].join(':'),
      );
    }
  }
  return out;
}

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

// What Ink's rows hold: chalk's SGR sequences around text (nested too), box drawing, symbols,
// wide characters.
const STYLES = [
  '1',
  '2',
  '3',
  '4',
  '7',
  '8',
  '9',
  '53',
  '31',
  '36',
  '92',
  '44',
  '38;5;214',
  '48;2;10;20;30',
  '1;36',
];
const CLOSES: Record<string, string> = {
  '1': '22',
  '2': '22',
  '3': '23',
  '4': '24',
  '7': '27',
  '8': '28',
  '9': '29',
  '53': '55',
  '1;36': '22;39',
};
const TEXT = ['ab', 'web', ' ', '   ', '│', '─', '▶', '·', '…', '漢字', '🐳', 'e\u0301', 'x', 'running'];

function styled(text: string, style: string): string {
  const close = CLOSES[style] ?? (style.startsWith('4') && style !== '4' ? '49' : '39');
  return `\x1b[${style}m${text}\x1b[${close}m`;
}

/** A row as parts (each plain or styled text, sometimes one inside another). */
type Row = string[];

function randomPart(r: ReturnType<typeof random>): string {
  const text = r.pick(TEXT);
  const roll = r.next();
  if (roll < 0.4) return text;
  if (roll < 0.85) return styled(text, r.pick(STYLES));
  return styled(`${r.pick(TEXT)}${styled(text, r.pick(STYLES))}`, r.pick(STYLES));
}

/** At most `cols` columns, as Ink writes a row (no trailing blanks). */
function rowText(row: Row, cols: number): string {
  let text = '';
  let width = 0;
  for (const part of row) {
    const cells = stringWidth(part);
    if (width + cells > cols) break;
    width += cells;
    text += part;
  }
  return text.replace(/ +$/, '');
}

function randomRow(r: ReturnType<typeof random>, cols: number): Row {
  const row = Array.from({ length: r.int(8) }, () => randomPart(r));
  // Now and then as wide as the screen.
  if (r.next() < 0.15) row.push('x'.repeat(cols));
  return row;
}

/**
 * A frame much like the last: a part of a row changed, a part added or taken away, a whole row
 * new, sometimes fewer or more rows.
 */
function nextFrame(r: ReturnType<typeof random>, last: Row[], cols: number, rows: number): Row[] {
  const frame = last.map((row) => row.slice());
  const changes = 1 + r.int(3);
  for (let i = 0; i < changes; i++) {
    const y = r.int(frame.length);
    const row = frame[y] as Row;
    const roll = r.next();
    if (roll < 0.4 && row.length > 0) row[r.int(row.length)] = randomPart(r);
    else if (roll < 0.6) row.splice(r.int(row.length + 1), 0, randomPart(r));
    else if (roll < 0.75 && row.length > 0) row.splice(r.int(row.length), 1);
    else frame[y] = randomRow(r, cols);
  }
  if (r.next() < 0.1) frame.length = Math.max(1, frame.length - 1 - r.int(3));
  while (frame.length < rows && r.next() < 0.3) frame.push(randomRow(r, cols));
  return frame;
}

/** The frame written whole, from a cleared screen: what Ink's own writer leaves on screen. */
const writtenWhole = (rows: string[]) =>
  `\x1b[0m\x1b[H\x1b[2J${rows.map((row, y) => `\x1b[${y + 1};1H${row}`).join('')}`;

/** A writer onto an @xterm/headless screen of its own, every write also kept in `written`. */
function recordedScreen(cols: number, rows: number) {
  const screen = terminal(cols, rows);
  const written: string[] = [];
  const output = {
    columns: cols,
    rows,
    write: (text: string) => {
      written.push(text);
      screen.write(text);
    },
  };
  return { screen, written, output, writer: createScreenWriter(output) };
}

/** The next frame (`frame`, written now) clears the screen and is written whole. */
function expectNextFrameWhole(writer: ScreenWriter, written: string[], frame: string) {
  written.length = 0;
  expect(writer.willRender(frame)).toBe(true);
  writer(frame);
  expect(written.join('')).toContain('\x1b[H\x1b[2J');
  expect(written.join('')).toContain(frame.split('\n')[0]);
}

describe('createScreenWriter', () => {
  it('leaves the screen as the frames written whole would, over many random frames', async () => {
    const cols = 24;
    const rows = 8;
    for (let seed = 1; seed <= 16; seed++) {
      const r = random(seed);
      const diffed = terminal(cols, rows);
      const whole = terminal(cols, rows);
      const output = { columns: cols, rows, write: (text: string) => void diffed.write(text) };
      const writer = createScreenWriter(output);
      let frame: Row[] = Array.from({ length: rows - 1 }, () => randomRow(r, cols));
      for (let step = 0; step < 40; step++) {
        const texts = frame.map((row) => rowText(row, cols));
        // Ink ends a frame shorter than the screen with a newline.
        writer(`${texts.join('\n')}\n`);
        await writeTo(diffed, '');
        await writeTo(whole, writtenWhole(texts));
        expect(cellsOf(diffed), `seed ${seed}, step ${step}`).toEqual(cellsOf(whole));
        frame = nextFrame(r, frame, cols, rows - 1);
      }
    }
  });

  it('after the terminal narrows, a frame drawn at the old width is followed by a whole one', async () => {
    const { screen, written, output, writer } = recordedScreen(30, 6);
    const wide = Array.from({ length: 5 }, (_, y) => `row ${y} ${'#'.repeat(20)}|`);
    writer(`${wide.join('\n')}\n`);
    screen.resize(20, 6);
    output.columns = 20;
    // Ink draws once more before the app re-renders at the new size: rows 26 columns wide.
    writer(`${wide.join('\n')}\n`);
    const narrow = Array.from({ length: 5 }, (_, y) => `row ${y} ${'#'.repeat(10)}|`);
    writer(`${narrow.join('\n')}\n`);
    await writeTo(screen, '');
    const reference = terminal(20, 6);
    await writeTo(reference, writtenWhole(narrow));
    expect(cellsOf(screen)).toEqual(cellsOf(reference));
    // And back to sending what changed.
    written.length = 0;
    narrow[2] = 'row 2 changed';
    writer(`${narrow.join('\n')}\n`);
    expect(written.join('')).not.toContain('\x1b[2J');
    expect(written.join('')).toContain('changed');
  });

  it('blanks a row past the last frame that something else drew on (forgetRows)', async () => {
    const { screen, writer } = recordedScreen(20, 5);
    writer('one\ntwo\n');
    await writeTo(screen, '\x1b[4;1Hpainted');
    writer.forgetRows(3, 1);
    writer('one\ntwo\n');
    await writeTo(screen, '');
    const reference = terminal(20, 5);
    await writeTo(reference, writtenWhole(['one', 'two']));
    expect(cellsOf(screen)).toEqual(cellsOf(reference));
  });

  it("takes Ink's word for what it wrote itself (sync), and clears the screen after clear()", async () => {
    const { screen, written, writer } = recordedScreen(20, 5);
    writer('one\ntwo\nthree\n');
    // Ink's full-screen branch: it clears and writes the frame itself, then syncs the writer.
    await writeTo(screen, '\x1b[2J\x1b[3J\x1b[Halpha\r\nbeta\r\ngamma\r\ndelta\r\nepsilon');
    writer.sync('alpha\nbeta\ngamma\ndelta\nepsilon');
    writer('alpha\nBETA\ngamma\n');
    await writeTo(screen, '');
    const reference = terminal(20, 5);
    await writeTo(reference, writtenWhole(['alpha', 'BETA', 'gamma']));
    expect(cellsOf(screen)).toEqual(cellsOf(reference));

    writer.clear();
    expectNextFrameWhole(writer, written, 'alpha\nBETA\ngamma\n');
  });

  it('draws the last frame again whole at once when asked to (Ctrl-L), over whatever else was written', async () => {
    const { screen, written, writer } = recordedScreen(20, 4);
    writer('one\nqqq\n');
    // Another program: text, the cursor shown, the line-drawing character set left on (as G0, and
    // shifted to as G1), scroll margins with origin mode, insert mode, autowrap off.
    await writeTo(
      screen,
      '\x1b[1;3H(node:1) Warning: x\x1b[?25h\x1b(0\x1b)0\x0e\x1b[2;3r\x1b[?6h\x1b[4h\x1b[?7l',
    );
    written.length = 0;
    writer.redrawAll();
    await writeTo(screen, '');
    const reference = terminal(20, 4);
    await writeTo(reference, writtenWhole(['one', 'qqq']));
    // `qqq`, not `───`.
    expect(cellsOf(screen)).toEqual(cellsOf(reference));
    expect(written.join('')).toContain('\x1b[?25l');
  });

  it('takes a width and height of 0 as unknown (a pty not sized yet)', () => {
    const written: string[] = [];
    const writer = createScreenWriter({ columns: 0, rows: 0, write: (t: string) => void written.push(t) });
    writer('one\ntwo\n');
    written.length = 0;
    writer('one\ntoo\n');
    const out = written.join('');
    // Only the changed cell, and the cursor parked below the frame, not at the top.
    expect(out).not.toContain('\x1b[2J');
    expect(out).toContain('\x1b[2;2Ho');
    expect(out.endsWith('\x1b[3;1H')).toBe(true);
  });

  it('sends a redraw to a terminal as one synchronized update', () => {
    const written: string[] = [];
    const writer = createScreenWriter({
      columns: 20,
      rows: 4,
      isTTY: true,
      write: (t: string) => void written.push(t),
    });
    writer('one\n');
    written.length = 0;
    writer.redrawAll();
    const out = written.join('');
    expect(out.startsWith('\x1b[?2026h')).toBe(true);
    expect(out.endsWith('\x1b[?2026l')).toBe(true);
    expect(out).toContain('one');
  });

  it('shows the cursor where Ink asks for it, hides it while a frame is written, and parks it below', async () => {
    const { screen, written, writer } = recordedScreen(20, 5);
    writer.setCursorPosition({ x: 3, y: 1 });
    writer('one\ntwo\n');
    await writeTo(screen, '');
    expect([screen.buffer.active.cursorX, screen.buffer.active.cursorY]).toEqual([3, 1]);
    expect(written.join('').endsWith('\x1b[?25h')).toBe(true);
    written.length = 0;
    writer('one\ntoo\n');
    await writeTo(screen, '');
    // Hidden first (it was shown), parked on the row after the frame, not shown again.
    expect(written.join('').startsWith('\x1b[?25l')).toBe(true);
    expect(written.join('')).not.toContain('\x1b[?25h');
    expect([screen.buffer.active.cursorX, screen.buffer.active.cursorY]).toEqual([0, 2]);

    // Ink's own writes (sync) keep the cursor as its writer would: shown where asked, else hidden.
    written.length = 0;
    writer.setCursorPosition({ x: 1, y: 0 });
    writer.sync('one\ntoo\n');
    expect(written.join('')).toBe('\x1b[1;2H\x1b[?25h');
    written.length = 0;
    writer.sync('one\ntoo\n');
    expect(written.join('')).toBe('\x1b[?25l');
  });

  it('writes only the changed cells of a changed row', () => {
    const { written, writer } = recordedScreen(80, 24);
    const frame = Array.from({ length: 23 }, (_, y) => `${styled('│', '36')} row ${y} ${'x'.repeat(60)}`);
    writer(`${frame.join('\n')}\n`);
    expect(written.join('').length).toBeGreaterThan(23 * 60);
    frame[5] = `${styled('│', '36')} row 5 ${'x'.repeat(30)}${styled('▶', '1')}${'x'.repeat(29)}`;
    written.length = 0;
    expect(writer(`${frame.join('\n')}\n`)).toBe(true);
    const out = written.join('');
    // Row 6 (1-based), column 39: the one changed cell, bold, then back to the default style.
    expect(out).toContain('\x1b[6;39H\x1b[0m\x1b[1m▶\x1b[0m');
    expect(out.length).toBeLessThan(40);
  });

  it('writes nothing for the same frame, and a row drawn over (forgetRows) whole the next time', () => {
    const { written, writer } = recordedScreen(20, 5);
    const frame = 'one\ntwo\nthree\n';
    writer(frame);
    written.length = 0;
    expect(writer.willRender(frame)).toBe(false);
    expect(writer(frame)).toBe(false);
    expect(written).toEqual([]);
    writer.forgetRows(1, 1);
    expect(writer.willRender(frame)).toBe(true);
    writer(frame);
    expect(written.join('')).toContain('\x1b[2;1H\x1b[0m\x1b[2Ktwo\x1b[0m');
    expect(written.join('')).not.toContain('three');
  });

  it('clears the screen and writes the frame whole when the terminal changes size', () => {
    const { written, output, writer } = recordedScreen(20, 5);
    writer('one\ntwo\n');
    output.columns = 30;
    expectNextFrameWhole(writer, written, 'one\ntwo\n');
  });

  it('writes a row it cannot read (an escape other than SGR) whole', async () => {
    const { screen, writer } = recordedScreen(20, 4);
    writer('abc\nlink\n');
    writer('abc\n\x1b]8;;http://x\x07link\x1b]8;;\x07 here\n');
    await writeTo(screen, '');
    expect(screen.buffer.active.getLine(1)?.translateToString(true)).toBe('link here');
  });
});

describe('rowCells', () => {
  it('has cells for one-column characters in SGR styles, and none for anything else', () => {
    const row = rowCells('\x1b[1;36m┌ web\x1b[22;39m ▶ · …\x1b[38;5;214mx\x1b[0m') as RowCells;
    expect(row.text).toBe('┌ web ▶ · …x');
    expect([0, 4, 5, 10, 11].map((column) => styleAt(row, column))).toEqual([
      '\x1b[1;36m',
      '\x1b[1;36m',
      '',
      '',
      '\x1b[38;5;214m',
    ]);
    expect(styleAt(row, 12)).toBe('');
    // Wide in some terminals and not in others, or not a grapheme of its own: the row goes whole.
    for (const text of ['漢', '🐳', 'e\u0301', '\x1b]8;;http://x\x07a', '\x1b[4:3mx', '\x1b[2Jx']) {
      expect(rowCells(`ok ${text}`), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('rowChange', () => {
  it('changes the columns from the first changed cell to the last, in their styles', () => {
    const before = rowCells('│ web    running') as NonNullable<ReturnType<typeof rowCells>>;
    const after = rowCells(`│▶${'\x1b[1m'}web${'\x1b[22m'}    running`) as NonNullable<
      ReturnType<typeof rowCells>
    >;
    expect(rowChange(0, before, after)).toBe('\x1b[1;2H▶\x1b[0m\x1b[1mweb\x1b[0m');
  });

  it('blanks the rest of the line when the new row is shorter', () => {
    const before = rowCells('abcdef') as NonNullable<ReturnType<typeof rowCells>>;
    const after = rowCells('abc') as NonNullable<ReturnType<typeof rowCells>>;
    expect(rowChange(2, before, after)).toBe('\x1b[3;4H\x1b[K');
  });
});
