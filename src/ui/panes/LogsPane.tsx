/**
 * The Logs tab: the selected container's output, followed live, from a bounded ring buffer.
 * Colours survive (sanitised SGR); every other escape sequence is removed before it gets here.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogBuffer, LogLine as LogLineData } from '../../state/log-buffer.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { paint } from '../format/paint.js';
import type { Theme } from '../theme.js';
import { displayWidth, type LogViewState, type LogWindow, logWindow } from './log-window.js';

export interface LogsPaneProps {
  buffer: LogBuffer;
  /** Bumps when the buffer changes, so the pane re-renders. */
  version: number;
  view: LogViewState;
  height: number;
  theme: Theme;
  /** Index of the line holding the current search match. */
  window: LogWindow;
  matchIndex?: number;
  emptyText: string;
}

/** Shortens `2026-11-28T10:01:02.123456789Z` to `2026-11-28T10:01:02Z` for display. */
function shortTimestamp(ts: string): string {
  return ts.replace(/\.\d+Z$/, 'Z');
}

/** The lines that fit, for this buffer and view; the screen uses it for scrolling too. */
export function computeLogWindow(
  buffer: LogBuffer,
  view: LogViewState,
  width: number,
  height: number,
): LogWindow {
  return logWindow(view, {
    firstLine: buffer.firstLineNumber,
    length: buffer.length,
    height,
    width: Math.max(1, width),
    lineWidth: (i) => {
      const line = buffer.get(i);
      return line
        ? displayWidth(line.text, line.timestamp && shortTimestamp(line.timestamp), view.timestamps)
        : 1;
    },
  });
}

export function LogsPane({ buffer, view, window, height, theme, matchIndex, emptyText }: LogsPaneProps) {
  const lines = buffer.slice(window.start, window.end);
  if (buffer.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text color={theme.text.muted}>{emptyText}</Text>
      </Box>
    );
  }
  return (
    <Box height={height} flexDirection="column" overflow="hidden">
      {lines.map((line, i) => {
        const index = window.start + i;
        return (
          <LogLine
            key={buffer.firstLineNumber + index}
            line={line}
            isMatch={index === matchIndex}
            wrap={view.wrap}
            timestamps={view.timestamps}
            theme={theme}
          />
        );
      })}
    </Box>
  );
}

interface LogLineProps {
  line: LogLineData;
  isMatch: boolean;
  wrap: boolean;
  timestamps: boolean;
  theme: Theme;
}

/**
 * One line of output. Memoised on what it shows (the buffer hands out a new object for a line at
 * each read): a frame that adds lines to a followed log renders the new ones, not every line on
 * screen. One painted string, not a <Text> a piece:
 * the same bytes from a third of the nodes (see paint).
 */
const LogLine = memo(function LogLine({ line, isMatch, wrap, timestamps, theme }: LogLineProps) {
  const text = sanitizeForTerminal(line.text, { keepColors: theme.color && !isMatch });
  const painted =
    paint(line.stream === 'stderr' ? 'E ' : '  ', {
      color: line.stream === 'stderr' ? theme.log.stderr : theme.text.muted,
    }) +
    (timestamps && line.timestamp
      ? paint(`${shortTimestamp(line.timestamp)} `, { color: theme.log.timestamp })
      : '') +
    text;
  return (
    <Text wrap={wrap ? 'wrap' : 'truncate-end'} inverse={isMatch}>
      {painted}
    </Text>
  );
}, sameLogLine);

function sameLogLine(before: LogLineProps, after: LogLineProps): boolean {
  return (
    before.line.text === after.line.text &&
    before.line.stream === after.line.stream &&
    before.line.timestamp === after.line.timestamp &&
    before.isMatch === after.isMatch &&
    before.wrap === after.wrap &&
    before.timestamps === after.timestamps &&
    before.theme === after.theme
  );
}
