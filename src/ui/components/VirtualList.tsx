/**
 * A list that renders only the rows that fit: cursor moves cost the same at 20 rows or 2,000.
 * The window follows the selected row, keeping it visible with the least scrolling.
 */
import { Box } from 'ink';
import { Fragment, type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Where the selected row is, read by the list itself: a cursor move then renders the list (and
 * the two rows whose selection changed), not the pane and the screen around it (selection.ts).
 */
export interface ListSelection {
  subscribe: (listener: () => void) => () => void;
  /** The selected item's index in `items`; -1 for none. */
  index: () => number;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  selection: ListSelection;
  height: number;
  /**
   * One row: a single line, a `<Text wrap="truncate-end">` (or another one-line node that is never
   * empty). It is placed in the list as it is, with no Box of its own around it: a memoised row
   * that did not change is then not rendered again on a cursor move (a Box around each was 25 of
   * a move's ~50 component renders, and 25 more nodes for Yoga and Ink to go over).
   */
  renderRow: (item: T, index: number, selected: boolean) => ReactNode;
  rowKey: (item: T) => string;
  /** Told which items are on screen after each render (the containers list reads stats for just those). */
  onVisible?: (items: readonly T[]) => void;
}

/** The first visible index, given the previous one, so the window scrolls only when it must. */
export function windowStart(previous: number, selected: number, height: number, count: number): number {
  if (height <= 0 || count <= height) return 0;
  let start = Math.min(previous, count - height);
  if (selected < start) start = selected;
  if (selected >= start + height) start = selected - height + 1;
  return Math.max(0, start);
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, selection, height, renderRow, rowKey, onVisible } = props;
  const selectedIndex = useSyncExternalStore(selection.subscribe, selection.index);
  const start = useRef(0);
  start.current = windowStart(start.current, Math.max(0, selectedIndex), height, items.length);
  const visible = items.slice(start.current, start.current + height);
  useEffect(() => onVisible?.(visible));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((item, i) => {
        const index = start.current + i;
        return <Fragment key={rowKey(item)}>{renderRow(item, index, index === selectedIndex)}</Fragment>;
      })}
    </Box>
  );
}
