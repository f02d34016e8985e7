/**
 * A program in node-pty mirrored into @xterm/headless, timed from outside: every chunk of
 * output is stamped when it arrives, so a wait resolves with the arrival time of the chunk that
 * made the screen match (not the time the emulator finished parsing it).
 * The benchmark's own driver (the test helper in test/support/pty-app.ts needs vitest).
 */
import { performance } from 'node:perf_hooks';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { childEnvironment } from './environment.js';

export interface TimedPty {
  readonly pid: number;
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  screen(): string;
  /** Resolves with the arrival time of the chunk after which `match(screen)` held. */
  waitFor(match: (screen: string) => boolean, timeoutMs?: number): Promise<number>;
  /** Writes bytes and returns performance.now() just before the write. */
  write(data: string): number;
  /** Bytes of output received so far. */
  bytesReceived(): number;
  /** Resolves with the arrival time of the first output chunk whose bytes satisfy `match`. */
  nextOutput(match: (chunk: Buffer) => boolean, timeoutMs?: number): Promise<number>;
  readonly exited: Promise<number>;
  kill(): Promise<void>;
}

export function spawnTimed(
  command: string,
  args: string[],
  options: { cols?: number; rows?: number; env?: Record<string, string | undefined>; cwd?: string } = {},
): TimedPty {
  const cols = options.cols ?? 160;
  const rows = options.rows ?? 45;
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const watchers = new Set<(arrivedAt: number) => void>();
  const chunkWatchers = new Set<(chunk: Buffer, arrivedAt: number) => void>();
  const spawnedAt = performance.now();
  const child = pty.spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? process.cwd(),
    env: childEnvironment(options.env),
    encoding: null,
  } as pty.IPtyForkOptions);
  let hasExited = false;
  let received = 0;
  child.onData((data: string | Buffer) => {
    const arrivedAt = performance.now();
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    received += bytes.length;
    for (const watcher of [...chunkWatchers]) watcher(bytes, arrivedAt);
    terminal.write(bytes, () => {
      for (const watcher of [...watchers]) watcher(arrivedAt);
    });
  });
  const exited = new Promise<number>((resolve) =>
    child.onExit(({ exitCode }) => {
      hasExited = true;
      resolve(exitCode);
    }),
  );

  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let n = 0; n < terminal.rows; n++) {
      lines.push((buffer.getLine(buffer.viewportY + n)?.translateToString(true) ?? '').trimEnd());
    }
    return lines.join('\n');
  };

  return {
    pid: child.pid,
    spawnedAt,
    screen,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const done = (at: number | Error) => {
          watchers.delete(check);
          clearTimeout(timer);
          if (at instanceof Error) reject(at);
          else resolve(at);
        };
        const check = (arrivedAt: number) => {
          if (match(screen())) done(arrivedAt);
        };
        const timer = setTimeout(
          () => done(new Error(`the screen did not match within ${timeoutMs} ms:\n${screen()}`)),
          timeoutMs,
        );
        watchers.add(check);
        if (match(screen())) done(performance.now());
      });
    },
    write(data) {
      const at = performance.now();
      if (!hasExited) child.write(data);
      return at;
    },
    bytesReceived: () => received,
    nextOutput(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (chunk: Buffer, arrivedAt: number) => {
          if (!match(chunk)) return;
          chunkWatchers.delete(check);
          clearTimeout(timer);
          resolve(arrivedAt);
        };
        const timer = setTimeout(() => {
          chunkWatchers.delete(check);
          reject(new Error(`no matching output within ${timeoutMs} ms`));
        }, timeoutMs);
        chunkWatchers.add(check);
      });
    },
    exited,
    async kill() {
      if (!hasExited && process.env.BENCH_CPU_PROFILE) {
        // A profile is written only on a clean exit: ask first.
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {}
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      }
      if (!hasExited) {
        for (const target of [-child.pid, child.pid]) {
          try {
            process.kill(target, 'SIGKILL');
          } catch {}
        }
        await exited;
      }
      terminal.dispose();
    },
  };
}
