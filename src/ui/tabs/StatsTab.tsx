/**
 * The Stats tab: each figure as a block-character graph of the last minutes (one column a
 * second, newest on the right) with its current value. Tall panes get an area graph per figure;
 * short ones one line each, label, value and sparkline.
 */
import { Box, Text } from 'ink';
import type { StatsSample } from '../../engine/engine.js';
import type { Theme } from '../theme.js';
import { areaGraph, sparkline } from './graph.js';
import { statsMetrics } from './stats-metrics.js';

export interface StatsTabProps {
  samples: readonly StatsSample[];
  width: number;
  height: number;
  theme: Theme;
}

const LABEL = 12;

export function StatsTab({ samples, width, height, theme }: StatsTabProps) {
  const metrics = statsMetrics(samples);
  const perMetric = Math.floor(height / metrics.length);
  if (perMetric >= 2) {
    const graphRows = perMetric - 1;
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        {metrics.map((m) => (
          <Box key={m.label} flexDirection="column" height={perMetric}>
            <Text wrap="truncate-end">
              <Text color={theme.text.accent} bold>
                {m.label.padEnd(LABEL)}
              </Text>
              {m.current}
              <Text color={theme.text.muted}>{`  (top ${m.maxText})`}</Text>
            </Text>
            {areaGraph(m.values, width, graphRows, m.max).map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: graph rows are positions
              <Text key={i} color={theme.text.accent} wrap="truncate">
                {row}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    );
  }
  const valueWidth = Math.min(36, Math.max(0, width - LABEL - 10));
  const graphWidth = Math.max(0, width - LABEL - valueWidth - 1);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {metrics.slice(0, Math.max(0, height)).map((m) => (
        <Text key={m.label} wrap="truncate-end">
          <Text color={theme.text.accent} bold>
            {m.label.padEnd(LABEL)}
          </Text>
          {m.current.slice(0, valueWidth).padEnd(valueWidth)}{' '}
          <Text color={theme.text.accent}>{sparkline(m.values, graphWidth, m.max)}</Text>
        </Text>
      ))}
    </Box>
  );
}
