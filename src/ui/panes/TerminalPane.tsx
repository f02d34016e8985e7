/**
 * The embedded terminal: an interactive session's emulator screen, redrawn as Ink text with its
 * colours, bold, inverse and underline, and the cursor. Keys reach it through MainScreen.
 */
import { Box, Text } from 'ink';
import type { SessionEntry } from '../../state/sessions.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { Panel } from '../components/Panel.js';
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
}

/** Rows and columns the emulator gets inside a pane of this size (border, one status row). */
export function terminalSize(width: number, height: number): { cols: number; rows: number } {
  return { cols: Math.max(10, width - 2), rows: Math.max(2, height - 3) };
}

function statusText(entry: SessionEntry): string {
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

export function TerminalPane({ entry, width, height, focused, fullScreen, theme }: TerminalPaneProps) {
  const snapshot = entry.emulator.snapshot();
  const { rows: visibleRows } = terminalSize(width, height);
  const title = `Terminal │ ${entry.request.command}`;
  const color = theme.color;
  return (
    <Panel
      title={title}
      width={width}
      height={height}
      focused={focused}
      borderColor={focused ? theme.border.focused : theme.border.normal}
      info={fullScreen ? 'full screen' : undefined}
    >
      {snapshot.rows.slice(0, visibleRows).map((spans, y) => {
        const line = focused && snapshot.cursor?.y === y ? withCursor(spans, snapshot.cursor.x) : spans;
        return (
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
        );
      })}
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
