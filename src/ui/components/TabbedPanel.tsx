/**
 * A bordered panel whose top border is a tab bar (`┌ Logs │ Inspect │ Env ───── info ┐`) with
 * the current tab highlighted. Too narrow for every name, the other tabs shrink to their first
 * letter; narrower still, only the current one is named.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { PanelBody } from './Panel.js';

export interface TabbedPanelProps {
  tabs: readonly string[];
  current: number;
  width: number;
  height: number;
  focused: boolean;
  borderColor?: string;
  currentColor?: string;
  /**
   * Right-aligned text in the top border. Parts, the most wanted first, are joined by ` · ` and
   * dropped from the end while they do not fit: `following` stays when a count behind it has no room.
   */
  info?: string | readonly string[];
  children: ReactNode;
}

const SEPARATOR = ' │ ';

/** The tab labels that fit in `room` columns: full names, then initials, then the current alone. */
export function tabLabels(tabs: readonly string[], current: number, room: number): string[] {
  const fits = (labels: string[]) => labels.join(SEPARATOR).length <= room;
  const full = [...tabs];
  if (fits(full)) return full;
  const initials = tabs.map((t, i) => (i === current ? t : t.slice(0, 1)));
  if (fits(initials)) return initials;
  return [`‹ ${tabs[current] ?? ''} ›`.slice(0, Math.max(0, room))];
}

/** The leading parts of `info` (empty ones skipped) that fit in `room` columns, joined. */
export function borderInfo(info: string | readonly string[] | undefined, room: number): string {
  const parts = (typeof info === 'string' ? [info] : (info ?? [])).filter(Boolean);
  let text = '';
  for (const part of parts) {
    const longer = text ? `${text} · ${part}` : part;
    if (longer.length > room) break;
    text = longer;
  }
  return text;
}

export function TabbedPanel(props: TabbedPanelProps) {
  const { tabs, current, width, height, focused, borderColor, info, children } = props;
  const inner = Math.max(0, width - 2);
  // "┌ " … " " … "┐": two spaces round the labels.
  const labels = tabLabels(tabs, current, Math.max(0, inner - 2));
  const single = labels.length === 1 && tabs.length > 1;
  const barWidth = labels.join(SEPARATOR).length + 2;
  const text = borderInfo(info, inner - barWidth - 3);
  const right = text ? ` ${text} ` : '';
  const fill = Math.max(0, inner - barWidth - right.length);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={borderColor} bold={focused} wrap="truncate">
        {'┌ '}
        {labels.map((label, i) => {
          const isCurrent = single || i === current;
          return (
            <Text key={tabs[i] ?? label}>
              {i > 0 ? SEPARATOR : ''}
              {isCurrent ? (
                <Text inverse bold color={props.currentColor}>
                  {label}
                </Text>
              ) : (
                label
              )}
            </Text>
          );
        })}
        {` ${'─'.repeat(fill)}${right}┐`}
      </Text>
      <PanelBody width={width} height={height} borderColor={borderColor}>
        {children}
      </PanelBody>
    </Box>
  );
}
