/**
 * The bottom line: the docker command for what is focused or what just ran, then progress or
 * the result, then the most useful keys. A stop's countdown to SIGKILL ticks here.
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { StatusMessage } from '../../state/status.js';
import type { Theme } from '../theme.js';

export interface StatusLineProps {
  width: number;
  status: StatusMessage | undefined;
  /** The command the focused key would run, shown when nothing else is. */
  hintCommand?: string;
  /** That key, shown before the command (`s ▸ docker stop …`) so it reads as an offer. */
  hintKey?: string;
  keysHint: string;
  theme: Theme;
}

function useCountdown(deadline: number | undefined): number | undefined {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (deadline === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === undefined ? undefined : Math.max(0, Math.ceil((deadline - now) / 1000));
}

export function StatusLine({ width, status, hintCommand, hintKey, keysHint, theme }: StatusLineProps) {
  const remaining = useCountdown(status?.kind === 'progress' ? status.deadline : undefined);
  const command = status?.command ?? hintCommand;
  const color =
    status?.kind === 'error'
      ? theme.status.error
      : status?.kind === 'success'
        ? theme.status.success
        : status?.kind === 'progress'
          ? theme.status.progress
          : theme.status.info;
  let text = status?.text ?? '';
  if (remaining !== undefined) text = `${text} ${remaining} s`;
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {command && !status?.command && hintKey ? (
          <Text color={theme.text.muted}>{`${hintKey} ▸ `}</Text>
        ) : null}
        {command ? <Text color={theme.text.accent}>{command}</Text> : null}
        {command && text ? <Text color={theme.text.muted}> · </Text> : null}
        {text ? (
          <Text color={color} bold={status?.kind === 'error'}>
            {text}
          </Text>
        ) : null}
        {(command || text) && keysHint ? <Text color={theme.text.muted}> · </Text> : null}
        <Text color={theme.text.muted}>{keysHint}</Text>
      </Text>
    </Box>
  );
}
