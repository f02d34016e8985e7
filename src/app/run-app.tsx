/**
 * The composition root of the full-screen app: connects engine → state → ui, owns the real
 * terminal (alternate screen, restore on every exit path), and returns the exit code.
 */
import { render } from 'ink';
import { diagnose, type EngineSelection } from '../engine/diagnose.js';
import { createEngine } from '../engine/engine.js';
import { Actions } from '../state/actions.js';
import { AppModel } from '../state/app-model.js';
import { LogsModel } from '../state/logs-model.js';
import { apiOpener, type SessionOpener, SessionsModel } from '../state/sessions.js';
import { cliOpener } from '../terminal/cli-opener.js';
import { findDockerCli } from '../terminal/cli-session.js';
import { App } from '../ui/App.js';
import { DEFAULT_LOGS_DIRECTORY } from '../ui/commands.js';
import { observeWrites, TerminalPainter } from '../ui/terminal-painter.js';
import { themeFor } from '../ui/theme.js';
import { osc52 } from './clipboard.js';
import { loadConfig, type TerminalBackend } from './config.js';
import { TerminalGuard } from './terminal-guard.js';

export interface AppOptions extends EngineSelection {
  readOnly: boolean;
  /** `--grace`: overrides the config file's stop.graceSeconds. */
  graceSeconds?: number;
  configFile?: string;
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

export async function runApp(options: AppOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('berth needs an interactive terminal. For a plain-text check use `berth doctor`.\n');
    return 1;
  }
  const model = new AppModel({
    readOnly: options.readOnly,
    connect: async () => {
      const d = await diagnose(options);
      if (!d.ok) return { ok: false, error: d.error, endpoint: d.endpoint };
      return { ok: true, engine: createEngine(d.context), version: d.version.version };
    },
  });
  const config = await loadConfig(process.env, options.configFile);
  const logs = new LogsModel(config.logBufferLines);
  const actions = new Actions(model);
  const sessions = new SessionsModel(chooseOpener(config.terminalBackend, model));
  const guard = new TerminalGuard(process.stdout, process.stdin);

  let signalled: NodeJS.Signals | undefined;
  // Assigned after render; read by the signal handler, which may fire first.
  let instance: ReturnType<typeof render> | undefined;
  guard.enter((signal) => {
    signalled = signal;
    instance?.unmount();
  });

  // Ink writes its frames through `stdout`; the painter hears of each, and draws the focused
  // terminal pane's changes ahead of them with the real stream's own write.
  const painter = new TerminalPainter((text) => process.stdout.write(text));
  const stdout = observeWrites(process.stdout, () => painter.frameWritten());
  instance = render(
    <App
      model={model}
      actions={actions}
      logs={logs}
      keymap={config.keymap}
      theme={themeFor(process.env)}
      graceSeconds={options.graceSeconds ?? config.stopGraceSeconds}
      copyToClipboard={(text) => process.stdout.write(osc52(text))}
      logsDirectory={DEFAULT_LOGS_DIRECTORY}
      sessions={sessions}
      painter={painter}
      statsColumn={config.containerStatsColumn}
    />,
    { stdout, exitOnCtrlC: false, patchConsole: false },
  );
  if (config.errors.length > 0) {
    model.status.show({
      kind: 'error',
      text: `Config: ${config.errors.join(' ')} (defaults used for those settings)`,
    });
  }
  void model.start();
  try {
    await instance.waitUntilExit();
  } finally {
    painter.detach();
    await sessions.closeAll();
    logs.close();
    model.dispose();
    guard.dispose();
  }
  if (signalled === 'SIGINT') return 130;
  if (signalled) return 128 + (signalled === 'SIGHUP' ? 1 : 15);
  return 0;
}
