/** Draws a text tab's lines from `top` on: only the lines that fit are rendered. */
import { Box, Text } from 'ink';
import type { Theme } from '../theme.js';
import type { TabLine, Tone } from './tab-lines.js';

export interface TabLinesProps {
  lines: readonly TabLine[];
  top: number;
  height: number;
  theme: Theme;
}

export function toneColor(theme: Theme, tone: Tone | undefined): string | undefined {
  switch (tone) {
    case undefined:
      return theme.text.primary;
    case 'muted':
      return theme.text.muted;
    case 'accent':
      return theme.text.accent;
    case 'added':
      return theme.status.success;
    case 'changed':
    case 'warning':
      return theme.status.warning;
    case 'deleted':
    case 'error':
      return theme.status.error;
  }
}

export function TabLines({ lines, top, height, theme }: TabLinesProps) {
  const visible = lines.slice(top, top + Math.max(0, height));
  return (
    <Box height={height} flexDirection="column" overflow="hidden">
      {visible.map((line, i) => (
        // Lines have no identity beyond their position in the view.
        // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity here
        <Text key={top + i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((segment, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
                <Text key={j} color={toneColor(theme, segment.tone)} bold={segment.bold}>
                  {segment.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
