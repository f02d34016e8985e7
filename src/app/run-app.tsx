/**
 * The composition root of the full-screen app: connects state → ui, owns the real terminal
 * (alternate screen, restore on every exit path), and returns the exit code. The engine
 * connection is begun before this module loads (start-app.ts).
 */
import { render } from 'ink';
import type { EngineSelection } from '../engine/diagnose.js';
import { Actions } from '../state/actions.js';
import type { AppModel } from '../state/app-model.js';
import { LogsModel } from '../state/logs-model.js';
import { apiOpener, type SessionOpener, SessionsModel } from '../state/sessions.js';
import { cliOpener } from '../terminal/cli-opener.js';
import { findDockerCli } from '../terminal/cli-session.js';
import { App } from '../ui/App.js';
import { DEFAULT_LOGS_DIRECTORY } from '../ui/commands.js';
import { createScreenWriter } from '../ui/screen-writer.js';
import { observeWrites, TerminalPainter } from '../ui/terminal-painter.js';
import { themeFor } from '../ui/theme.js';
import { osc52 } from './clipboard.js';
import { loadConfig, type TerminalBackend } from './config.js';
import { routeProcessWarnings } from './process-warnings.js';
import { TerminalGuard } from './terminal-guard.js';

export interface AppOptions extends EngineSelection {
  readOnly: boolean;
  /** `--grace`: overrides the config file's stop.graceSeconds. */
  graceSeconds?: number;
  configFile?: string;
  /** Called once, when the engine first answered and its lists are on screen. */
  onReady?: () => void;
}

/**
 * Interactive sessions run through the docker CLI in a pty when it is on PATH (the behaviour
 * people know, detach keys included), else through the Engine API. BERTH_TERMINAL_BACKEND or the
 * config's terminal.backend can force either.
 */
function chooseOpener(configured: TerminalBackend, model: AppModel): SessionOpener {
  const wanted = (process.env.BERTH_TERMINAL_BACKEND as TerminalBackend | undefined) ?? configured;
  if (wanted === 'api') return apiOpener;
  const docker = findDockerCli();
  if (docker) return cliOpener(docker);
  if (wanted === 'cli') {
    model.status.show({
      kind: 'error',
      text: 'terminal.backend is "cli" but there is no docker CLI on PATH: sessions use the Engine API.',
    });
  }
  return apiOpener;
}

/** How long the first frame waits for the engine's lists before it says "Connecting…". */
const FIRST_FRAME_WAIT_MS = 150;

/** Resolves once the model is no longer connecting (ready, unreachable), or after `timeoutMs`. */
function connectionSettled(model: AppModel, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const settled = () => model.connection.get().state !== 'connecting';
    if (settled()) {
      resolve();
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      stopWatching();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const stopWatching = model.connection.subscribe(() => {
      if (settled()) finish();
    });
  });
}

/** The UI over a model that start-app.ts has already set connecting. */
export async function runApp(options: AppOptions, model: AppModel): Promise<number> {
  const config = await loadConfig(process.env, options.configFile);
  const logs = new LogsModel(config.logBufferLines);
  const actions = new Actions(model);
  const sessions = new SessionsModel(chooseOpener(config.terminalBackend, model));
  const guard = new TerminalGuard(process.stdout, process.stdin);
  // A local engine has usually answered by now or within a few milliseconds: then the first frame
  // is the list itself. Drawing "Connecting…" first would hold the list back by Ink's frame
  // throttle (33 ms) and by a render of the whole screen more.
  await connectionSettled(model, FIRST_FRAME_WAIT_MS);

  let signalled: NodeJS.Signals | undefined;
  // Assigned after render; read by the signal handler, which may fire first.
  let instance: ReturnType<typeof render> | undefined;
  guard.enter((signal) => {
    signalled = signal;
    instance?.unmount();
  });

  // Ink writes its frames through `stdout`; the painter hears of each, and draws the focused
  // terminal pane's changes ahead of them with the real stream's own write. The screen writer
  // sends each frame as the cells that changed; the rows the painter draws it writes whole next.
  const painter = new TerminalPainter(
    (text) => process.stdout.write(text),
    (first, count) => screen.forgetRows(first, count),
  );
  const stdout = observeWrites(process.stdout, () => painter.frameWritten());
  const screen = createScreenWriter(stdout);
  // `logUpdate` is berth's Ink patch's option (not in Ink's types): a variable, not a literal.
  const renderOptions = { stdout, exitOnCtrlC: false, patchConsole: false, logUpdate: screen };
  instance = render(
    <App
      model={model}
      actions={actions}
      logs={logs}
      keymap={config.keymap}
      theme={themeFor(process.env)}
      graceSeconds={options.graceSeconds ?? config.stopGraceSeconds}
      copyToClipboard={(text) => process.stdout.write(osc52(text))}
      redrawScreen={() => screen.redrawAll()}
      logsDirectory={DEFAULT_LOGS_DIRECTORY}
      sessions={sessions}
      painter={painter}
      statsColumn={config.containerStatsColumn}
      containersFirst
    />,
    renderOptions,
  );
  // A warning Node would print on stderr, over the screen, is shown in the status line instead.
  const restoreWarnings = routeProcessWarnings((text) =>
    model.status.show({ kind: 'info', text: `Node warning: ${text}` }),
  );
  if (config.errors.length > 0) {
    model.status.show({
      kind: 'error',
      text: `Config: ${config.errors.join(' ')} (defaults used for those settings)`,
    });
  }
  try {
    await instance.waitUntilExit();
  } finally {
    painter.detach();
    await sessions.closeAll();
    logs.close();
    restoreWarnings();
    model.dispose();
    guard.dispose();
  }
  if (signalled === 'SIGINT') return 130;
  if (signalled) return 128 + (signalled === 'SIGHUP' ? 1 : 15);
  return 0;
}
