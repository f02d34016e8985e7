/** Every key of the focused scope and the global ones, generated from the keymap. */
import { Text } from 'ink';
import { useRef, useState } from 'react';
import type { Scope } from '../../keys/actions.js';
import type { Keymap } from '../../keys/bindings.js';
import { helpSections } from '../../keys/help.js';
import { Dialog } from '../components/Dialog.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import type { Theme } from '../theme.js';

export interface HelpDialogProps {
  keymap: Keymap;
  scopes: Scope[];
  readOnly: boolean;
  width: number;
  maxRows: number;
  theme: Theme;
  onClose: () => void;
}

export function HelpDialog({ keymap, scopes, readOnly, width, maxRows, theme, onClose }: HelpDialogProps) {
  const [top, setTopState] = useState(0);
  // Also in a ref: several scroll keys can arrive before a re-render.
  const topRef = useRef(0);
  const sections = helpSections(keymap, scopes, { readOnly });
  const inner = width - 4;
  const keyWidth = 16;
  const lines: Array<{ kind: 'title' | 'row'; text: string; keys?: string; disabled?: boolean }> = [];
  for (const section of sections) {
    lines.push({ kind: 'title', text: section.title });
    for (const row of section.rows) {
      if (!row.keys) continue;
      lines.push({ kind: 'row', keys: row.keys, text: row.description, disabled: row.disabled });
    }
  }
  const rows = Math.max(1, maxRows);
  const maxTop = Math.max(0, lines.length - rows);
  // j/k, arrows and PgUp/PgDn scroll when the keys do not all fit; any other key closes.
  useStableInput((input, key) => {
    const step =
      input === 'j' || key.downArrow
        ? 1
        : input === 'k' || key.upArrow
          ? -1
          : key.pageDown || input === ' '
            ? rows
            : key.pageUp
              ? -rows
              : 0;
    if (step === 0 || maxTop === 0) return onClose();
    topRef.current = Math.max(0, Math.min(maxTop, topRef.current + step));
    setTopState(topRef.current);
  });
  const first = Math.min(top, maxTop);
  const shown = lines.slice(first, first + rows);
  const below = lines.length - first - shown.length;
  const position =
    maxTop > 0
      ? `${first > 0 ? `${first} above · ` : ''}${below > 0 ? `${below} below · ` : ''}j/k scroll · `
      : '';
  return (
    <Dialog title="Keys" width={width} theme={theme} footer={`${position}any other key closes`}>
      {shown.map((line, i) =>
        line.kind === 'title' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <Text key={i} bold color={theme.text.accent}>
            {line.text.padEnd(inner)}
          </Text>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <Text key={i} wrap="truncate-end" dimColor={line.disabled}>
            <Text bold>{`  ${line.keys ?? ''}`.padEnd(keyWidth)}</Text>
            {`${line.text}${line.disabled ? ' (read-only)' : ''}`.padEnd(Math.max(0, inner - keyWidth))}
          </Text>
        ),
      )}
    </Dialog>
  );
}
