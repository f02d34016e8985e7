/**
 * Runs a program in a real pseudo-terminal (node-pty) and mirrors everything it writes into an
 * @xterm/headless emulator of the same size, so end-to-end tests can read the screen as a person
 * would see it, press keys, resize, and inspect the terminal state the program left behind
 * (title, alternate screen, modes, cursor visibility, clipboard writes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { afterEach } from 'vitest';

export type WaitTarget = string | RegExp | ((screen: string, app: PtyApp) => boolean);

export interface StartAppOptions {
  /** Program to run; defaults to this Node binary running `bin/berth`. */
  command?: string;
  args?: string[];
  /** Added over the test process's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
  cwd?: string;
}

export interface ClipboardWrite {
  /** The OSC 52 selection parameter, e.g. `c`. */
  selection: string;
  /** The decoded text the program put on the clipboard. */
  text: string;
}

export interface PtyExit {
  exitCode: number;
  signal?: number;
}

export interface PtyApp {
  readonly pid: number;
  readonly terminal: xterm.Terminal;
  /** The visible rows joined with `\n`, trailing spaces trimmed on each row. */
  screen(): string;
  /** One visible row (0-based), trailing spaces trimmed. */
  row(n: number): string;
  readonly cursor: { x: number; y: number };
  waitFor(target: WaitTarget, options?: { timeout?: number }): Promise<string>;
  /** Resolves once nothing was sent or written for `quietMs` (and everything written is parsed). */
  waitForStable(quietMs?: number, options?: { timeout?: number }): Promise<string>;
  /** Key names (`enter`, `ctrl+c`, `shift+tab`, …) or literal text, each sent as its own write. */
  press(...keys: string[]): void;
  type(text: string): void;
  /** Writes bytes to the program as they are. */
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  signal(signal: NodeJS.Signals): void;
  kill(): void;
  readonly exited: Promise<PtyExit>;
  readonly hasExited: boolean;
  rawOutput(): Buffer;
  readonly title: string;
  readonly titles: readonly string[];
  readonly bufferType: 'normal' | 'alternate';
  readonly modes: xterm.IModes;
  readonly cursorHidden: boolean;
  readonly clipboardWrites: readonly ClipboardWrite[];
  dispose(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const berthBin = fileURLToPath(new URL('../../bin/berth', import.meta.url));

const live = new Set<PtyApp>();

/** Disposes every app started so far that is still around. */
export async function disposeAllApps(): Promise<void> {
  const apps = [...live];
  live.clear();
  await Promise.all(apps.map((app) => app.dispose()));
}

/** Call once at the top of a test file: every app a test starts is disposed after that test. */
export function disposeAppsAfterEach(): void {
  afterEach(disposeAllApps);
}

let cacheHome: string | undefined;
/** One cache folder for the test run: berth's code cache (src/launch) stays out of the home folder. */
function testCacheHome(): string {
  cacheHome ??= mkdtempSync(path.join(tmpdir(), 'berth-test-cache-'));
  return cacheHome;
}

/** The environment a child sees: Ink draws nothing when it thinks it runs in CI. */
export function childEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    TERM: 'xterm-256color',
    XDG_CACHE_HOME: testCacheHome(),
    ...overrides,
  };
  delete merged.CI;
  delete merged.CONTINUOUS_INTEGRATION;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function startApp(options: StartAppOptions = {}): PtyApp {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const command = options.command ?? process.execPath;
  const args = options.command === undefined ? [berthBin, ...(options.args ?? [])] : (options.args ?? []);

  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const child = pty.spawn(command, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? repoRoot,
    env: childEnvironment(options.env),
    // null: chunks arrive as Buffers, so UTF-8 characters split across chunks stay whole.
    encoding: null,
  } as pty.IPtyForkOptions);

  const chunks: Buffer[] = [];
  const titles: string[] = [];
  const clipboardWrites: ClipboardWrite[] = [];
  const watchers = new Set<() => void>();
  let cursorHidden = false;
  let pendingWrites = 0;
  let lastActivity = Date.now();
  let hasExited = false;
  let disposed: Promise<void> | undefined;

  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };

  terminal.onTitleChange((title) => titles.push(title));
  terminal.parser.registerOscHandler(52, (data) => {
    const separator = data.indexOf(';');
    const payload = data.slice(separator + 1);
    // `?` is a query, not a write.
    if (payload !== '?') {
      clipboardWrites.push({
        selection: data.slice(0, separator),
        text: Buffer.from(payload, 'base64').toString('utf8'),
      });
    }
    return true;
  });
  // DECTCEM is not among terminal.modes: watch it, and return false so xterm still handles it.
  const watchCursor = (visible: boolean) => (params: (number | number[])[]) => {
    if (params.includes(25)) cursorHidden = !visible;
    return false;
  };
  terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, watchCursor(true));
  terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, watchCursor(false));

  child.onData((data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    chunks.push(bytes);
    pendingWrites++;
    lastActivity = Date.now();
    terminal.write(bytes, () => {
      pendingWrites--;
      lastActivity = Date.now();
      notify();
    });
  });

  const exited = new Promise<PtyExit>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      hasExited = true;
      // Let the emulator parse whatever arrived before the exit.
      terminal.write('', () => {
        notify();
        resolve({ exitCode, signal });
      });
    });
  });

  const screen = () => readScreen(terminal);
  const waiter = { watchers, screen, subject: () => app };

  const sendToChild = (data: string | Buffer) => {
    if (hasExited) return;
    // Input counts as activity: waitForStable right after a key waits for the program's answer.
    lastActivity = Date.now();
    child.write(data as string);
  };

  const app: PtyApp = {
    pid: child.pid,
    terminal,
    screen,
    row: (n) => readRow(terminal, n),
    get cursor() {
      return { x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY };
    },
    waitFor: (target, { timeout = 5000 } = {}) => waitForScreen(waiter, target, timeout),
    waitForStable: (quietMs = 100, { timeout = 5000 } = {}) =>
      pollUntil(
        waiter,
        () => pendingWrites === 0 && Date.now() - lastActivity >= quietMs,
        timeout,
        `the screen did not stay unchanged for ${quietMs} ms`,
      ),
    press(...keys) {
      for (const key of keys) {
        sendToChild(keyBytes(key, { applicationCursor: terminal.modes.applicationCursorKeysMode }));
      }
    },
    type: (text) => sendToChild(text),
    write: sendToChild,
    resize(newCols, newRows) {
      terminal.resize(newCols, newRows);
      if (!hasExited) child.resize(newCols, newRows);
    },
    signal(signal) {
      if (!hasExited) process.kill(child.pid, signal);
    },
    kill() {
      if (!hasExited) process.kill(child.pid, 'SIGKILL');
    },
    exited,
    get hasExited() {
      return hasExited;
    },
    rawOutput: () => Buffer.concat(chunks),
    get title() {
      return titles.at(-1) ?? '';
    },
    titles,
    get bufferType() {
      return terminal.buffer.active.type;
    },
    get modes() {
      return terminal.modes;
    },
    get cursorHidden() {
      return cursorHidden;
    },
    clipboardWrites,
    dispose() {
      disposed ??= (async () => {
        live.delete(app);
        if (!hasExited) {
          // The child leads its own session: signal the whole group so no grandchild outlives it.
          killGroup(child.pid, 'SIGHUP');
          const gone = await Promise.race([exited.then(() => true), delay(1000).then(() => false)]);
          if (!gone) {
            killGroup(child.pid, 'SIGKILL');
            await exited;
          }
        }
        watchers.clear();
        terminal.dispose();
      })();
      return disposed;
    },
  };
  live.add(app);
  return app;
}

/** One visible row (0-based) of an emulator, trailing spaces trimmed. */
export function readRow(terminal: xterm.Terminal, n: number): string {
  const buffer = terminal.buffer.active;
  return (buffer.getLine(buffer.viewportY + n)?.translateToString(true) ?? '').trimEnd();
}

/** The visible rows of an emulator joined with `\n`. */
export function readScreen(terminal: xterm.Terminal): string {
  const lines: string[] = [];
  for (let n = 0; n < terminal.rows; n++) lines.push(readRow(terminal, n));
  return lines.join('\n');
}

/** What a wait needs: callbacks run after every parsed write, and the screen to show on failure. */
export interface ScreenWaiter<Subject> {
  watchers: Set<() => void>;
  screen: () => string;
  subject: () => Subject;
}

export function waitForScreen<Subject>(
  waiter: ScreenWaiter<Subject>,
  target: string | RegExp | ((screen: string, subject: Subject) => boolean),
  timeout: number,
): Promise<string> {
  const matches = (text: string) => {
    if (typeof target === 'string') return text.includes(target);
    if (target instanceof RegExp) return target.test(text);
    return target(text, waiter.subject());
  };
  const wanted = typeof target === 'function' ? 'the expected state' : String(target);
  return pollUntil(waiter, () => matches(waiter.screen()), timeout, `the screen did not show ${wanted}`);
}

/** Re-checks `done` after every parsed write and every 50 ms, until it returns true or time runs out. */
export function pollUntil<Subject>(
  waiter: ScreenWaiter<Subject>,
  done: () => boolean,
  timeout: number,
  failure: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      waiter.watchers.delete(check);
      clearInterval(ticker);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(waiter.screen());
    };
    const check = () => {
      try {
        if (done()) finish();
      } catch (error) {
        finish(error as Error);
      }
    };
    waiter.watchers.add(check);
    const ticker = setInterval(check, 50);
    const timer = setTimeout(
      () => finish(new Error(`${failure} within ${timeout} ms. Screen:\n${frameScreen(waiter.screen())}`)),
      timeout,
    );
    check();
  });
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Draws a box around a screen so blank rows and trailing space are visible in failure messages. */
export function frameScreen(screen: string): string {
  const lines = screen.split('\n');
  const width = Math.max(...lines.map((text) => text.length), 1);
  const bar = '─'.repeat(width);
  return [`┌${bar}┐`, ...lines.map((text) => `│${text.padEnd(width)}│`), `└${bar}┘`].join('\n');
}

// What xterm sends for each key. Cursor keys follow DECCKM, as a real terminal does.
const cursorKeys: Record<string, string> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };
const namedKeys: Record<string, string> = {
  enter: '\r',
  return: '\r',
  escape: '\x1b',
  esc: '\x1b',
  tab: '\t',
  'shift+tab': '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  insert: '\x1b[2~',
  delete: '\x1b[3~',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  f1: '\x1bOP',
  f2: '\x1bOQ',
  f3: '\x1bOR',
  f4: '\x1bOS',
  f5: '\x1b[15~',
  f6: '\x1b[17~',
  f7: '\x1b[18~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  f10: '\x1b[21~',
  f11: '\x1b[23~',
  f12: '\x1b[24~',
};
// xterm's modifier parameter: 1 + shift(1) + alt(2) + ctrl(4).
const modifierCodes: Record<string, number> = { shift: 1, alt: 2, meta: 2, ctrl: 4 };

/**
 * The bytes a terminal sends for a key name such as `enter`, `ctrl+c`, `alt+x`, `shift+up` or
 * `pagedown`. Anything that is not a key name is literal text and is sent as it is.
 */
export function keyBytes(key: string, { applicationCursor = false } = {}): string {
  const name = key.toLowerCase();
  const named = namedKeys[name];
  if (named !== undefined) return named;
  const cursor = cursorKeys[name];
  if (cursor !== undefined) return applicationCursor ? `\x1bO${cursor}` : `\x1b[${cursor}`;

  const parts = name.split('+');
  const base = parts.pop();
  const modifiers = parts;
  if (key.length < 2 || base === undefined || base === '' || modifiers.length === 0) return key;
  if (!modifiers.every((modifier) => modifier in modifierCodes)) return key;

  const code = 1 + modifiers.reduce((sum, modifier) => sum + (modifierCodes[modifier] ?? 0), 0);
  const baseCursor = cursorKeys[base];
  if (baseCursor !== undefined) return `\x1b[1;${code}${baseCursor}`;

  const hasCtrl = modifiers.includes('ctrl');
  const hasAlt = modifiers.includes('alt') || modifiers.includes('meta');
  let bytes: string;
  if (base.length === 1) {
    // Keep the case the caller wrote for plain letters (alt+X); ctrl+letter is case-blind.
    const original = key.slice(-1);
    bytes = hasCtrl
      ? controlCharacter(base)
      : modifiers.includes('shift')
        ? original.toUpperCase()
        : original;
  } else {
    const baseNamed = namedKeys[base];
    if (baseNamed === undefined) throw new Error(`unknown key "${key}"`);
    bytes = hasCtrl && base === 'space' ? '\x00' : baseNamed;
  }
  return hasAlt ? `\x1b${bytes}` : bytes;
}

function controlCharacter(character: string): string {
  if (character === '?') return '\x7f';
  const code = character.toUpperCase().charCodeAt(0);
  // @ A–Z [ \ ] ^ _ map onto 0–31.
  if (code >= 64 && code <= 95) return String.fromCharCode(code - 64);
  if (character === ' ' || character === '2') return '\x00';
  throw new Error(`no control character for ctrl+${character}`);
}
