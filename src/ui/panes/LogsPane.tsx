/**
 * The Logs tab: the selected container's output, followed live, from a bounded ring buffer.
 * Colours survive (sanitised SGR); every other escape sequence is removed before it gets here.
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogBuffer, LogLine as LogLineData } from '../../state/log-buffer.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { paint } from '../format/paint.js';
import { counted } from '../format/plural.js';
import type { Theme } from '../theme.js';
import {
  type LogViewState,
  type LogWindow,
  logWindow,
  pausedLinesDropped,
  wrappedRows,
} from './log-window.js';

export interface LogsPaneProps {
  buffer: LogBuffer;
  /** Bumps when the buffer changes, so the pane re-renders. */
  version: number;
  view: LogViewState;
  height: number;
  theme: Theme;
  window: LogWindow;
  /** Index of the line holding the current search match. */
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
    height: height - droppedNoticeRows(buffer, view, height),
    // Counted on the text LogLine draws, as Ink wraps it, so the rows counted are the rows drawn.
    lineRows: (i) => {
      const line = buffer.get(i);
      return line ? wrappedRows(shownLine(line, view.timestamps), width) : 1;
    },
  });
}

/** Lines dropped from under the paused view, in this buffer (see pausedLinesDropped). */
function droppedWhilePaused(buffer: LogBuffer, view: LogViewState): number {
  return pausedLinesDropped(view, buffer.firstLineNumber, buffer.dropped);
}

/**
 * The row that says a paused view's lines were dropped, when they were and the pane has a row to
 * spare. A bounded buffer cannot keep them through a flood; the user is told the view moved.
 */
function droppedNoticeRows(buffer: LogBuffer, view: LogViewState, height: number): 0 | 1 {
  return height > 1 && buffer.length > 0 && droppedWhilePaused(buffer, view) > 0 ? 1 : 0;
}

/**
 * A line as the pane draws it: its stream's mark, its timestamp when shown, its text. Coloured by
 * `theme` when given; without, the same characters plain, for counting rows.
 */
function shownLine(line: LogLineData, timestamps: boolean, theme?: Theme, isMatch = false): string {
  const keepColors = theme?.color === true && !isMatch;
  const stderr = line.stream === 'stderr';
  const mark = stderr ? 'E ' : '  ';
  const stamp = timestamps && line.timestamp ? `${shortTimestamp(line.timestamp)} ` : '';
  const text = sanitizeForTerminal(line.text, { keepColors });
  if (!theme) return mark + stamp + text;
  return (
    paint(mark, { color: stderr ? theme.log.stderr : theme.text.muted }) +
    paint(stamp, { color: theme.log.timestamp }) +
    text
  );
}

export function LogsPane({ buffer, view, window, height, theme, matchIndex, emptyText }: LogsPaneProps) {
  const lines = buffer.slice(window.start, window.end);
  const droppedPaused = droppedNoticeRows(buffer, view, height) ? droppedWhilePaused(buffer, view) : 0;
  if (buffer.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text color={theme.text.muted}>{emptyText}</Text>
      </Box>
    );
  }
  return (
    <Box height={height} flexDirection="column" overflow="hidden">
      {/* Lines keep their height: a last one taller than the rows left is cut by the pane's
          bottom, not every line squeezed, which drew each one's last rows over the next one. */}
      <Box flexDirection="column" flexShrink={0}>
        {droppedPaused > 0 ? (
          <Text color={theme.status.warning} wrap="truncate-end">
            {`Paused lines dropped: the view moved ${counted(droppedPaused, 'line')} on, to the oldest of the ${buffer.length} kept`}
          </Text>
        ) : null}
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
  // Keyed by the wrap mode: Ink measures a Text again for new text, not for a new `wrap`, so a
  // line whose wrap was toggled kept its old height, drawn over its neighbours or leaving blank
  // rows. A new Text is measured afresh.
  return (
    <Text key={wrap ? 'wrapped' : 'cut'} wrap={wrap ? 'wrap' : 'truncate-end'} inverse={isMatch}>
      {shownLine(line, timestamps, theme, isMatch)}
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
