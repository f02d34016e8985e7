/**
 * Writes Ink's frames to the terminal as the cells that changed, for a full-screen app.
 *
 * Ink's own writer erases every line of the last frame and writes the new one whole: a cursor
 * move at 160×45 sent ~10 KB, and the frames that follow it (the details and logs of the newly
 * selected container) ~30 KB more. A terminal parses all of it, tmux parses it and draws its own
 * copy, ssh carries it. This writer keeps what each row of the screen shows; for a new frame it
 * compares each row with it, and for a row that changed writes only the columns from the first
 * changed cell to the last, placed with absolute cursor moves (berth owns the whole alternate
 * screen, so no position is relative to where the last frame ended). The same move and the
 * frames after it are then ~2.4 KB in all (issue 7, docs/performance.md).
 *
 * It takes the place of Ink's log-update (the same calls: render, clear, sync, done, …) through
 * the `logUpdate` render option that berth's Ink patch adds. Anything else that draws on the
 * screen must say so: the terminal painter draws session rows between frames and calls
 * `forgetRows`, after which those rows are written whole. A change of terminal size clears the
 * screen and writes the next frame whole.
 */
import stringWidth from 'string-width';
import { type RowCells, rowCells, styleAt } from './screen-cells.js';

/** What Ink calls on its log-update (ink/build/log-update.js). */
export interface InkLogUpdate {
  (frame: string): boolean;
  clear(): void;
  done(): void;
  sync(frame: string): void;
  setCursorPosition(position: { x: number; y: number } | undefined): void;
  isCursorDirty(): boolean;
  willRender(frame: string): boolean;
}

export interface ScreenWriter extends InkLogUpdate {
  /** Rows drawn by something else since the last frame: the next frame writes them whole. */
  forgetRows(first: number, count: number): void;
  /**
   * The screen may show anything (another program wrote to the terminal): clears it and draws
   * the last frame again whole, at once. Ctrl-L.
   */
  redrawAll(): void;
}

interface Output {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
  /** A terminal: a redraw is sent as one synchronized update, as Ink sends its frames. */
  isTTY?: boolean;
}

const RESET = '\x1b[0m';
const ERASE_TO_END_OF_LINE = '\x1b[K';
const ERASE_LINE = '\x1b[2K';
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const moveTo = (row: number, column: number) => `\x1b[${row + 1};${column + 1}H`;
const BEGIN_SYNCHRONIZED_UPDATE = '\x1b[?2026h';
const END_SYNCHRONIZED_UPDATE = '\x1b[?2026l';
// What another program may have left set that would change how a frame lands: the line-drawing
// character set (as G0, or shifted to G1), scroll margins, origin mode, autowrap off, insert
// mode, reverse video.
const RESET_MODES = '\x1b(B\x0f\x1b[r\x1b[?6l\x1b[?7h\x1b[4l\x1b[?5l';

/** A frame's rows (Ink ends a frame shorter than the screen with a newline: no row of its own). */
function frameRows(frame: string): string[] {
  const rows = frame.split('\n');
  if (frame.endsWith('\n')) rows.pop();
  return rows;
}

/** The character of a column; past the end of a row, a blank (in the default style). */
const charAt = (cells: RowCells, column: number) =>
  column < cells.text.length ? cells.text.charCodeAt(column) : 0x20;
const sameCell = (a: RowCells, b: RowCells, column: number) =>
  charAt(a, column) === charAt(b, column) && styleAt(a, column) === styleAt(b, column);

/**
 * What turns `before` into `after` on the screen's row `row`, starting from the default style;
 * ends in the default style. '' when they show the same.
 */
export function rowChange(row: number, before: RowCells, after: RowCells): string {
  const width = Math.max(before.text.length, after.text.length);
  let first = 0;
  while (first < width && sameCell(before, after, first)) first++;
  if (first === width) return '';
  let last = width - 1;
  while (last > first && sameCell(before, after, last)) last--;
  let out = moveTo(row, first);
  let style = '';
  for (let column = first; column <= last; column++) {
    if (column >= after.text.length) {
      // The new row ends here and the old one went on: blank the rest of the line.
      out += (style ? RESET : '') + ERASE_TO_END_OF_LINE;
      return out;
    }
    const cellStyle = styleAt(after, column);
    if (cellStyle !== style) {
      out += RESET + cellStyle;
      style = cellStyle;
    }
    out += after.text[column];
  }
  return style ? out + RESET : out;
}

/**
 * A row written whole (what it showed is not known, or a row this writer cannot read). The line
 * is erased first, not after: after a row as wide as the screen the cursor waits on the last
 * column, and an erase there would take that column's character with it.
 */
function wholeRow(row: number, text: string): string {
  return `${moveTo(row, 0)}${RESET}${ERASE_LINE}${text}${RESET}`;
}

export function createScreenWriter(output: Output): ScreenWriter {
  /** What each row of the screen shows (Ink's row text); undefined where not known. */
  let shown: (string | undefined)[] = [];
  /** The cells of `shown`, where worked out (null: the row cannot be read). */
  let shownCells: (RowCells | null | undefined)[] = [];
  /** The next frame clears the screen and is written whole. */
  let redraw = true;
  /** Rows were drawn over since the last frame (forgetRows): the next one writes them. */
  let forgotten = false;
  let size = { columns: output.columns, rows: output.rows };
  let lastFrame: string | undefined;
  /** The cursor position Ink asked for (useCursor), and where the last frame showed it. */
  let cursorPosition: { x: number; y: number } | undefined;
  let cursorDirty = false;
  let cursorShownAt: { x: number; y: number } | undefined;
  let cursorHidden = false;
  // Ink's rule: a position counts for the frame after it was set, and only that one.
  const activeCursor = () => (cursorDirty ? cursorPosition : undefined);

  const sizeChanged = () => output.columns !== size.columns || output.rows !== size.rows;
  const cellsOf = (row: number): RowCells | null => {
    let cells = shownCells[row];
    if (cells === undefined) {
      const text = shown[row];
      cells = text === undefined ? null : (rowCells(text) ?? null);
      shownCells[row] = cells;
    }
    return cells;
  };

  const render = ((frame: string): boolean => {
    if (!render.willRender(frame)) {
      cursorDirty = false;
      return false;
    }
    const cursor = activeCursor();
    cursorDirty = false;
    // Hidden while the frame is written, wherever the last frame showed it.
    let out = cursorHidden && !cursorShownAt ? '' : HIDE_CURSOR;
    cursorHidden = true;
    const rows = frameRows(frame);
    if (redraw || sizeChanged()) {
      size = { columns: output.columns, rows: output.rows };
      out += RESET + CLEAR_SCREEN;
      rows.forEach((text, row) => {
        if (text !== '') out += `${moveTo(row, 0)}${text}`;
      });
      out += RESET;
      shown = rows.slice();
      shownCells = [];
      // Right after the terminal narrows, Ink draws once more at the old width (the app has not
      // re-rendered at the new size yet): those rows spilled onto the next ones. The next frame
      // is written whole too.
      // (A width of 0 is unknown, as Ink takes it.)
      const columns = output.columns || Number.POSITIVE_INFINITY;
      redraw = rows.some((text) => text.length > columns && stringWidth(text) > columns);
    } else {
      // From the default style, whatever wrote last (rowChange assumes it).
      out += RESET;
      const count = Math.max(rows.length, shown.length);
      for (let row = 0; row < count; row++) {
        const text = rows[row] ?? '';
        if (shown[row] === text) continue;
        const before = cellsOf(row);
        const after = rowCells(text);
        if (before && after) out += rowChange(row, before, after);
        else out += wholeRow(row, text);
        shown[row] = text;
        shownCells[row] = after ?? null;
      }
      shown.length = rows.length;
      shownCells.length = rows.length;
    }
    lastFrame = frame;
    forgotten = false;
    // Shown where Ink asked for it, or parked below the frame, where Ink's own writer leaves it.
    if (cursor) out += moveTo(cursor.y, cursor.x) + SHOW_CURSOR;
    else out += moveTo(Math.min(rows.length, (output.rows || rows.length + 1) - 1), 0);
    cursorShownAt = cursor ? { ...cursor } : undefined;
    output.write(out);
    return true;
  }) as ScreenWriter;

  render.willRender = (frame) =>
    frame !== lastFrame ||
    redraw ||
    forgotten ||
    sizeChanged() ||
    !samePosition(activeCursor(), cursorShownAt);
  render.forgetRows = (first, count) => {
    // A row past the last frame's too (a frame can end in empty rows): the next frame blanks it.
    for (let row = Math.max(0, first); row < first + count; row++) {
      shown[row] = undefined;
      shownCells[row] = undefined;
      forgotten = true;
    }
  };
  render.redrawAll = () => {
    redraw = true;
    // The cursor hidden again: a program that wrote over the screen may have shown it.
    cursorHidden = false;
    // Now, with the frame on screen: a key that changes nothing draws no frame of Ink's.
    if (lastFrame === undefined) return;
    output.write((output.isTTY ? BEGIN_SYNCHRONIZED_UPDATE : '') + RESET_MODES);
    try {
      render(lastFrame);
    } finally {
      if (output.isTTY) output.write(END_SYNCHRONIZED_UPDATE);
    }
  };
  // Ink clears before it writes something of its own over the frame, and when the terminal
  // narrows; the next frame then clears the screen and is written whole (in one write, so there
  // is no blank screen between).
  render.clear = () => {
    redraw = true;
    lastFrame = undefined;
  };
  // The screen shows `frame` (Ink wrote it itself, after clearing the screen).
  render.sync = (frame) => {
    shown = frameRows(frame);
    shownCells = [];
    lastFrame = frame;
    redraw = false;
    size = { columns: output.columns, rows: output.rows };
    // The cursor as Ink's own sync leaves it: where asked for, else hidden.
    const cursor = activeCursor();
    cursorDirty = false;
    if (cursor) output.write(moveTo(cursor.y, cursor.x) + SHOW_CURSOR);
    else if (cursorShownAt) output.write(HIDE_CURSOR);
    cursorShownAt = cursor ? { ...cursor } : undefined;
  };
  render.done = () => {
    redraw = true;
    lastFrame = undefined;
    cursorHidden = false;
    cursorShownAt = undefined;
    output.write(SHOW_CURSOR);
  };
  render.setCursorPosition = (position) => {
    cursorPosition = position;
    cursorDirty = true;
  };
  render.isCursorDirty = () => cursorDirty;
  return render;
}

function samePosition(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined) {
  return a === b || (a !== undefined && b !== undefined && a.x === b.x && a.y === b.y);
}
