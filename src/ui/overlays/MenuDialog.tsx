/**
 * A list to pick from that narrows as you type: the signal menu and the command palette.
 * Up/Down move, Enter picks the highlighted entry, Esc closes.
 */
import { Text } from 'ink';
import { useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import type { Theme } from '../theme.js';
import type { MenuItem, Overlay } from './overlay.js';

type Menu = Extract<Overlay, { kind: 'menu' }>;

export interface MenuDialogProps {
  overlay: Menu;
  width: number;
  maxItems: number;
  theme: Theme;
  onClose: () => void;
}

export function filterMenu(items: readonly MenuItem[], query: string): MenuItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  const starts = items.filter(
    (i) => i.label.toLowerCase().startsWith(q) || i.value.toLowerCase().startsWith(q),
  );
  const contains = items.filter(
    (i) => !starts.includes(i) && `${i.label} ${i.value} ${i.hint ?? ''}`.toLowerCase().includes(q),
  );
  return [...starts, ...contains];
}

export function MenuDialog({ overlay, width, maxItems, theme, onClose }: MenuDialogProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const items = filterMenu(overlay.items, query);
  const current = Math.min(index, Math.max(0, items.length - 1));
  useStableInput((input, key) => {
    if (key.escape) return onClose();
    if (key.return) {
      const item = items[current];
      onClose();
      if (item) overlay.onPick(item.value);
      return;
    }
    if (key.upArrow || (key.ctrl && input === 'p')) return setIndex(Math.max(0, current - 1));
    if (key.downArrow || (key.ctrl && input === 'n'))
      return setIndex(Math.min(items.length - 1, current + 1));
    if (key.backspace || key.delete) {
      setQuery((q) => q.slice(0, -1));
      return setIndex(0);
    }
    if (key.ctrl && input === 'u') {
      setQuery('');
      return setIndex(0);
    }
    if (input && !key.ctrl && !key.meta && !key.tab) {
      setQuery((q) => q + input);
      setIndex(0);
    }
  });
  const start = Math.max(0, Math.min(current - maxItems + 1, items.length - maxItems));
  const visible = items.slice(Math.max(0, start), Math.max(0, start) + maxItems);
  const inner = width - 4;
  // Hints line up in a column after the longest label (palette labels are capped).
  const labelWidth = Math.min(24, Math.max(0, ...overlay.items.map((i) => i.label.length)));
  return (
    <Dialog
      title={overlay.title}
      width={width}
      theme={theme}
      footer="type to filter · ↑↓ move · Enter pick · Esc close"
    >
      {overlay.note ? (
        <Text color={theme.status.warning} wrap="truncate-end">
          {overlay.note.padEnd(inner)}
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        <Text color={theme.text.accent}>{'> '}</Text>
        {query}
        <Text inverse> </Text>
        {' '.repeat(Math.max(0, inner - query.length - 3))}
      </Text>
      {visible.length === 0 ? (
        <Text color={theme.text.muted}>{'  nothing matches'.padEnd(inner)}</Text>
      ) : null}
      {visible.map((item) => {
        const selected = item === items[current];
        const hint = item.hint ? `  ${item.hint}` : '';
        const label = item.label.padEnd(labelWidth);
        return (
          <Text key={item.value} inverse={selected} wrap="truncate-end">
            {`${selected ? '▶ ' : '  '}${label}`}
            <Text color={selected ? undefined : theme.text.muted}>{hint}</Text>
            {' '.repeat(Math.max(0, inner - 2 - label.length - hint.length))}
          </Text>
        );
      })}
    </Dialog>
  );
}
