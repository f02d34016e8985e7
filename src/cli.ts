/**
 * berth's command line: `berth` opens the full-screen UI, `berth doctor` diagnoses the
 * connection. Heavy modules (Ink, the UI) are imported only by the command that needs them, so
 * `--help`, `--version` and `doctor` start fast.
 */
import type { InvalidArgumentError } from 'commander';
import { BERTH_VERSION } from './version.js';

interface GlobalOptions {
  host?: string;
  context?: string;
  readOnly?: boolean;
  grace?: number;
  config?: string;
}

function graceSeconds(value: string, Invalid: typeof InvalidArgumentError): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3600) {
    throw new Invalid('give a whole number of seconds from 0 to 3600.');
  }
  return n;
}

/** What the launcher hears of a start (src/launch/launch.ts). */
export interface StartHooks {
  /** The full-screen app has connected and drawn the engine's lists: a start's work is done. */
  onReady?: () => void;
}

async function openUi(options: GlobalOptions, hooks: StartHooks): Promise<number> {
  const { startApp } = await import('./app/start-app.js');
  return startApp({
    host: options.host,
    context: options.context,
    readOnly: options.readOnly ?? false,
    graceSeconds: options.grace,
    configFile: options.config,
    onReady: hooks.onReady,
  });
}

export async function main(argv: string[], hooks: StartHooks = {}): Promise<number> {
  // A bare `berth`, the usual start, has nothing to parse: it opens the UI without loading
  // commander, whose modules and program definition were 2–3 ms of every start before the
  // engine was asked anything (docs/performance.md).
  if (argv.length <= 2) return openUi({}, hooks);
  const { Command, InvalidArgumentError } = await import('commander');
  let exitCode = 0;
  const program = new Command();
  program
    .name('berth')
    .description('A full-screen terminal UI for the Docker Engine.')
    .version(BERTH_VERSION, '-v, --version', 'print the version')
    .option('-H, --host <url>', 'engine address (overrides DOCKER_HOST), e.g. unix:///var/run/docker.sock')
    .option('-c, --context <name>', 'docker context to use (overrides DOCKER_CONTEXT)')
    .option('--read-only', 'disable every action that changes the engine')
    .option(
      '-g, --grace <seconds>',
      'stop grace period: SIGTERM, then SIGKILL after this long (default 10)',
      (value: string) => graceSeconds(value, InvalidArgumentError),
    )
    .option('--config <file>', 'config file (default ~/.config/berth/config.yml)')
    .showHelpAfterError()
    .action(async (options: GlobalOptions) => {
      exitCode = await openUi(options, hooks);
    });

  program
    .command('doctor')
    .description('diagnose the connection to the Docker engine without opening the UI')
    .action(async () => {
      const { runDoctor } = await import('./cli/doctor.js');
      const options = program.opts<GlobalOptions>();
      exitCode = await runDoctor({ host: options.host, context: options.context });
    });

  program.exitOverride((error) => {
    throw error;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (typeof code === 'number') return code;
    throw error;
  }
  return exitCode;
}
