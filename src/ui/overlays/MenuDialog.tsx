/**
 * A list to pick from that narrows as you type, best match first: the signal menu, the command
 * palette, the run and push choices. Up/Down move, Enter picks the highlighted entry, Esc closes.
 */
import { Text } from 'ink';
import { useRef, useState } from 'react';
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

/**
 * How well an entry answers a lower-case query, best first: one of its names is the query, starts
 * with it, contains it; then its hint contains it. Undefined when nothing does. A name (what the
 * entry is) outranks the hint (what it does), so `stop` finds SIGSTOP before SIGTERM, whose hint
 * says "ask to stop".
 */
function matchRank(item: MenuItem, query: string): number | undefined {
  const names = [item.label, item.value, ...(item.aliases ?? [])].map((name) => name.toLowerCase());
  if (names.includes(query)) return 0;
  if (names.some((name) => name.startsWith(query))) return 1;
  if (names.some((name) => name.includes(query))) return 2;
  if (item.hint?.toLowerCase().includes(query)) return 3;
  return undefined;
}

/** The entries that match what was typed, best match first; equal matches keep the menu's order. */
export function filterMenu(items: readonly MenuItem[], query: string): MenuItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  return items
    .map((item) => ({ item, rank: matchRank(item, q) }))
    .filter((entry): entry is { item: MenuItem; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.item);
}

export function MenuDialog({ overlay, width, maxItems, theme, onClose }: MenuDialogProps) {
  // Query and highlight live in one ref as well as in state: keys of one read arrive before a
  // re-render, and `usr2⏎` must pick what `usr2` narrowed the menu to.
  const [menu, setMenuState] = useState({ query: '', index: 0 });
  const menuRef = useRef(menu);
  const setMenu = (next: { query: string; index: number }) => {
    menuRef.current = next;
    setMenuState(next);
  };
  const items = filterMenu(overlay.items, menu.query);
  const current = Math.min(menu.index, Math.max(0, items.length - 1));
  useStableInput((input, key) => {
    const { query, index } = menuRef.current;
    const shown = filterMenu(overlay.items, query);
    const at = Math.min(index, Math.max(0, shown.length - 1));
    if (key.escape) return onClose();
    if (key.return) {
      const typed = query.trim();
      const run = /\s/.test(typed) ? overlay.onText?.(typed) : undefined;
      if (run) {
        onClose();
        return run();
      }
      const item = shown[at];
      // Nothing matches: the menu stays open, so a typo is mended rather than silently dropped.
      if (!item) return;
      onClose();
      overlay.onPick(item.value);
      return;
    }
    if (key.upArrow || (key.ctrl && input === 'p')) return setMenu({ query, index: Math.max(0, at - 1) });
    if (key.downArrow || (key.ctrl && input === 'n')) {
      return setMenu({ query, index: Math.min(shown.length - 1, at + 1) });
    }
    if (key.backspace || key.delete) return setMenu({ query: query.slice(0, -1), index: 0 });
    if (key.ctrl && input === 'u') return setMenu({ query: '', index: 0 });
    if (input && !key.ctrl && !key.meta && !key.tab) setMenu({ query: query + input, index: 0 });
  });
  const query = menu.query;
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
        <Text color={theme.text.muted} wrap="truncate-end">
          {'  nothing matches: Backspace to change it, Esc to close'.padEnd(inner)}
        </Text>
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
