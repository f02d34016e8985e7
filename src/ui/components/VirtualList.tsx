/**
 * A list that renders only the rows that fit: cursor moves cost the same at 20 rows or 2,000.
 * The window follows the selected row, keeping it visible with the least scrolling.
 */
import { Box } from 'ink';
import { type ReactNode, useEffect, useRef } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  selectedIndex: number;
  height: number;
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
  const { items, selectedIndex, height, renderRow, rowKey, onVisible } = props;
  const start = useRef(0);
  start.current = windowStart(start.current, Math.max(0, selectedIndex), height, items.length);
  const visible = items.slice(start.current, start.current + height);
  useEffect(() => onVisible?.(visible));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((item, i) => {
        const index = start.current + i;
        return (
          <Box key={rowKey(item)} height={1}>
            {renderRow(item, index, index === selectedIndex)}
          </Box>
        );
      })}
    </Box>
  );
}
