/**
 * A centred box over the screen: confirmations, menus, prompts and help all sit in one.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.js';

/**
 * Ink paints a Box's whole area with spaces when it has a background colour, which is what
 * stops the screen underneath showing through a dialog. A colour name chalk does not know adds
 * no escape sequence, so the fill keeps the terminal's own background (light or dark).
 */
const TERMINAL_BACKGROUND = 'terminal-default';

export interface DialogProps {
  title: string;
  width: number;
  theme: Theme;
  tone?: 'normal' | 'danger';
  children: ReactNode;
  footer?: string;
}

export function Dialog({ title, width, theme, tone = 'normal', children, footer }: DialogProps) {
  const borderColor = tone === 'danger' ? theme.status.error : theme.border.focused;
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={borderColor}
      width={width}
      paddingX={1}
      backgroundColor={TERMINAL_BACKGROUND}
    >
      <Text bold color={borderColor} wrap="truncate-end">
        {title}
      </Text>
      {children}
      {footer ? (
        <Text color={theme.text.muted} wrap="truncate-end">
          {footer}
        </Text>
      ) : null}
    </Box>
  );
}
