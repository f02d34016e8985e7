/**
 * When a paused Logs view says its lines were dropped: only when lines of the log shown went out
 * of the buffer from under it, never for a line number left from another container's log.
 */
import { describe, expect, test } from 'vitest';
import { type LogViewState, pausedLinesDropped } from '../../src/ui/panes/log-window.js';

const view = (o: Partial<LogViewState>): LogViewState => ({
  follow: false,
  topLine: 0,
  wrap: false,
  timestamps: false,
  ...o,
});

describe('lines dropped from under a paused view', () => {
  test.each([
    ['following: nothing is paused', view({ follow: true, topLine: 5 }), 1000, 900, 0],
    ['the paused line is kept', view({ topLine: 1200 }), 1000, 900, 0],
    ['the paused line is the oldest kept', view({ topLine: 1000 }), 1000, 900, 0],
    [
      'the paused line was dropped: the view moved to the oldest kept',
      view({ topLine: 700 }),
      1000,
      900,
      300,
    ],
    ['the first line of the log was paused on and dropped', view({ topLine: 100 }), 1000, 900, 900],
    ["a line number from before this log (another container's)", view({ topLine: 40 }), 1000, 900, 0],
    ['a new log that dropped nothing', view({ topLine: 0 }), 1000, 0, 0],
  ])('%s', (_name, paused, firstLine, dropped, expected) => {
    expect(pausedLinesDropped(paused, firstLine, dropped)).toBe(expected);
  });
});
