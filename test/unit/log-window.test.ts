import { describe, expect, test } from 'vitest';
import { type LogViewState, logWindow, scrollLogs } from '../../src/ui/panes/log-window.js';

const view = (o: Partial<LogViewState> = {}): LogViewState => ({
  follow: true,
  topLine: 0,
  wrap: false,
  timestamps: false,
  ...o,
});
const input = (length: number, height: number, widths?: number[], firstLine = 0) => ({
  firstLine,
  length,
  height,
  // At 10 columns, a line `widths[i]` wide (5 unless given) takes a row per 10.
  lineRows: (i: number) => Math.max(1, Math.ceil((widths?.[i] ?? 5) / 10)),
});

describe('which log lines fill the pane', () => {
  test('following shows the newest lines', () => {
    expect(logWindow(view(), input(100, 10))).toEqual({ start: 90, end: 100, topLine: 90 });
  });
  test('fewer lines than rows shows them all', () => {
    expect(logWindow(view(), input(3, 10))).toEqual({ start: 0, end: 3, topLine: 0 });
  });
  test('with wrap, long lines take several rows, so fewer lines fit', () => {
    // Lines 8 and 9 are 25 wide: 3 rows each at width 10.
    const widths = [5, 5, 5, 5, 5, 5, 5, 5, 25, 25];
    expect(logWindow(view({ wrap: true }), input(10, 8, widths))).toEqual({ start: 6, end: 10, topLine: 6 });
  });
  test('scrolled back, the window stays on the same absolute line as old lines drop off', () => {
    const w = logWindow(view({ follow: false, topLine: 1050 }), input(100, 10, undefined, 1000));
    expect(w).toEqual({ start: 50, end: 60, topLine: 1050 });
  });
  test('a scrolled-back line that dropped off shows the oldest kept', () => {
    expect(logWindow(view({ follow: false, topLine: 5 }), input(100, 10, undefined, 1000)).start).toBe(0);
  });
});

describe('scrolling', () => {
  test('up stops following; down to the end follows again', () => {
    const v = view();
    const w = logWindow(v, input(100, 10));
    const up = scrollLogs(v, w, { firstLine: 0, length: 100, height: 10 }, -5);
    expect(up).toMatchObject({ follow: false, topLine: 85 });
    const back = scrollLogs(up, logWindow(up, input(100, 10)), { firstLine: 0, length: 100, height: 10 }, 10);
    expect(back.follow).toBe(true);
  });
  test('cannot scroll above the oldest line', () => {
    const v = view({ follow: false, topLine: 2 });
    const w = logWindow(v, input(100, 10));
    expect(scrollLogs(v, w, { firstLine: 0, length: 100, height: 10 }, -10).topLine).toBe(0);
  });
});
