/**
 * The root component: picks the screen for the connection state and the terminal size.
 */
import { Box, Text, useApp } from 'ink';
import type { Keymap } from '../keys/bindings.js';
import type { Actions } from '../state/actions.js';
import type { AppModel } from '../state/app-model.js';
import type { LogsModel } from '../state/logs-model.js';
import type { SessionsModel } from '../state/sessions.js';
import { InputRouter } from './hooks/input-router.js';
import { useStableInput } from './hooks/use-stable-input.js';
import { useStore } from './hooks/use-store.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { MIN_COLS, MIN_ROWS } from './layout.js';
import { MainScreen } from './MainScreen.js';
import { EngineProblem } from './screens/EngineProblem.js';
import { TooSmall } from './screens/TooSmall.js';
import type { TerminalPainter } from './terminal-painter.js';
import type { Theme } from './theme.js';

export interface AppProps {
  model: AppModel;
  actions: Actions;
  logs: LogsModel;
  keymap: Keymap;
  theme: Theme;
  graceSeconds: number;
  copyToClipboard: (text: string) => void;
  /** Ctrl-L: the terminal cleared and the whole screen drawn again (run-app.tsx's screen writer). */
  redrawScreen?: () => void;
  logsDirectory: string;
  sessions: SessionsModel;
  /** The CPU/MEM column shown from the start (config `containers.statsColumn`). */
  statsColumn?: boolean;
  /** Draws a focused terminal pane's changes ahead of Ink (the real terminal only; not in tests). */
  painter?: TerminalPainter;
  /** The main screen's first frame draws the container list alone (MainScreenProps). */
  containersFirst?: boolean;
}

/**
 * Quit keys for the screens that have no keymap of their own (too small, no engine). Subscribed
 * for the app's whole life: whenever no input hook is active, Ink leaves raw mode, detaches its
 * stdin listener and drops pending input — which happened for an instant each time a dialog
 * opened or closed, and lost the keys typed then (a lone Esc, the next key).
 */
function useQuitKeys(active: boolean) {
  const { exit } = useApp();
  useStableInput((input, key) => {
    if (active && (input === 'q' || (key.ctrl && input === 'c'))) exit();
  });
}

export function App(props: AppProps) {
  const size = useTerminalSize();
  const connection = useStore(props.model.connection);
  const tooSmall = size.cols < MIN_COLS || size.rows < MIN_ROWS;
  const ready = connection.state === 'ready' || connection.state === 'lost';
  useQuitKeys(tooSmall || !ready);
  if (tooSmall) return <TooSmall cols={size.cols} rows={size.rows} />;
  if (connection.state === 'unreachable') {
    return <EngineProblem problem={connection} width={size.cols} theme={props.theme} />;
  }
  if (!ready) {
    return (
      <Box paddingX={1} paddingY={1}>
        <Text color={props.theme.text.muted}>Connecting to the Docker engine…</Text>
      </Box>
    );
  }
  return (
    <InputRouter>
      <MainScreen {...props} size={size} />
    </InputRouter>
  );
}
