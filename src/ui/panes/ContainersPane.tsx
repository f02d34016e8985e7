/** The containers list: state-coloured rows, compose groups, filter line, live status text. */
import { Box, Text } from 'ink';
import type { ContainerRow } from '../../state/selectors.js';
import { FilterLine } from '../components/FilterLine.js';
import { Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import type { Theme } from '../theme.js';
import { containerCells, containerColumns, fitCell } from './container-cells.js';

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
}

export function ContainersPane(props: ContainersPaneProps) {
  const { rows, selectedKey, focused, width, height, theme, filter, filterEditing, now } = props;
  const columns = containerColumns(width - 2);
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
      info={props.showAll ? 'A: running only' : 'A: all'}
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
            const cells = containerCells(row.container, columns, now);
            const highlight = selected && focused;
            return (
              <Text wrap="truncate-end" inverse={highlight}>
                <Text>{selected ? '▶' : ' '}</Text>
                <Text color={highlight ? undefined : theme.text.accent}>
                  {props.withSessions?.has(row.container.id) ? '»' : ' '}
                </Text>
                <Text bold={selected}>{cells.name}</Text>
                <Text> </Text>
                <Text color={highlight ? undefined : theme.state[row.container.state]}>{cells.state}</Text>
                <Text> </Text>
                <Text>{cells.status}</Text>
                {columns.image ? (
                  <Text color={highlight ? undefined : theme.text.muted}> {cells.image}</Text>
                ) : null}
                {columns.ports ? (
                  <Text color={highlight ? undefined : theme.text.muted}> {cells.ports}</Text>
                ) : null}
              </Text>
            );
          }}
        />
      )}
      <Box flexGrow={1} />
    </Panel>
  );
}
