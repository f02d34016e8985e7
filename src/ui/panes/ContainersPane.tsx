/**
 * The containers list: state-coloured rows, compose groups, filter line, live status text, and
 * the optional CPU/MEM column (read only for the running containers on screen).
 */
import { Box, Text } from 'ink';
import { memo, useEffect, useMemo } from 'react';
import type { Engine } from '../../engine/engine.js';
import type { ContainerEntry } from '../../state/containers-store.js';
import type { ContainerRow } from '../../state/selectors.js';
import { FilterLine } from '../components/FilterLine.js';
import { Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import { useListStats } from '../hooks/use-list-stats.js';
import type { Theme } from '../theme.js';
import {
  type ContainerColumns,
  containerCells,
  containerColumns,
  fitCell,
  statsCells,
} from './container-cells.js';

export interface ContainersPaneProps {
  rows: readonly ContainerRow[];
  selectedKey: string | undefined;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  showAll: boolean;
  counts: { shown: number; total: number };
  filter: string;
  filterEditing: boolean;
  now: number;
  /** Containers with an interactive session still open (detached or shown), marked `»`. */
  withSessions?: ReadonlySet<string>;
  /** Show the CPU/MEM column (config `containers.statsColumn`, key `m`). */
  statsColumn?: boolean;
  /** The engine while it is connected: the CPU/MEM column reads nothing without one. */
  engine?: Engine;
}

/** The containers the CPU/MEM column reads: the running ones among the rows on screen. */
const runningIds = (rows: readonly ContainerRow[]) =>
  rows.flatMap((r) => (r.kind === 'container' && r.container.state === 'running' ? [r.container.id] : []));

export function ContainersPane(props: ContainersPaneProps) {
  const { rows, selectedKey, focused, width, height, theme, filter, filterEditing, now } = props;
  // One object while the width and the column set stay: the rows below are memoised on it.
  const columns = useMemo(
    () => containerColumns(width - 2, { stats: props.statsColumn }),
    [width, props.statsColumn],
  );
  const showsStats = columns.cpu > 0;
  const listStats = useListStats(props.engine, showsStats);
  // The list below reports the rows on screen after it draws; with no rows it is not drawn.
  useEffect(() => {
    if (rows.length === 0) listStats.watch([]);
  });
  const filterLine = filterEditing || filter ? 1 : 0;
  const listHeight = Math.max(0, height - 2 - filterLine);
  const selectedIndex = rows.findIndex((r) => r.key === selectedKey);
  const title = `Containers (${props.counts.shown}/${props.counts.total})${props.showAll ? ' all' : ''}`;
  return (
    <Panel
      title={title}
      width={width}
      height={height}
      focused={focused}
      borderColor={focused ? theme.border.focused : theme.border.normal}
      info={`${showsStats ? (columns.memory ? 'CPU MEM · ' : 'CPU · ') : ''}${props.showAll ? 'A: running only' : 'A: all'}`}
    >
      <FilterLine filter={filter} editing={filterEditing} theme={theme} />
      {rows.length === 0 ? (
        <Text color={theme.text.muted} wrap="truncate-end">
          {filter
            ? `  No container matches "${filter}".`
            : props.showAll
              ? '  No containers.'
              : '  No running containers (A shows all).'}
        </Text>
      ) : (
        <VirtualList
          items={rows}
          selectedIndex={selectedIndex}
          height={listHeight}
          rowKey={(r) => r.key}
          onVisible={(visible) => listStats.watch(showsStats ? runningIds(visible) : [])}
          renderRow={(row, _index, selected) => {
            if (row.kind === 'group') {
              return (
                <Text color={theme.text.muted} bold wrap="truncate-end">
                  {fitCell(
                    row.project ? `▾ ${row.project} (${row.count})` : `▾ standalone (${row.count})`,
                    width - 2,
                  )}
                </Text>
              );
            }
            return (
              <ContainerLine
                container={row.container}
                columns={columns}
                now={now}
                selected={selected}
                focused={focused}
                theme={theme}
                withSession={props.withSessions?.has(row.container.id) ?? false}
                stats={
                  showsStats
                    ? (listStats.cells.get(row.container.id) ??
                      statsCells(undefined, row.container.state === 'running'))
                    : undefined
                }
              />
            );
          }}
        />
      )}
      <Box flexGrow={1} />
    </Panel>
  );
}

interface ContainerLineProps {
  container: ContainerEntry;
  columns: ContainerColumns;
  now: number;
  selected: boolean;
  focused: boolean;
  theme: Theme;
  withSession: boolean;
  /** The CPU/MEM cells, when the column is shown. */
  stats: { cpu: string; memory: string } | undefined;
}

/**
 * One container's row. Memoised: a cursor move re-renders the two rows whose selection changed,
 * not every row on screen (each is a dozen Ink nodes that React would render and Ink update).
 */
const ContainerLine = memo(function ContainerLine(props: ContainerLineProps) {
  const { container, columns, selected, focused, theme } = props;
  const cells = containerCells(container, columns, props.now);
  const highlight = selected && focused;
  return (
    <Text wrap="truncate-end" inverse={highlight}>
      <Text>{selected ? '▶' : ' '}</Text>
      <Text color={highlight ? undefined : theme.text.accent}>{props.withSession ? '»' : ' '}</Text>
      <Text bold={selected}>{cells.name}</Text>
      <Text> </Text>
      <Text color={highlight ? undefined : theme.state[container.state]}>{cells.state}</Text>
      <Text> </Text>
      <Text>{cells.status}</Text>
      {props.stats ? <StatsCells cells={props.stats} cpu={columns.cpu} memory={columns.memory} /> : null}
      {columns.image ? <Text color={highlight ? undefined : theme.text.muted}> {cells.image}</Text> : null}
      {columns.ports ? <Text color={highlight ? undefined : theme.text.muted}> {cells.ports}</Text> : null}
    </Text>
  );
});

function StatsCells(props: { cells: { cpu: string; memory: string }; cpu: number; memory: number }) {
  return (
    <Text>
      {` ${props.cells.cpu.padStart(props.cpu)}`}
      {props.memory ? ` ${props.cells.memory.padStart(props.memory)}` : ''}
    </Text>
  );
}
