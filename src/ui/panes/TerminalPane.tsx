/**
 * The embedded terminal: an interactive session's emulator screen, redrawn as Ink text with its
 * colours, bold, inverse and underline, and the cursor. Keys reach it through MainScreen.
 */
import { Box, type DOMElement, Text } from 'ink';
import { useLayoutEffect, useRef } from 'react';
import type { SessionEntry } from '../../state/sessions.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { Panel } from '../components/Panel.js';
import type { PaintRegion, TerminalPainter } from '../terminal-painter.js';
import type { Theme } from '../theme.js';
import { withCursor } from './terminal-lines.js';

export interface TerminalPaneProps {
  entry: SessionEntry;
  width: number;
  height: number;
  focused: boolean;
  fullScreen: boolean;
  theme: Theme;
  /** Bumps when the emulator's screen changed. */
  version: number;
  /** Draws the session's changes ahead of Ink's frames while the pane has the keys. */
  painter?: TerminalPainter;
}

/** Rows and columns the emulator gets inside a pane of this size (border, one status row). */
export function terminalSize(width: number, height: number): { cols: number; rows: number } {
  return { cols: Math.max(10, width - 2), rows: Math.max(2, height - 3) };
}

/** What the session is doing and the keys that apply now: the pane's title, and the status line's. */
export function statusText(entry: SessionEntry): string {
  if (entry.status === 'starting') return 'starting…';
  if (entry.status === 'running') {
    const scrolled = entry.emulator.snapshot().scrolledBack;
    return scrolled > 0
      ? `scrolled back ${scrolled} lines · Shift-PgDn or any key returns`
      : 'Ctrl-P Ctrl-Q detach · Ctrl-F full screen · Shift-PgUp scroll back';
  }
  const code = entry.exitCode === undefined || entry.exitCode === null ? '' : ` with code ${entry.exitCode}`;
  return `exited${code} · any key returns to the lists`;
}

/** Where an Ink element is on the screen: Yoga positions are relative to the parent's. */
function screenRegion(element: DOMElement | null, rows: number): PaintRegion | undefined {
  const yoga = element?.yogaNode;
  if (!element || !yoga) return undefined;
  let x = 0;
  let y = 0;
  for (let node: DOMElement | undefined = element; node; node = node.parentNode) {
    x += node.yogaNode?.getComputedLeft() ?? 0;
    y += node.yogaNode?.getComputedTop() ?? 0;
  }
  return { x, y, cols: yoga.getComputedWidth(), rows };
}

export function TerminalPane({
  entry,
  width,
  height,
  focused,
  fullScreen,
  theme,
  painter,
}: TerminalPaneProps) {
  const snapshot = entry.emulator.snapshot();
  const { cols, rows: visibleRows } = terminalSize(width, height);
  const title = `Terminal │ ${entry.request.command}`;
  const color = theme.color;
  const lines = snapshot.rows
    .slice(0, visibleRows)
    .map((spans, y) => (focused && snapshot.cursor?.y === y ? withCursor(spans, snapshot.cursor.x) : spans));
  const rowsBox = useRef<DOMElement>(null);
  const painting = painter !== undefined && focused && entry.status === 'running';
  useLayoutEffect(() => {
    if (!painter || !painting) return;
    painter.attach({
      emulator: entry.emulator,
      color,
      region: () => screenRegion(rowsBox.current, visibleRows),
    });
    return () => painter.detach();
  }, [painter, painting, entry.emulator, color, visibleRows]);
  // Every commit: what Ink's next frame will hold for these rows.
  useLayoutEffect(() => {
    if (painting) painter?.committedRows(lines, cols, color);
  });
  return (
    <Panel
      title={title}
      width={width}
      height={height}
      focused={focused}
      borderColor={focused ? theme.border.focused : theme.border.normal}
      info={fullScreen ? 'full screen' : undefined}
    >
      <Box ref={rowsBox} flexDirection="column" flexShrink={0}>
        {lines.map((line, y) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on the screen
          <Text key={y} wrap="truncate-end">
            {line.map((span, i) => (
              <Text
                // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in the row
                key={i}
                color={color ? span.fg : undefined}
                backgroundColor={color ? span.bg : undefined}
                bold={span.bold}
                dimColor={span.dim}
                italic={span.italic}
                underline={span.underline}
                inverse={span.inverse}
                strikethrough={span.strikethrough}
              >
                {span.text}
              </Text>
            ))}
          </Text>
        ))}
      </Box>
      <Box flexGrow={1} />
      <Text wrap="truncate-end" color={entry.error ? theme.status.error : theme.text.muted}>
        {entry.error
          ? `${sanitizeForTerminal(entry.error, { keepColors: false })} · ${statusText(entry)}`
          : entry.note
            ? `${entry.note} · ${statusText(entry)}`
            : statusText(entry)}
      </Text>
    </Panel>
  );
}
