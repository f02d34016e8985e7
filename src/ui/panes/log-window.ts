/**
 * Which log lines fill the pane: pure, so scrolling, following and wrapping are unit-tested.
 * Only the lines that fit are ever rendered, whatever the buffer holds.
 */
import { visibleWidth } from '../../terminal/sanitize.js';

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
  /** Columns available for text. */
  width: number;
  /** Width of line `index` (0 = oldest kept) as displayed, for wrapping. */
  lineWidth: (index: number) => number;
}

export interface LogWindow {
  /** Buffer indexes shown, top to bottom. */
  start: number;
  end: number;
  /** The top index, as an absolute line number, for when following stops. */
  topLine: number;
}

function rowsFor(width: number, lineWidth: number): number {
  return Math.max(1, Math.ceil(lineWidth / Math.max(1, width)));
}

export function logWindow(view: LogViewState, input: WindowInput): LogWindow {
  const { firstLine, length, height, width } = input;
  if (length === 0 || height <= 0) return { start: 0, end: 0, topLine: firstLine };
  if (view.follow) {
    // Fill from the bottom up.
    let used = 0;
    let start = length;
    while (start > 0) {
      const need = view.wrap ? rowsFor(width, input.lineWidth(start - 1)) : 1;
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
    used += view.wrap ? rowsFor(width, input.lineWidth(end)) : 1;
    end++;
  }
  return { start, end, topLine: firstLine + start };
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

export function displayWidth(text: string, timestamp: string | undefined, showTimestamps: boolean): number {
  return visibleWidth(text) + 2 + (showTimestamps && timestamp ? timestamp.length + 1 : 0);
}
