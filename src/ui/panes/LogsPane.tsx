/**
 * The Logs tab: the selected container's output, followed live, from a bounded ring buffer.
 * Colours survive (sanitised SGR); every other escape sequence is removed before it gets here.
 */
import { Box, Text } from 'ink';
import type { LogBuffer } from '../../state/log-buffer.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
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
        const isMatch = index === matchIndex;
        const text = sanitizeForTerminal(line.text, { keepColors: theme.color && !isMatch });
        return (
          <Text
            key={buffer.firstLineNumber + index}
            wrap={view.wrap ? 'wrap' : 'truncate-end'}
            inverse={isMatch}
          >
            <Text color={line.stream === 'stderr' ? theme.log.stderr : theme.text.muted}>
              {line.stream === 'stderr' ? 'E ' : '  '}
            </Text>
            {view.timestamps && line.timestamp ? (
              <Text color={theme.log.timestamp}>{shortTimestamp(line.timestamp)} </Text>
            ) : null}
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
