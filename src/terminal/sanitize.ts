/**
 * Makes text from containers (log lines, labels, env, commands) safe to hand to the terminal.
 *
 * A container controls every byte it prints, and a terminal obeys escape sequences: without this,
 * a log line could move the cursor, set the window title, write the clipboard (OSC 52), switch the
 * screen or ring the bell. The tokenizer below keeps printable text, expands tabs, and drops every
 * control character and escape sequence, with one exception: colour (SGR) sequences are re-emitted
 * in a normalised form when `keepColors` is set, and reset at the end of each line.
 */
import stringWidth from 'string-width';
import { isSgrReset, normalizeSgrParams, SGR_RESET, stripSgr } from './ansi.js';

export interface SanitizeOptions {
  /** Keep colour and style (SGR) sequences; false under NO_COLOR or a colourless theme. */
  keepColors: boolean;
}

const TAB_WIDTH = 8;

const BEL = 0x07;
const TAB = 0x09;
const LF = 0x0a;
const CAN = 0x18;
const SUB = 0x1a;
const ESC = 0x1b;
const BACKSLASH = 0x5c;
const DEL = 0x7f;
const C1_DCS = 0x90;
const C1_SOS = 0x98;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_OSC = 0x9d;
const C1_PM = 0x9e;
const C1_APC = 0x9f;

/** Any C0 control, DEL or C1 control: text without one is already safe and returned as is. */
const NEEDS_SANITISING = /[\x00-\x1f\x7f-\x9f]/;

/** Returns `text` with only printable characters, expanded tabs and (optionally) colours left. */
export function sanitizeForTerminal(text: string, options: SanitizeOptions): string {
  if (!NEEDS_SANITISING.test(text)) return text;

  const n = text.length;
  let out = '';
  // Printable characters are copied in runs: text[runStart..i) is pending.
  let runStart = 0;
  // Tab stops need the column: the width of the line so far is `column` plus the width of
  // `sinceColumn`, measured lazily so lines without tabs never pay for string-width.
  let column = 0;
  let sinceColumn = '';
  let colorActive = false;

  const flushRun = (end: number) => {
    if (end <= runStart) return;
    const run = text.slice(runStart, end);
    out += run;
    sinceColumn += run;
  };

  /** Skips a CSI sequence whose parameters start at `start`; keeps it if it is a wanted SGR. */
  const skipCsi = (start: number): number => {
    let k = start;
    while (k < n && isBetween(text.charCodeAt(k), 0x30, 0x3f)) k++;
    const paramsEnd = k;
    while (k < n && isBetween(text.charCodeAt(k), 0x20, 0x2f)) k++;
    if (k >= n) return n; // truncated at the end of the text: drop it
    const final = text.charCodeAt(k);
    if (!isBetween(final, 0x40, 0x7e)) return k; // malformed: drop what was read, go on from here
    if (final === 0x6d && options.keepColors && paramsEnd === k) {
      const params = normalizeSgrParams(text.slice(start, paramsEnd));
      if (params !== undefined) {
        out += `\x1b[${params}m`;
        colorActive = !isSgrReset(params);
      }
    }
    return k + 1;
  };

  /**
   * Skips the body of an OSC, DCS, SOS, PM or APC string. It ends at ST (`ESC \` or 0x9C) or BEL;
   * CAN and SUB abort it; another ESC aborts it and starts a new sequence, as in a terminal. An
   * unterminated string swallows the rest of the line, not the lines after it.
   */
  const skipString = (start: number): number => {
    for (let k = start; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === BEL || c === C1_ST || c === CAN || c === SUB) return k + 1;
      if (c === ESC) return text.charCodeAt(k + 1) === BACKSLASH ? k + 2 : k;
      if (c === LF) return k;
    }
    return n;
  };

  /** Skips the escape sequence that starts with the ESC at `at`. */
  const skipEscape = (at: number): number => {
    if (at + 1 >= n) return n;
    const next = text.charCodeAt(at + 1);
    switch (next) {
      case 0x5b: // [  CSI
        return skipCsi(at + 2);
      case 0x5d: // ]  OSC
      case 0x50: // P  DCS
      case 0x58: // X  SOS
      case 0x5e: // ^  PM
      case 0x5f: // _  APC
        return skipString(at + 2);
    }
    if (isBetween(next, 0x20, 0x2f)) {
      // ESC intermediates final: charset designations (ESC ( B), DECALN (ESC # 8), …
      let k = at + 1;
      while (k < n && isBetween(text.charCodeAt(k), 0x20, 0x2f)) k++;
      return k < n && isBetween(text.charCodeAt(k), 0x30, 0x7e) ? k + 1 : k;
    }
    // Two-byte sequences: ESC c (reset), ESC 7 / ESC 8 (cursor), ESC = (keypad), ESC M, …
    if (isBetween(next, 0x30, 0x7e)) return at + 2;
    return at + 1; // a lone ESC: drop it and read on
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c !== DEL && !(c >= 0x80 && c <= 0x9f)) {
      i++;
      continue;
    }
    flushRun(i);
    if (c === TAB) {
      column += stringWidth(sinceColumn);
      sinceColumn = '';
      const spaces = TAB_WIDTH - (column % TAB_WIDTH);
      out += ' '.repeat(spaces);
      column += spaces;
      i++;
    } else if (c === LF) {
      // Colour must not leak into the next line.
      if (colorActive) out += SGR_RESET;
      colorActive = false;
      out += '\n';
      column = 0;
      sinceColumn = '';
      i++;
    } else if (c === ESC) {
      i = skipEscape(i);
    } else if (c === C1_CSI) {
      i = skipCsi(i + 1);
    } else if (c === C1_OSC || c === C1_DCS || c === C1_SOS || c === C1_PM || c === C1_APC) {
      i = skipString(i + 1);
    } else {
      // CR, BEL, BS, every other C0 and C1 control, and DEL.
      i++;
    }
    runStart = i;
  }
  flushRun(n);
  if (colorActive) out += SGR_RESET;
  return out;
}

/** Columns that sanitised text takes on screen (colours take none). */
export function visibleWidth(text: string): number {
  return stringWidth(stripSgr(text));
}

function isBetween(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}
