/**
 * A dialog over the screen for something that streams until it ends (a build, a pull): the view
 * follows the end; ↑/↓ (or k/j) and PgUp/PgDn scroll back. Esc cancels while it runs; once it
 * has ended, Esc or Enter closes it.
 */
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { Dialog } from '../components/Dialog.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import { TabLines } from '../tabs/TabLines.js';
import type { TabLine } from '../tabs/tab-lines.js';
import type { Theme } from '../theme.js';

export interface StreamDialogProps {
  title: string;
  lines: readonly TabLine[];
  /** While true, Esc calls `cancel`; afterwards it closes. */
  isRunning: () => boolean;
  cancel: () => void;
  /** The footer's first words: `Esc cancels the build`, `Built`, `Failed`. */
  footer: string;
  /** What Enter does once it has ended, instead of closing (the footer names it). */
  onAccept?: () => void;
  failed: boolean;
  width: number;
  maxRows: number;
  theme: Theme;
  onClose: () => void;
}

export function StreamDialog(props: StreamDialogProps) {
  const { title, lines, width, maxRows, theme } = props;
  // Lines scrolled back from the end; 0 follows the stream.
  const [back, setBackState] = useState(0);
  const backRef = useRef(back);
  const setBack = (n: number) => {
    backRef.current = n;
    setBackState(n);
  };
  const height = Math.max(1, maxRows - 3);
  const maxBack = Math.max(0, lines.length - height);
  useStableInput((input, key) => {
    if (key.escape || key.return) {
      if (props.isRunning()) {
        if (key.escape) props.cancel();
        return;
      }
      if (key.return && props.onAccept) return props.onAccept();
      return props.onClose();
    }
    if (key.upArrow || input === 'k') return setBack(Math.min(maxBack, backRef.current + 1));
    if (key.downArrow || input === 'j') return setBack(Math.max(0, backRef.current - 1));
    if (key.pageUp) return setBack(Math.min(maxBack, backRef.current + height));
    if (key.pageDown) return setBack(Math.max(0, backRef.current - height));
  });
  const shownBack = Math.min(back, maxBack);
  const shown = Math.min(height, Math.max(1, lines.length));
  const top = Math.max(0, lines.length - height - shownBack);
  const running = props.isRunning();
  return (
    <Dialog
      title={title}
      width={width}
      theme={theme}
      tone={props.failed ? 'danger' : 'normal'}
      footer={`${props.footer} · ${running || props.onAccept ? '' : 'Esc or Enter closes · '}↑/↓ scroll`}
    >
      <Box height={shown} flexDirection="column">
        <TabLines lines={lines} top={top} height={shown} theme={theme} />
      </Box>
      {shownBack > 0 ? <Text color={theme.text.muted}>{`↓ ${shownBack} more below`}</Text> : null}
    </Dialog>
  );
}
