/**
 * Owns the real terminal while the UI runs: switches to the alternate screen, and restores the
 * terminal on every way out — quit, Ctrl-C, SIGTERM, SIGHUP, an uncaught error — so a crash never
 * leaves a broken terminal behind (lazydocker #91, #705).
 */
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';
// Reset colours, clear the alternate screen (tmux, when its window grew while berth ran, leaves
// rows of it on the shell's screen otherwise), show the cursor, undo any mouse or paste modes,
// and leave the alternate screen.
const LEAVE = '\x1b[0m\x1b[H\x1b[2J\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1006l\x1b[?2004l\x1b[?1049l';

export class TerminalGuard {
  private active = false;
  private readonly handlers: Array<[string, (...args: unknown[]) => void]> = [];

  constructor(
    private readonly stdout: NodeJS.WriteStream,
    private readonly stdin: NodeJS.ReadStream,
  ) {}

  enter(onSignal: (signal: NodeJS.Signals) => void) {
    this.active = true;
    this.stdout.write(ENTER);
    const on = (event: string, handler: (...args: unknown[]) => void) => {
      process.on(event as NodeJS.Signals, handler);
      this.handlers.push([event, handler]);
    };
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) on(signal, () => onSignal(signal));
    // Last resort: a synchronous write while the process exits for any reason.
    on('exit', () => this.restore());
    const crash = (error: unknown) => {
      this.restore();
      process.stderr.write(
        `berth crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(70);
    };
    on('uncaughtException', crash);
    on('unhandledRejection', crash);
  }

  /** Idempotent: safe to call from every exit path. */
  restore() {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.stdin.isTTY) this.stdin.setRawMode(false);
    } catch {
      // The tty may already be gone (SIGHUP): nothing left to restore on it.
    }
    try {
      this.stdout.write(LEAVE);
    } catch {}
  }

  dispose() {
    this.restore();
    for (const [event, handler] of this.handlers) process.off(event as NodeJS.Signals, handler);
    this.handlers.length = 0;
  }
}
