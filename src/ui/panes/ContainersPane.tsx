/**
 * The containers list: state-coloured rows, compose groups, filter line, live status text, and
 * the optional CPU/MEM column (read only for the running containers on screen).
 */
import { Box, Text } from 'ink';
import { memo, useEffect, useMemo } from 'react';
import type { Engine } from '../../engine/engine.js';
import type { ContainerEntry } from '../../state/containers-store.js';
import type { ContainerRow } from '../../state/selectors.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { FilterLine } from '../components/FilterLine.js';
import { Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import { paint } from '../format/paint.js';
import { useClock } from '../hooks/use-clock.js';
import { useListStats } from '../hooks/use-list-stats.js';
import { type Cursor, selectedContainerIndex } from '../selection.js';
import type { Theme } from '../theme.js';
import {
  type ContainerColumns,
  containerCells,
  containerColumns,
  fitCell,
  liveStatus,
  statsCells,
} from './container-cells.js';

export interface ContainersPaneProps {
  rows: readonly ContainerRow[];
  /** The wanted container: the list reads it itself, so a cursor move renders the list alone. */
  cursor: Cursor;
  focused: boolean;
  width: number;
  height: number;
  theme: Theme;
  showAll: boolean;
  counts: { shown: number; total: number };
  filter: string;
  filterEditing: boolean;
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

/**
 * Memoised: a render of the screen for another pane (a log line, the status line) changes none
 * of its props, and comparing them is cheaper than checking each visible row.
 */
export const ContainersPane = memo(function ContainersPane(props: ContainersPaneProps) {
  const { rows, cursor, focused, width, height, theme, filter, filterEditing } = props;
  // The pane's own clock: the ages here ticking over render this pane, not the whole screen.
  const now = useClock(rows);
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
          selection={{
            subscribe: cursor.subscribe,
            index: () => selectedContainerIndex(rows, cursor.get().containers),
          }}
          height={listHeight}
          rowKey={(r) => r.key}
          onVisible={(visible) => listStats.watch(showsStats ? runningIds(visible) : [])}
          renderRow={(row, _index, selected) => {
            if (row.kind === 'group') {
              return (
                <Text color={theme.text.muted} bold wrap="truncate-end">
                  {fitCell(
                    row.project
                      ? `▾ ${projectLabel(row.project)} (${row.count})`
                      : `▾ standalone (${row.count})`,
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
});

/**
 * A compose project's name as its heading shows it: the label is whatever the container's creator
 * wrote, so escape codes go and line breaks become spaces (a list row is one line: VirtualList).
 */
export function projectLabel(project: string): string {
  return sanitizeForTerminal(project, { keepColors: false }).replace(/\n/g, ' ');
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
 * Whether a row would draw the same: the same props, with "now" compared by the age text it gives.
 * The clock is read again whenever the rows change (an event on one container) or any row's age
 * ticks over; the rows whose text that leaves as it was are not rendered again.
 */
export function drawsTheSame(before: ContainerLineProps, after: ContainerLineProps): boolean {
  for (const key of Object.keys(after) as (keyof ContainerLineProps)[]) {
    if (key !== 'now' && !Object.is(before[key], after[key])) return false;
  }
  return (
    before.now === after.now ||
    liveStatus(before.container, before.now) === liveStatus(after.container, after.now)
  );
}

/**
 * One container's row. Memoised: a cursor move re-renders the two rows whose selection changed,
 * not every row on screen (React's render and Ink's update of each, cheap as a row is one string).
 */
const ContainerLine = memo(function ContainerLine(props: ContainerLineProps) {
  const { container, columns, selected, focused, theme, stats } = props;
  const cells = containerCells(container, columns, props.now);
  const highlight = selected && focused;
  const muted = highlight ? undefined : theme.text.muted;
  // One styled string, not a <Text> a cell: the same bytes from a tenth of the nodes (see paint).
  const line =
    (selected ? '▶' : ' ') +
    paint(props.withSession ? '»' : ' ', { color: highlight ? undefined : theme.text.accent }) +
    paint(cells.name, { bold: selected }) +
    ' ' +
    paint(cells.state, { color: highlight ? undefined : theme.state[container.state] }) +
    ' ' +
    cells.status +
    (stats ? statsText(stats, columns.cpu, columns.memory) : '') +
    (columns.image ? paint(` ${cells.image}`, { color: muted }) : '') +
    (columns.ports ? paint(` ${cells.ports}`, { color: muted }) : '');
  return (
    <Text wrap="truncate-end" inverse={highlight}>
      {line}
    </Text>
  );
}, drawsTheSame);

function statsText(cells: { cpu: string; memory: string }, cpu: number, memory: number): string {
  return ` ${cells.cpu.padStart(cpu)}${memory ? ` ${cells.memory.padStart(memory)}` : ''}`;
}
