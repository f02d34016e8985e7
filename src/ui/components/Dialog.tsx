/**
 * A centred box over the screen: confirmations, menus, prompts and help all sit in one.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.js';

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
    <Box flexDirection="column" borderStyle="round" borderColor={borderColor} width={width} paddingX={1}>
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
