/**
 * Which log lines fill the pane: pure, so scrolling, following and wrapping are unit-tested.
 * Only the lines that fit are ever rendered, whatever the buffer holds.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

export interface LogViewState {
  /** Stick to the newest line as lines arrive. */
  follow: boolean;
  /** When not following: the absolute number of the top line (stable as old lines drop off). */
  topLine: number;
  wrap: boolean;
  timestamps: boolean;
}

export interface WindowInput {
  /** Absolute number of the oldest kept line. */
  firstLine: number;
  length: number;
  /** Rows available for text. */
  height: number;
  /**
   * Rows line `index` (0 = oldest kept) takes when wrapped: not simply its width over the pane's,
   * as the pane wraps at spaces (see `wrappedRows`).
   */
  lineRows: (index: number) => number;
}

export interface LogWindow {
  /** Buffer indexes shown, top to bottom. */
  start: number;
  end: number;
  /** The top index, as an absolute line number, for when following stops. */
  topLine: number;
}

/** Rows line `index` takes: one unless wrapped. */
function rowsOf(view: LogViewState, input: WindowInput, index: number): number {
  return view.wrap ? input.lineRows(index) : 1;
}

export function logWindow(view: LogViewState, input: WindowInput): LogWindow {
  const { firstLine, length, height } = input;
  if (length === 0 || height <= 0) return { start: 0, end: 0, topLine: firstLine };
  if (view.follow) {
    // Fill from the bottom up.
    let used = 0;
    let start = length;
    while (start > 0) {
      const need = rowsOf(view, input, start - 1);
      if (used + need > height && used > 0) break;
      used += need;
      start--;
      if (used >= height) break;
    }
    return { start, end: length, topLine: firstLine + start };
  }
  const start = Math.max(0, Math.min(length - 1, view.topLine - firstLine));
  let used = 0;
  let end = start;
  while (end < length && used < height) {
    used += rowsOf(view, input, end);
    end++;
  }
  return { start, end, topLine: firstLine + start };
}

/**
 * Lines dropped from under a paused view: a flood pushes the oldest lines out of the bounded
 * buffer, the paused ones with them, and the view is then on the oldest kept, which moves on as
 * lines keep coming. `dropped` is how many lines the log shown has lost: a paused line older than
 * those was never this log's (a number left from another container's), so nothing was lost there.
 */
export function pausedLinesDropped(view: LogViewState, firstLine: number, dropped: number): number {
  const gone = firstLine - view.topLine;
  return !view.follow && gone > 0 && gone <= dropped ? gone : 0;
}

/**
 * The log text's size inside a details pane `width`×`height`: its border, the title row and the
 * header row, and the search line while it shows. The pane and the scroll keys both size the
 * window by it, so a key scrolls the lines on screen.
 */
export function logTextSize(width: number, height: number, searchLine: boolean) {
  return { width: Math.max(1, width - 2), height: Math.max(1, height - 3 - (searchLine ? 1 : 0)) };
}

/** The top line after scrolling by `delta` lines; reaching the end resumes following. */
export function scrollLogs(
  view: LogViewState,
  window: LogWindow,
  input: Pick<WindowInput, 'firstLine' | 'length' | 'height'>,
  delta: number,
): LogViewState {
  const maxTop = input.firstLine + Math.max(0, input.length - input.height);
  const top = Math.max(input.firstLine, Math.min(maxTop, window.topLine + delta));
  if (delta > 0 && top >= maxTop) return { ...view, follow: true, topLine: maxTop };
  return { ...view, follow: false, topLine: top };
}

/**
 * Rows that `text` takes in Ink's `<Text wrap="wrap">` at `width` columns: Ink wraps with
 * wrap-ansi (hard, untrimmed), at spaces, a word too long for a row cut where the row ends. That
 * can take more rows than the text's width over the pane's, and a window counted short put the
 * newest lines below the pane's bottom. So the rows are counted by the same call Ink makes, once
 * per text: wrap-ansi takes ~4 µs a character, and the pane counts its lines on every batch of
 * log lines (a 150-character line cost ~1 ms each time).
 */
export function wrappedRows(text: string, width: number): number {
  const columns = Math.max(1, width);
  if (columns !== rowsCache.width) clearRowsCache(columns);
  const known = rowsCache.rows.get(text);
  if (known !== undefined) return known;
  const rows =
    stringWidth(text) <= columns
      ? 1
      : wrapAnsi(text, columns, { trim: false, hard: true }).split('\n').length;
  // Bounded by characters as well as texts: a log line can be a megabyte.
  if (rowsCache.rows.size >= 2000 || rowsCache.characters + text.length > 4_000_000) clearRowsCache(columns);
  rowsCache.rows.set(text, rows);
  rowsCache.characters += text.length;
  return rows;
}

/** The rows of the texts last counted, at one width (the pane's; a resize starts again). */
const rowsCache = { width: 0, rows: new Map<string, number>(), characters: 0 };

function clearRowsCache(width: number) {
  rowsCache.width = width;
  rowsCache.rows = new Map();
  rowsCache.characters = 0;
}
