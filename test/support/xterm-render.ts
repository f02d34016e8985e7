/**
 * Renders an Ink element into an @xterm/headless terminal of a chosen size, for full-screen
 * snapshot tests (ink-testing-library is always 100 columns with no rows). Keys are written to a
 * fake stdin, so `useInput` hears them as it would from a real terminal.
 *
 * CI: Ink reads `CI` once, when its `is-in-ci` dependency is first imported (not at render time),
 * and with it set Ink draws nothing until exit and ignores resize. So this module imports Ink
 * itself with CI removed from the environment (and puts it back right after). If something
 * imported Ink earlier with CI set, Ink is stuck in CI mode for this process: the renderer then
 * uses Ink's `debug` mode, which writes every frame whole, and paints each frame on a cleared
 * screen ('frames' mode). Both modes give the same screen; `mode` says which one ran.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import xterm from '@xterm/headless';
import type { ReactElement } from 'react';
import { keyBytes, pollUntil, readRow, readScreen, type ScreenWaiter, waitForScreen } from './pty-app.js';

const ciVariables = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
const savedCi = ciVariables.map((name) => [name, process.env[name]] as const);
for (const [name] of savedCi) delete process.env[name];
const { render } = await import('ink');
const { default: inkThinksItIsInCi } = await import('is-in-ci');
for (const [name, value] of savedCi) if (value !== undefined) process.env[name] = value;

export type RenderMode = 'live' | 'frames';

export interface RenderToScreenOptions {
  cols?: number;
  rows?: number;
  /** 'auto' renders live unless Ink was already loaded in CI mode; 'frames' forces the fallback. */
  mode?: 'auto' | 'frames';
}

export interface RenderedScreen {
  readonly terminal: xterm.Terminal;
  readonly mode: RenderMode;
  screen(): string;
  row(n: number): string;
  /** The screen without its trailing blank rows, like ink-testing-library's lastFrame. */
  lastFrame(): string;
  waitFor(
    target: string | RegExp | ((screen: string, rendered: RenderedScreen) => boolean),
    options?: { timeout?: number },
  ): Promise<string>;
  /** Resolves with the screen once nothing was typed or drawn for `quietMs` and all of it is parsed. */
  waitForStable(quietMs?: number, options?: { timeout?: number }): Promise<string>;
  /** Key names (`enter`, `ctrl+s`, `down`, …) or literal text, each its own chunk on stdin. */
  press(...keys: string[]): void;
  type(text: string): void;
  resize(cols: number, rows: number): void;
  rerender(element: ReactElement): void;
  unmount(): void;
  /** Everything Ink wrote, escape sequences included. */
  rawOutput(): string;
  /** In 'frames' mode, each frame Ink wrote (debug mode writes every render whole), in order. */
  frames(): string[];
}

/** A stdout that Ink treats as a terminal of a given size; every write goes to the emulator. */
class TerminalStdout extends EventEmitter {
  readonly isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
    private readonly sink: (data: string) => void,
  ) {
    super();
  }
  write(data: string | Uint8Array, ...rest: unknown[]): boolean {
    this.sink(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
}

/** A stdin that says it is a terminal in raw mode; bytes written to it reach `useInput`. */
function terminalStdin(): PassThrough {
  const stdin = new PassThrough();
  return Object.assign(stdin, {
    isTTY: true,
    setRawMode: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
  });
}

export function renderToScreen(element: ReactElement, options: RenderToScreenOptions = {}): RenderedScreen {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const mode: RenderMode = options.mode === 'frames' || inkThinksItIsInCi ? 'frames' : 'live';

  // convertEol: a real tty turns Ink's bare \n into \r\n (ONLCR); here nothing sits in between.
  const terminal = new xterm.Terminal({
    cols,
    rows,
    allowProposedApi: true,
    scrollback: 1000,
    convertEol: true,
  });
  const watchers = new Set<() => void>();
  let output = '';
  const frames: string[] = [];
  let pendingWrites = 0;
  let lastActivity = Date.now();
  const toTerminal = (data: string) => {
    pendingWrites++;
    lastActivity = Date.now();
    terminal.write(data, () => {
      pendingWrites--;
      lastActivity = Date.now();
      for (const watcher of [...watchers]) watcher();
    });
  };

  const stdout = new TerminalStdout(cols, rows, (data) => {
    output += data;
    if (mode === 'live') {
      toTerminal(data);
    } else if (data !== '') {
      // Debug mode writes each frame whole: reset the screen (ESC c), then paint it.
      frames.push(data);
      toTerminal(`\x1bc${data}`);
    }
  });
  const stdin = terminalStdin();
  // Input counts as activity: waitForStable right after a key waits for Ink's answer.
  // A terminal delivers each key press as its own read. Writes to a PassThrough in the same tick
  // would be read as one chunk ("K\rn"), which Ink hands over as one input: so each key is
  // written on its own turn of the event loop, in order.
  let queue = Promise.resolve();
  const send = (data: string) => {
    lastActivity = Date.now();
    queue = queue.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            lastActivity = Date.now();
            stdin.write(data);
            setImmediate(resolve);
          }),
        ),
    );
  };
  const instance = render(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    debug: mode === 'frames',
    patchConsole: false,
    exitOnCtrlC: false,
  });
  let current = element;
  let unmounted = false;

  const screen = () => readScreen(terminal);
  const waiter: ScreenWaiter<RenderedScreen> = { watchers, screen, subject: () => rendered };
  const rendered: RenderedScreen = {
    terminal,
    mode,
    screen,
    row: (n) => readRow(terminal, n),
    lastFrame: () => screen().replace(/\n+$/, ''),
    waitFor: (target, { timeout = 3000 } = {}) => waitForScreen(waiter, target, timeout),
    waitForStable: (quietMs = 50, { timeout = 3000 } = {}) =>
      pollUntil(
        waiter,
        () => pendingWrites === 0 && Date.now() - lastActivity >= quietMs,
        timeout,
        `the screen did not stay unchanged for ${quietMs} ms`,
      ),
    press(...keys) {
      for (const key of keys)
        send(keyBytes(key, { applicationCursor: terminal.modes.applicationCursorKeysMode }));
    },
    type: (text) => {
      for (const char of text) send(char);
    },
    resize(newCols, newRows) {
      terminal.resize(newCols, newRows);
      stdout.columns = newCols;
      stdout.rows = newRows;
      stdout.emit('resize');
      // In CI mode Ink does not listen for resize: a re-render lays the tree out at the new width.
      if (mode === 'frames') instance.rerender(current);
    },
    rerender(next) {
      current = next;
      instance.rerender(next);
    },
    unmount() {
      if (unmounted) return;
      unmounted = true;
      instance.unmount();
      stdin.end();
      // Ink writes its last frame while unmounting: let the emulator take it before disposing.
      terminal.write('', () => {
        watchers.clear();
        terminal.dispose();
      });
    },
    rawOutput: () => output,
    frames: () => {
      if (mode !== 'frames')
        throw new Error("frames() needs mode: 'frames' (live frames are drawn in pieces)");
      return [...frames];
    },
  };
  return rendered;
}
