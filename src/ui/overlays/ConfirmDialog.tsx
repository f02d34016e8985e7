/**
 * Asks before anything destructive, saying exactly what will go. `y` confirms; `n`, Esc and
 * Enter (the default) cancel. Toggles (force, volumes) flip with their letter. A question that
 * risks nothing (pull the image you asked to run) may make Enter say yes instead.
 */
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import { wrapText } from '../format/wrap.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import type { Theme } from '../theme.js';
import type { Overlay } from './overlay.js';

type Confirm = Extract<Overlay, { kind: 'confirm' }>;

export interface ConfirmDialogProps {
  overlay: Confirm;
  width: number;
  maxLines: number;
  theme: Theme;
  onClose: () => void;
}

export function ConfirmDialog({ overlay, width, maxLines, theme, onClose }: ConfirmDialogProps) {
  const [toggles, setTogglesState] = useState<Record<string, boolean>>(() =>
    Object.fromEntries((overlay.toggles ?? []).map((t) => [t.key, t.on])),
  );
  // Also in a ref: `fy` typed in one read must confirm with force on.
  const togglesRef = useRef(toggles);
  useStableInput((input, key) => {
    if (input === 'y' || input === 'Y' || (key.return && overlay.defaultYes)) {
      onClose();
      overlay.onYes(togglesRef.current);
      return;
    }
    if (input === 'n' || input === 'N' || key.escape || key.return || input === 'q') {
      onClose();
      return;
    }
    const toggle = overlay.toggles?.find((t) => t.key === input && !t.locked);
    if (toggle) {
      togglesRef.current = { ...togglesRef.current, [toggle.key]: !togglesRef.current[toggle.key] };
      setTogglesState(togglesRef.current);
    }
  });
  // Sentences wrap (what goes, said whole, at 80 columns too). When not all fit, whole entries
  // are shown and the rest counted: half an entry of a list of what goes says the wrong thing.
  const wrapped = overlay.lines.map((line) => wrapText(line, width - 4));
  const rowCount = wrapped.reduce((sum, rows) => sum + rows.length, 0);
  const room = rowCount > maxLines ? maxLines - 1 : maxLines;
  const shown: string[] = [];
  let entriesShown = 0;
  for (const rows of wrapped) {
    if (shown.length + rows.length > room) break;
    shown.push(...rows);
    entriesShown++;
  }
  // One entry taller than the dialog (a long sentence on a small screen): its first rows.
  if (entriesShown === 0 && wrapped[0]) {
    shown.push(...wrapped[0].slice(0, room));
    entriesShown = 1;
  }
  const hidden = overlay.lines.length - entriesShown;
  return (
    <Dialog title={overlay.title} width={width} theme={theme} tone={overlay.tone}>
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are static for the dialog's life
        <Text key={i} wrap="truncate-end">
          {line.padEnd(width - 4)}
        </Text>
      ))}
      {hidden > 0 ? <Text color={theme.text.muted}>{`… and ${hidden} more`.padEnd(width - 4)}</Text> : null}
      {(overlay.toggles ?? []).map((t) => (
        <Text key={t.key} wrap="truncate-end">
          <Text color={theme.text.accent}>{`[${toggles[t.key] ? 'x' : ' '}] `}</Text>
          {`${t.label}${t.locked ? '' : ` (${t.key})`}`.padEnd(width - 8)}
        </Text>
      ))}
      {overlay.defaultYes ? (
        <Text wrap="truncate-end">
          <Text bold color={theme.text.accent}>
            y
          </Text>
          <Text>{` / Enter  ${overlay.yesLabel}   `}</Text>
          <Text bold>n</Text>
          <Text>
            {' / Esc  cancel (default: Yes)'.padEnd(Math.max(0, width - 19 - overlay.yesLabel.length))}
          </Text>
        </Text>
      ) : (
        <Text wrap="truncate-end">
          <Text bold color={overlay.tone === 'danger' ? theme.status.error : theme.text.accent}>
            y
          </Text>
          <Text>{` ${overlay.yesLabel}   `}</Text>
          <Text bold>n</Text>
          <Text>
            {' / Esc / Enter  cancel (default: No)'.padEnd(Math.max(0, width - 10 - overlay.yesLabel.length))}
          </Text>
        </Text>
      )}
    </Dialog>
  );
}
