/**
 * The build view over the screen: the steps stream in and the view follows the end; ↑/↓ (or
 * k/j) scroll back. Esc cancels a running build; once it has ended, Esc or Enter closes it.
 */
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { BuildTask } from '../../state/build-model.js';
import { Dialog } from '../components/Dialog.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import { useStore } from '../hooks/use-store.js';
import { buildLines } from '../tabs/build-lines.js';
import { TabLines } from '../tabs/TabLines.js';
import type { Theme } from '../theme.js';

export interface BuildDialogProps {
  title: string;
  build: BuildTask;
  width: number;
  maxRows: number;
  theme: Theme;
  onClose: () => void;
}

export function BuildDialog({ title, build, width, maxRows, theme, onClose }: BuildDialogProps) {
  const state = useStore(build.store);
  // Lines scrolled back from the end; 0 follows the build.
  const [back, setBackState] = useState(0);
  const backRef = useRef(back);
  const setBack = (n: number) => {
    backRef.current = n;
    setBackState(n);
  };
  const lines = buildLines(state);
  const height = Math.max(1, maxRows - 3);
  const maxBack = Math.max(0, lines.length - height);
  useStableInput((input, key) => {
    if (key.escape || (key.return && !build.running)) {
      if (build.running) return build.cancel();
      return onClose();
    }
    if (key.upArrow || input === 'k') return setBack(Math.min(maxBack, backRef.current + 1));
    if (key.downArrow || input === 'j') return setBack(Math.max(0, backRef.current - 1));
    if (key.pageUp) return setBack(Math.min(maxBack, backRef.current + height));
    if (key.pageDown) return setBack(Math.max(0, backRef.current - height));
  });
  const shownBack = Math.min(back, maxBack);
  const top = Math.max(0, lines.length - height - shownBack);
  const footer =
    state.status === 'running'
      ? 'Esc cancels the build · ↑/↓ scroll'
      : `${state.status === 'succeeded' ? 'Built' : state.status === 'failed' ? 'Failed' : 'Cancelled'} · Esc or Enter closes · ↑/↓ scroll`;
  return (
    <Dialog
      title={title}
      width={width}
      theme={theme}
      tone={state.status === 'failed' ? 'danger' : 'normal'}
      footer={footer}
    >
      <Box height={Math.min(height, Math.max(1, lines.length))} flexDirection="column">
        <TabLines
          lines={lines}
          top={top}
          height={Math.min(height, Math.max(1, lines.length))}
          theme={theme}
        />
      </Box>
      {shownBack > 0 ? <Text color={theme.text.muted}>{`↓ ${shownBack} more below`}</Text> : null}
    </Dialog>
  );
}
