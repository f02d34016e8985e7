/**
 * demo.tape, the tape that records the README's GIF, replayed against the real app: the journey
 * it shows must keep working. How the tape maps onto a replay (no shell; the launch line's
 * arguments; the terminal size; the snapshot at `Screenshot`) is written at the top of the tape.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { createDemoContainers } from '../support/demo-containers.js';
import { startOwnEngine } from '../support/engine.js';
import { disposeAppsAfterEach } from '../support/pty-app.js';
import { loadTape, replayTape, type TapeCommand } from '../support/vhs-tape.js';
import { eventually, openBerth, removeAllContainers } from './berth-session.js';

disposeAppsAfterEach();

const COLS = 120;
const ROWS = 34;

let own: Awaited<ReturnType<typeof startOwnEngine>>;
let context: EngineContext;

beforeAll(async () => {
  own = await startOwnEngine('e2e-demo');
  context = own.context;
});
// Fresh demo containers for every run of the tape (a retry in CI starts from the same state).
beforeEach(async () => {
  await removeAllContainers(context);
  await createDemoContainers(own.engine.socketPath);
});
afterAll(async () => {
  await own?.engine.destroy();
});

/**
 * The tape split at its launch line: the arguments berth is started with, and the commands to
 * replay (the settings before the launch, then everything after its Enter).
 */
function splitAtLaunch(tape: readonly TapeCommand[]) {
  const launch = tape.findIndex((c) => c.kind === 'type' && /(^|\s)(\S*\/)?bin\/berth(\s|$)/.test(c.text));
  if (launch === -1) throw new Error('the tape never types the command that starts bin/berth');
  const launchLine = tape[launch] as Extract<TapeCommand, { kind: 'type' }>;
  // `Sleep`s between typing the command and Enter are part of the launch.
  let enter = launch + 1;
  while (tape[enter]?.kind === 'sleep') enter++;
  const pressed = tape[enter];
  if (pressed?.kind !== 'key' || pressed.key !== 'Enter') {
    throw new Error(`line ${launchLine.line}: the launch line must be followed by Enter`);
  }
  const words = launchLine.text.trim().split(/\s+/);
  const args = words.slice(words.findIndex((w) => /bin\/berth$/.test(w)) + 1);
  const settings = tape.slice(0, launch).filter((c) => c.kind === 'set');
  return { args, commands: [...settings, ...tape.slice(enter + 1)] };
}

/**
 * The screen with what differs from run to run masked, each mask as wide as what it hides so
 * the columns stay put: relative times (`Up 5 seconds`, `3 minutes ago`, `Less than a second`)
 * and line counts (`42 lines`).
 */
function maskVolatile(screen: string): string {
  const mask = (text: string) => '#'.repeat(text.length);
  return screen
    .replace(
      /\b(?:Less than a second|About a minute|About an hour|\d+ (?:second|minute|hour|day|week|month|year)s?)\b/g,
      mask,
    )
    .replace(/\b\d+ lines\b/g, mask);
}

describe('the demo tape', () => {
  test('replays against bin/berth: open, filter, pause, stop, logs, help, quit', async () => {
    const tape = loadTape('demo.tape');
    const { args, commands } = splitAtLaunch(tape);
    expect(commands.filter((c) => c.kind === 'screenshot')).toHaveLength(1);

    // The tape searches web's logs for its warnings: web prints the first after 5 seconds.
    await eventually(
      async () => (await context.docker.getContainer('web').logs({ stderr: true, stdout: false })).toString(),
      (text) => text.includes('slow upstream'),
      { timeout: 10_000, what: 'a warning in the logs of web' },
    );

    const app = await openBerth(own.engine.host, { args, cols: COLS, rows: ROWS });
    let atScreenshot: string | undefined;
    await replayTape(commands, app, {
      onCommand: (command, target) => {
        if (command.kind === 'screenshot') atScreenshot = target.screen();
      },
    });

    expect(atScreenshot).toBeDefined();
    await expect(maskVolatile(atScreenshot ?? '')).toMatchFileSnapshot('__snapshots__/demo.tape.txt');
    // The journey really happened on the engine: web was stopped after its grace period.
    const web = await context.docker.getContainer('web').inspect();
    expect(web.State).toMatchObject({ Running: false, ExitCode: 137 });
    // And the tape's last key quit berth, leaving the terminal as it was.
    expect((await app.exited).exitCode).toBe(0);
    expect(app.bufferType).toBe('normal');
    expect(app.cursorHidden).toBe(false);
  });

  test('masking hides times and counts but keeps the columns', () => {
    const row = '│▶ web   exited   Exited (137) 12 seconds ago   │ 42 lines · Up Less than a second │';
    const masked = maskVolatile(row);
    expect(masked).toBe(
      '│▶ web   exited   Exited (137) ########## ago   │ ######## · Up ################## │',
    );
    expect(masked).toHaveLength(row.length);
  });
});
