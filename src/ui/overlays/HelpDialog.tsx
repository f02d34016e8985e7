/** Every key of the focused scope and the global ones, generated from the keymap. */
import { Text } from 'ink';
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
  useStableInput(() => onClose());
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
  const shown = lines.slice(0, Math.max(1, maxRows));
  return (
    <Dialog
      title="Keys"
      width={width}
      theme={theme}
      footer={`${lines.length > shown.length ? `${lines.length - shown.length} more: widen the terminal · ` : ''}any key closes`}
    >
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
