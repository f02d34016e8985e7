/**
 * One row of a frame as the terminal's cells: what each column shows and in which style.
 *
 * The screen writer (screen-writer.ts) compares a row with the same row of the last frame cell by
 * cell, so that it can send only the columns that changed. A frame's rows are Ink's output: text
 * and SGR sequences (`ESC [ … m`, from chalk). Only a row whose characters are each one column
 * wide and a grapheme of their own (ASCII, box drawing, arrows, most symbols: berth's own text)
 * has cells here. A wide character (CJK, emoji) is two columns by string-width, but not in every
 * terminal (an emoji is one in terminals on older Unicode tables): a row written in part after
 * one would land in the wrong columns there, where a row written whole from its first column
 * is only as wrong as Ink's own. So a row with one, with a combining mark, with an escape
 * sequence other than SGR, or with an SGR parameter this file does not know has no cells
 * (`undefined`), and the writer sends it whole, as Ink would.
 */
import stringWidth from 'string-width';

/**
 * A row's cells: its characters, one per column, and its styles as runs (a row has a few: a
 * border, a name, a dimmed column), so that a row costs a string and two short arrays.
 */
export interface RowCells {
  /** The row's characters, each one column wide. */
  text: string;
  /** The column where each style run starts, ascending. */
  runStarts: number[];
  /** Each run's style, as its SGR sequence from a reset (`''` for the default style). */
  runStyles: string[];
}

/** The style of a column; past the end of the row, the default. */
export function styleAt(cells: RowCells, column: number): string {
  if (column >= cells.text.length) return '';
  const starts = cells.runStarts;
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] as number) <= column) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found === -1 ? '' : (cells.runStyles[found] as string);
}

/** The SGR state: attribute flags, foreground and background (their SGR parameters). */
interface Sgr {
  flags: number;
  fg: string;
  bg: string;
}

// Attributes by their SGR parameter, and the parameters that turn them off.
const ATTRIBUTE_ON: Record<number, number> = { 1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 7: 32, 8: 64, 9: 128, 53: 256 };
const ATTRIBUTE_OFF: Record<number, number> = {
  22: 1 | 2,
  23: 4,
  24: 8,
  25: 16,
  27: 32,
  28: 64,
  29: 128,
  55: 256,
};
const ATTRIBUTE_CODES: readonly [number, number][] = Object.entries(ATTRIBUTE_ON).map(([code, bit]) => [
  bit,
  Number(code),
]);

/** Applies one SGR sequence's parameters (`1;36`, `38;5;214`); false for one it does not know. */
function applySgr(state: Sgr, parameters: string): boolean {
  const codes = parameters === '' ? ['0'] : parameters.split(';');
  for (let i = 0; i < codes.length; i++) {
    // An empty parameter (`ESC [ ; 1 m`) is 0, as Number('') is.
    const code = Number(codes[i]);
    if (!Number.isInteger(code)) return false;
    if (code === 0) {
      state.flags = 0;
      state.fg = '';
      state.bg = '';
    } else if (ATTRIBUTE_ON[code] !== undefined) {
      state.flags |= ATTRIBUTE_ON[code];
    } else if (ATTRIBUTE_OFF[code] !== undefined) {
      state.flags &= ~ATTRIBUTE_OFF[code];
    } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
      state.fg = String(code);
    } else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
      state.bg = String(code);
    } else if (code === 39) {
      state.fg = '';
    } else if (code === 49) {
      state.bg = '';
    } else if (code === 38 || code === 48) {
      // 256 colours (5;n) or true colour (2;r;g;b).
      const kind = codes[i + 1];
      const length = kind === '5' ? 2 : kind === '2' ? 4 : 0;
      if (length === 0 || i + length >= codes.length) return false;
      const colour = codes.slice(i, i + length + 1).join(';');
      if (code === 38) state.fg = colour;
      else state.bg = colour;
      i += length;
    } else {
      return false;
    }
  }
  return true;
}

/** The SGR sequence that sets `state` from the default style, or '' for the default. */
function sgrFromReset(state: Sgr): string {
  const parts: string[] = [];
  for (const [bit, code] of ATTRIBUTE_CODES) if (state.flags & bit) parts.push(String(code));
  if (state.fg) parts.push(state.fg);
  if (state.bg) parts.push(state.bg);
  return parts.length === 0 ? '' : `\x1b[${parts.join(';')}m`;
}

// Code units that are a grapheme of their own whatever surrounds them (the same table as the
// string-width and ansi-tokenize patches).
function isLoneUnit(c: number): boolean {
  return (
    (c < 0x300 && c !== 0x0d) ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x2070 && c <= 0x20cf) ||
    (c >= 0x2100 && c <= 0x2bff)
  );
}

const narrow = new Map<number, boolean>();
/** A code unit that is a grapheme of its own and one column wide by string-width, as Ink lays it out. */
function isNarrowCell(c: number): boolean {
  if (c >= 0x20 && c <= 0x7e) return true;
  let known = narrow.get(c);
  if (known === undefined) {
    known = isLoneUnit(c) && stringWidth(String.fromCharCode(c)) === 1;
    narrow.set(c, known);
  }
  return known;
}

/** Whether a run of text (no escapes) is all narrow cells. */
function allNarrow(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isNarrowCell(text.charCodeAt(i))) return false;
  return true;
}

/** The cells of one row of Ink's output, or undefined when it holds what this file cannot read. */
export function rowCells(line: string): RowCells | undefined {
  let text = '';
  const runStarts: number[] = [];
  const runStyles: string[] = [];
  const state: Sgr = { flags: 0, fg: '', bg: '' };
  let style = '';
  let at = 0;
  while (at < line.length) {
    const escapeAt = line.indexOf('\x1b', at);
    const end = escapeAt === -1 ? line.length : escapeAt;
    if (end > at) {
      const run = line.slice(at, end);
      if (!allNarrow(run)) return undefined;
      // A new run where the style changed since the last one.
      if ((runStyles.at(-1) ?? '') !== style) {
        if (runStarts.at(-1) === text.length) runStyles[runStyles.length - 1] = style;
        else {
          runStarts.push(text.length);
          runStyles.push(style);
        }
      }
      text += run;
    }
    if (escapeAt === -1) break;
    // Only `ESC [ parameters m`.
    if (line[escapeAt + 1] !== '[') return undefined;
    let final = escapeAt + 2;
    while (final < line.length) {
      const c = line.charCodeAt(final);
      if (!((c >= 0x30 && c <= 0x39) || c === 0x3b)) break;
      final++;
    }
    if (line[final] !== 'm') return undefined;
    if (!applySgr(state, line.slice(escapeAt + 2, final))) return undefined;
    style = sgrFromReset(state);
    at = final + 1;
  }
  return { text, runStarts, runStyles };
}
