/** Draws the open dialog centred over the screen. */
import { Box, Text } from 'ink';
import type { Scope } from '../../keys/actions.js';
import type { Keymap } from '../../keys/bindings.js';
import { Dialog } from '../components/Dialog.js';
import { useStableInput } from '../hooks/use-stable-input.js';
import type { TerminalSize } from '../hooks/use-terminal-size.js';
import type { Theme } from '../theme.js';
import { BuildDialog } from './BuildDialog.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { HelpDialog } from './HelpDialog.js';
import { MenuDialog } from './MenuDialog.js';
import type { Overlay } from './overlay.js';
import { PromptDialog } from './PromptDialog.js';
import { PullDialog } from './PullDialog.js';

export interface OverlaysProps {
  overlay: Overlay | undefined;
  keymap: Keymap;
  scopes: Scope[];
  readOnly: boolean;
  size: TerminalSize;
  theme: Theme;
  onClose: () => void;
}

function MessageDialog({
  title,
  lines,
  width,
  theme,
  onClose,
}: {
  title: string;
  lines: string[];
  width: number;
  theme: Theme;
  onClose: () => void;
}) {
  useStableInput(() => onClose());
  return (
    <Dialog title={title} width={width} theme={theme} footer="any key closes">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static list
        <Text key={i} wrap="wrap">
          {l.padEnd(width - 4)}
        </Text>
      ))}
    </Dialog>
  );
}

export function Overlays({ overlay, keymap, scopes, readOnly, size, theme, onClose }: OverlaysProps) {
  if (!overlay) return null;
  // Help is as wide as its longest line (the signal menu's, ~104) where there is room, with a
  // margin of the screen around it; 90 at most on a terminal under 100 columns.
  const helpWidth = Math.max(90, Math.min(120, size.cols - 10));
  const width = Math.min(
    size.cols - 2,
    overlay.kind === 'help' ? helpWidth : overlay.kind === 'build' || overlay.kind === 'pull' ? 110 : 76,
  );
  const maxRows = Math.max(3, size.rows - 8);
  let dialog: React.ReactNode;
  switch (overlay.kind) {
    case 'confirm':
      dialog = (
        <ConfirmDialog
          overlay={overlay}
          width={width}
          maxLines={maxRows - 2}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'menu':
      dialog = (
        <MenuDialog
          overlay={overlay}
          width={width}
          maxItems={Math.min(12, maxRows - 2)}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'help':
      dialog = (
        <HelpDialog
          keymap={keymap}
          scopes={[...scopes.filter((s) => s !== 'global'), 'global']}
          readOnly={readOnly}
          width={width}
          maxRows={maxRows}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'prompt':
      // Keyed, so a prompt that opens the next one (commit: name, then CMD) starts it empty.
      dialog = (
        <PromptDialog
          key={`${overlay.title}\n${overlay.label}`}
          overlay={overlay}
          width={width}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'build':
      dialog = (
        <BuildDialog
          title={overlay.title}
          build={overlay.build}
          width={width}
          maxRows={maxRows}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'pull':
      dialog = (
        <PullDialog
          title={overlay.title}
          pull={overlay.pull}
          then={overlay.then}
          width={width}
          maxRows={maxRows}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
    case 'message':
      dialog = (
        <MessageDialog
          title={overlay.title}
          lines={overlay.lines}
          width={width}
          theme={theme}
          onClose={onClose}
        />
      );
      break;
  }
  return (
    <Box
      position="absolute"
      width={size.cols}
      height={size.rows - 1}
      alignItems="center"
      justifyContent="center"
    >
      {dialog}
    </Box>
  );
}
