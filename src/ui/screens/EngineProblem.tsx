/**
 * Shown when the engine cannot be reached at start: the doctor's diagnosis, and a retry that
 * keeps going until the engine answers.
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../state/connection.js';
import { wrapText } from '../format/wrap.js';
import type { Theme } from '../theme.js';

type Problem = Extract<ConnectionState, { state: 'unreachable' }>;

export function EngineProblem({ problem, width, theme }: { problem: Problem; width: number; theme: Theme }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((problem.retryAt - now) / 1000));
  const inner = Math.min(width - 4, 100);
  return (
    <Box flexDirection="column" paddingX={1} paddingY={1} width={Math.min(width, 104)}>
      <Text bold color={theme.status.error}>
        berth cannot reach the Docker engine
      </Text>
      <Text> </Text>
      {problem.endpoint ? (
        <>
          <Text wrap="truncate-end">{`Endpoint:  ${problem.endpoint.url}`}</Text>
          <Text wrap="truncate-end">{`Chosen by: ${problem.endpoint.source}`}</Text>
        </>
      ) : null}
      <Text wrap="truncate-end">{`Problem:   ${problem.error.kind}`}</Text>
      <Text> </Text>
      {wrapText(problem.error.message, inner).map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of one message, in order
        <Text key={`message-${i}`}>{row}</Text>
      ))}
      {problem.error.detail
        ? wrapText(`(${problem.error.detail})`, inner).map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of one message, in order
            <Text key={`detail-${i}`} color={theme.text.muted}>
              {row}
            </Text>
          ))
        : null}
      <Text> </Text>
      <Text color={theme.text.muted}>
        {seconds > 0 ? `Trying again in ${seconds} s…` : 'Trying again…'} q quits · `berth doctor` prints this
        without the UI
      </Text>
    </Box>
  );
}
