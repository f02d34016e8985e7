/**
 * What the end-to-end tests share: opening `bin/berth` in a pty against a given engine, picking
 * a container the way a person would (the `/` filter), and waiting for the engine to reach a
 * state without fixed sleeps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { startOwnEngine } from '../support/engine.js';
import { type PtyApp, startApp } from '../support/pty-app.js';

export const COLS = 120;
export const ROWS = 36;

export interface OpenOptions {
  args?: string[];
  /** Extra environment for berth, e.g. BERTH_TERMINAL_BACKEND. */
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
}

let configHome: string | undefined;
function emptyConfigHome(): string {
  configHome ??= mkdtempSync(path.join(tmpdir(), 'berth-e2e-config-'));
  return configHome;
}

/** Starts berth against `host` and waits for the first frame of the containers list. */
export async function openBerth(host: string, options: OpenOptions = {}): Promise<PtyApp> {
  const app = startApp({
    args: options.args ?? [],
    env: {
      DOCKER_HOST: host,
      DOCKER_CONTEXT: undefined,
      // An empty config folder: the person's own keys and grace must not leak in.
      BERTH_CONFIG: undefined,
      XDG_CONFIG_HOME: emptyConfigHome(),
      ...options.env,
    },
    cols: options.cols ?? COLS,
    rows: options.rows ?? ROWS,
  });
  await app.waitFor(/Containers \(\d+\/\d+\)/, { timeout: 10_000 });
  return app;
}

/** Whether the cell at a visible row and column is drawn in inverse video (a cursor, a highlight). */
export function isInverseAt(app: PtyApp, row: number, col: number): boolean {
  const buffer = app.terminal.buffer.active;
  return Boolean(
    buffer
      .getLine(buffer.viewportY + row)
      ?.getCell(col)
      ?.isInverse(),
  );
}

/** The row of the containers list that is selected (`▶ name …`), or undefined. */
export function selectedName(app: PtyApp): string | undefined {
  return /^│▶ (\S+)/m.exec(app.screen())?.[1];
}

/**
 * Narrows the containers list to `name` with the filter (`/name`, Enter), so it is the only row
 * and therefore the selected one. Waits for each step on screen: a key sent before the filter
 * line is open would be taken as an action. `marked`: waits for the row's `»` (a live session).
 */
export async function selectContainer(
  app: PtyApp,
  name: string,
  options: { marked?: boolean } = {},
): Promise<void> {
  app.press('/');
  await app.waitFor((_screen, a) => /^│\/ /.test(a.row(1)), { timeout: 3000 });
  app.type(name);
  await app.waitFor((_screen, a) => a.row(1).startsWith(`│/${name} `), { timeout: 3000 });
  app.press('enter');
  // The filter line keeps its text but loses the block cursor drawn after it.
  await app.waitFor((_screen, a) => !isInverseAt(a, 1, 2 + name.length), { timeout: 3000 });
  if (options.marked) {
    // Marked `»` (a live session) in the marker's space; a long name is cut in its column.
    await app.waitFor((_screen, a) => a.row(2).startsWith(`│▶»${name.slice(0, 12)}`), { timeout: 5000 });
    return;
  }
  await app.waitFor(() => selectedName(app) === name, { timeout: 5000 });
}

/** The rows inside the open dialog's rounded frame (╭ … ╯), trimmed; empty when none is open. */
export function dialogLines(screen: string): string[] {
  const rows = screen.split('\n').map((row) => [...row]);
  const top = rows.findIndex((row) => row.includes('╭'));
  const bottom = rows.findIndex((row) => row.includes('╰'));
  if (top === -1 || bottom <= top) return [];
  const left = rows[top]!.indexOf('╭');
  const right = rows[top]!.indexOf('╮');
  return rows.slice(top + 1, bottom).map((row) =>
    row
      .slice(left + 1, right)
      .join('')
      .trim(),
  );
}

/** Polls `probe` until `done` accepts its value; fails with the last value seen. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeout = 5000, what = 'the expected state' }: { timeout?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `the engine did not reach ${what} within ${timeout} ms; last seen: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The container's state as `docker inspect` reports it, or undefined once it is gone. */
export async function engineState(context: EngineContext, id: string) {
  try {
    const info = await context.docker.getContainer(id).inspect();
    return {
      status: info.State.Status,
      running: info.State.Running,
      paused: info.State.Paused,
      exitCode: info.State.ExitCode,
      startedAt: info.State.StartedAt,
    };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** Names of every container on the engine (`docker ps -a`), sorted. */
export async function allContainerNames(context: EngineContext): Promise<string[]> {
  const list = await context.docker.listContainers({ all: true });
  return list.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();
}

/** Removes every container on an engine of the test's own, so each test starts from nothing. */
export async function removeAllContainers(context: EngineContext): Promise<void> {
  const list = await context.docker.listContainers({ all: true });
  await Promise.all(list.map((c) => context.docker.getContainer(c.Id).remove({ force: true })));
}

/**
 * This test file's own private engine (for tests that remove every container or watch exact
 * counts): started before the file's tests, every container removed after each test, destroyed
 * after the file. `cleanup` collects per-test undo steps for `makeContainer`.
 */
export function ownEngineForFile(name: string) {
  let own: Awaited<ReturnType<typeof startOwnEngine>> | undefined;
  const cleanup: Array<() => Promise<unknown>> = [];
  const started = () => {
    if (!own) throw new Error(`the engine ${name} has not started`);
    return own;
  };
  beforeAll(async () => {
    own = await startOwnEngine(name);
  });
  afterEach(async () => {
    cleanup.length = 0;
    if (own) await removeAllContainers(own.context);
  });
  afterAll(async () => {
    await own?.engine.destroy();
  });
  return {
    get engine() {
      return started().engine;
    },
    get context(): EngineContext {
      return started().context;
    },
    cleanup,
  };
}
