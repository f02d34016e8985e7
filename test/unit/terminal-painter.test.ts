/**
 * The painter draws a session's changes straight onto the real terminal: here the "real
 * terminal" is an @xterm/headless screen, so what a person would see is read back cell by cell.
 */
import xterm from '@xterm/headless';
import chalk from 'chalk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEmulator, SessionEmulator } from '../../src/terminal/emulator.js';
import { observeWrites, paneRows, rowAnsi, TerminalPainter } from '../../src/ui/terminal-painter.js';

const region = { x: 4, y: 2, cols: 12, rows: 3 };

function writeTo(terminal: xterm.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

function cells(terminal: xterm.Terminal, y: number, x: number, width: number): string {
  return terminal.buffer.active.getLine(y)?.translateToString(false, x, x + width) ?? '';
}

// chalk decides its colour level from the test runner's stdout (not a TTY: no colours); the
// app's own Text components and the painter share that decision, so any level will do here.
const savedLevel = chalk.level;
beforeAll(async () => {
  chalk.level = 1;
  await loadEmulator();
});
afterAll(() => {
  chalk.level = savedLevel;
});

const screens: xterm.Terminal[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

async function setup() {
  const screen = new xterm.Terminal({ cols: 30, rows: 8, allowProposedApi: true });
  screens.push(screen);
  const written: string[] = [];
  const painter = new TerminalPainter((text) => {
    written.push(text);
    screen.write(text);
  });
  const emulator = new SessionEmulator(region.cols, region.rows);
  painter.attach({ emulator, color: true, region: () => region });
  const settle = () => writeTo(screen, '');
  return { screen, written, painter, emulator, settle };
}

describe('TerminalPainter', () => {
  it("draws the session's output at the pane's place on the screen, at once", async () => {
    const { screen, emulator, settle } = await setup();
    emulator.write(Buffer.from('/ # ls'));
    await new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(cells(screen, region.y, region.x, region.cols)).toBe('/ # ls      ');
    // Nothing outside the region is touched.
    expect(cells(screen, region.y, 0, region.x)).toBe('    ');
    expect(cells(screen, region.y - 1, 0, 30).trim()).toBe('');
  });

  it('puts the cursor back where it was, so the next Ink frame starts from the right place', async () => {
    const { screen, emulator, settle } = await setup();
    await writeTo(screen, '\x1b[7;20H');
    emulator.write(Buffer.from('hello'));
    await new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(cells(screen, region.y, region.x, 5)).toBe('hello');
    expect(screen.buffer.active.cursorY).toBe(6);
    expect(screen.buffer.active.cursorX).toBe(19);
  });

  it('draws only the rows that changed, and nothing once Ink drew what the emulator holds', async () => {
    const { written, painter, emulator } = await setup();
    emulator.write(Buffer.from('one\r\ntwo'));
    await new Promise((r) => setTimeout(r, 20));
    const first = written.join('');
    expect(first).toContain('one');
    expect(first).toContain('two');
    written.length = 0;

    emulator.write(Buffer.from('!'));
    await new Promise((r) => setTimeout(r, 20));
    const second = written.join('');
    expect(second).toContain('two!');
    expect(second).not.toContain('one');

    // Ink's frame holds exactly the emulator's rows: nothing to draw after it.
    written.length = 0;
    painter.committedRows(paneRows(emulator, region.rows), region.cols, true);
    painter.frameWritten();
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual([]);

    // Ink's frame was older than the emulator (a throttled frame): the difference is drawn.
    painter.committedRows([[{ text: 'stale' }]], region.cols, true);
    painter.frameWritten();
    await new Promise((r) => setImmediate(r));
    expect(written.join('')).toContain('one');
  });

  it("tells which screen rows it drew over, so Ink's screen writer writes them whole next", async () => {
    const drawnOver: number[] = [];
    const painter = new TerminalPainter(
      () => undefined,
      (first, count) => {
        for (let row = first; row < first + count; row++) drawnOver.push(row);
      },
    );
    const emulator = new SessionEmulator(region.cols, region.rows);
    painter.attach({ emulator, color: true, region: () => region });
    emulator.write(Buffer.from('one\r\ntwo'));
    await new Promise((r) => setTimeout(r, 20));
    // Every row of the pane the first time (the screen's were not known), at the pane's place.
    expect(drawnOver).toEqual([region.y, region.y + 1, region.y + 2]);
    drawnOver.length = 0;
    emulator.write(Buffer.from('!'));
    await new Promise((r) => setTimeout(r, 20));
    expect(drawnOver).toEqual([region.y + 1]);
    painter.detach();
  });

  it('draws nothing once detached (a dialog opened over the pane)', async () => {
    const { written, painter, emulator } = await setup();
    painter.detach();
    emulator.write(Buffer.from('hidden'));
    await new Promise((r) => setTimeout(r, 20));
    painter.frameWritten();
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual([]);
  });

  it('keeps wide characters whole and fits every row to the pane', () => {
    const row = rowAnsi([{ text: '日本語abcdefgh' }], 8, false);
    expect(row).toBe('日本語ab');
    expect(rowAnsi([{ text: 'ab' }], 5, false)).toBe('ab   ');
    // A wide character that would straddle the edge is left out, and the cell padded.
    expect(rowAnsi([{ text: 'abc日' }], 4, false)).toBe('abc ');
  });

  it('draws colours and the cursor cell as the pane does', async () => {
    const { screen, emulator, settle } = await setup();
    emulator.write(Buffer.from('\x1b[31mred\x1b[0m'));
    await new Promise((r) => setTimeout(r, 20));
    await settle();
    const line = screen.buffer.active.getLine(region.y)!;
    const red = line.getCell(region.x)!;
    expect(red.getChars()).toBe('r');
    expect(red.isFgPalette()).toBeTruthy();
    expect(red.getFgColor()).toBe(1);
    // The cursor sits after "red", drawn inverse.
    expect(line.getCell(region.x + 3)!.isInverse()).toBeTruthy();
    expect(line.getCell(region.x + 2)!.isInverse()).toBeFalsy();
  });
});

describe('observeWrites', () => {
  it("reports each write and leaves the rest of the stream's surface alone", () => {
    const chunks: string[] = [];
    let reported = 0;
    const stream = {
      columns: 42,
      isTTY: true,
      write(chunk: string) {
        chunks.push(chunk);
        return true;
      },
      self() {
        return this;
      },
    } as unknown as NodeJS.WriteStream & { self(): unknown };
    const observed = observeWrites(stream, () => reported++);
    expect(observed.write('frame')).toBe(true);
    expect(chunks).toEqual(['frame']);
    expect(reported).toBe(1);
    expect(observed.columns).toBe(42);
    expect(observed.self()).toBe(stream);
  });
});
