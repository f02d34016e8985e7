/**
 * A bordered panel with its title in the top border (`┌ Containers (3/12) ───┐`), the way
 * lazydocker and k9s draw them. Ink's Box has no border titles, so the top line is drawn here.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  width: number;
  height: number;
  focused: boolean;
  borderColor?: string;
  /** Right-aligned text in the top border, e.g. `follow · wrap`. */
  info?: string;
  children: ReactNode;
}

export function panelTopLine(title: string, width: number, info = ''): string {
  const inner = Math.max(0, width - 2);
  let label = title ? ` ${title} ` : '';
  let right = info ? ` ${info} ` : '';
  if (label.length + right.length + 1 > inner) right = '';
  if (label.length + 1 > inner) label = `${label.slice(0, Math.max(0, inner - 2))}… `.slice(0, inner);
  const fill = Math.max(0, inner - label.length - right.length);
  return `┌${label}${'─'.repeat(fill)}${right}┐`.slice(0, width);
}

export function Panel({ title, width, height, focused, borderColor, info, children }: PanelProps) {
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={borderColor} bold={focused} wrap="truncate">
        {panelTopLine(title, width, info)}
      </Text>
      <PanelBody width={width} height={height} borderColor={borderColor}>
        {children}
      </PanelBody>
    </Box>
  );
}

/**
 * A panel's sides and bottom, under a top line the caller draws (with its title, or its tabs).
 * `height` is the whole panel's, top line included.
 */
export function PanelBody({
  width,
  height,
  borderColor,
  children,
}: {
  width: number;
  height: number;
  borderColor?: string;
  children: ReactNode;
}) {
  return (
    <Box
      borderStyle="single"
      borderTop={false}
      borderColor={borderColor}
      width={width}
      height={Math.max(1, height - 1)}
      flexDirection="column"
      overflow="hidden"
    >
      {children}
    </Box>
  );
}
