/**
 * Proves the terminal test harness itself: programs that are not berth run in a real pty, and
 * what they do to the terminal is observed the way a person's terminal would show it.
 */
import { readFileSync } from 'node:fs';
import { Box, Text, useInput, useStdout } from 'ink';
import { createElement as h, useEffect, useState } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { disposeAppsAfterEach, keyBytes, startApp } from '../support/pty-app.js';
import { parseTape, replayTape } from '../support/vhs-tape.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

disposeAppsAfterEach();

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Whether a process exists and is not a zombie waiting to be reaped by init. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A node program that prints, as JSON, every chunk of bytes it reads in raw mode. */
const byteEcho = `
process.stdin.setRawMode(true);
process.stdout.write('ready\\n');
process.stdin.on('data', (d) => {
  process.stdout.write(JSON.stringify([...d]) + '\\n');
  if (d.includes(4)) process.exit(0);
});`;

describe('running a program in a pty', () => {
  test('the emulator sees the title, the alternate screen, and text typed to the program', async () => {
    const app = startApp({
      command: 'sh',
      args: [
        '-c',
        'printf "\\033]0;evil\\007"; printf "\\033[?1049h"; printf "hello\\n"; read x; echo got:$x',
      ],
    });
    await app.waitFor('hello');
    expect(app.title).toBe('evil');
    expect(app.bufferType).toBe('alternate');
    expect(app.row(0)).toBe('hello');

    app.type('abc');
    app.press('enter');
    await app.waitFor('got:abc');
    expect(await app.exited).toEqual({ exitCode: 0, signal: 0 });
    expect(app.rawOutput().toString('utf8')).toContain('\x1b[?1049h');
  });

  test('a program that never switched screens stays on the normal buffer with no title', async () => {
    const app = startApp({ command: 'sh', args: ['-c', 'echo plain'] });
    await app.exited;
    await app.waitFor('plain');
    expect(app.bufferType).toBe('normal');
    expect(app.title).toBe('');
  });

  test('modes, cursor visibility and OSC 52 clipboard writes are recorded', async () => {
    const app = startApp({
      command: 'sh',
      args: [
        '-c',
        // mouse (vt200), bracketed paste, application cursor, hidden cursor, then a clipboard write
        'printf "\\033[?1000h\\033[?2004h\\033[?1h\\033[?25l\\033]52;c;%s\\007done\\n" "$(printf "docker stop web" | base64)"; sleep 5',
      ],
    });
    await app.waitFor('done');
    expect(app.modes.mouseTrackingMode).toBe('vt200');
    expect(app.modes.bracketedPasteMode).toBe(true);
    expect(app.modes.applicationCursorKeysMode).toBe(true);
    expect(app.cursorHidden).toBe(true);
    expect(app.clipboardWrites).toEqual([{ selection: 'c', text: 'docker stop web' }]);
  });

  test('showing the cursor again is observed', async () => {
    const app = startApp({
      command: 'sh',
      args: ['-c', 'printf "\\033[?25l"; sleep 0.2; printf "\\033[?25hshown\\n"; sleep 5'],
    });
    await app.waitFor(() => app.cursorHidden);
    await app.waitFor('shown');
    expect(app.cursorHidden).toBe(false);
  });

  test('resizing reaches the program: stty reports the new size, and the emulator has it too', async () => {
    const app = startApp({
      command: 'sh',
      args: ['-c', 'stty size; read x; stty size; sleep 5'],
      cols: 80,
      rows: 24,
    });
    await app.waitFor('24 80');
    app.resize(100, 30);
    app.press('enter');
    await app.waitFor('30 100');
    expect(app.terminal.cols).toBe(100);
    expect(app.terminal.rows).toBe(30);
    expect(app.screen().split('\n')).toHaveLength(30);
  });

  test('key names arrive as the bytes xterm sends', async () => {
    const app = startApp({ command: process.execPath, args: ['-e', byteEcho] });
    await app.waitFor('ready');
    const keys = [
      'enter',
      'escape',
      'tab',
      'shift+tab',
      'up',
      'pagedown',
      'home',
      'ctrl+c',
      'ctrl+s',
      'alt+x',
      'é',
    ];
    for (const key of keys) {
      const expected = JSON.stringify([...Buffer.from(keyBytes(key))]);
      app.press(key);
      await app.waitFor(expected);
    }
    expect(app.screen()).toContain(JSON.stringify([0x1b, 0x5b, 0x5a]));
    expect(app.screen()).toContain(JSON.stringify([0xc3, 0xa9]));
    app.press('ctrl+d');
    expect((await app.exited).exitCode).toBe(0);
  });

  test('a timed-out wait says what it waited for and shows the screen', async () => {
    const app = startApp({ command: 'sh', args: ['-c', 'echo something else; sleep 5'] });
    await app.waitFor('something');
    await expect(app.waitFor('never shown', { timeout: 200 })).rejects.toThrow(
      /never shown within 200 ms\. Screen:\n┌─+┐\n│something else/,
    );
  });

  test('waitForStable resolves only after the output has stopped', async () => {
    const app = startApp({
      command: 'sh',
      args: ['-c', 'for i in 1 2 3 4 5; do echo tick$i; sleep 0.1; done; sleep 5'],
    });
    await app.waitFor('tick1');
    await app.waitForStable(300);
    expect(app.screen()).toContain('tick5');
  });

  test('UTF-8 split across writes is shown whole', async () => {
    // The two bytes of é arrive in separate writes.
    const app = startApp({
      command: 'sh',
      args: ['-c', "printf '\\303'; sleep 0.2; printf '\\251 ok\\n'; sleep 5"],
    });
    await app.waitFor('ok');
    expect(app.row(0)).toBe('é ok');
  });

  test('a signal ends the program and the exit is observed; dispose is safe twice', async () => {
    const app = startApp({ command: 'sh', args: ['-c', 'echo up; sleep 30'] });
    await app.waitFor('up');
    app.signal('SIGTERM');
    const exit = await app.exited;
    expect(exit.signal).toBe(15);
    await app.dispose();
    await app.dispose();
  });

  test('dispose ends a program that ignores SIGHUP, and its children', async () => {
    const app = startApp({ command: 'sh', args: ['-c', 'trap "" HUP; sleep 30 & echo child:$!; wait'] });
    const screen = await app.waitFor(/child:\d+/);
    const childPid = Number(/child:(\d+)/.exec(screen)?.[1]);
    await app.dispose();
    expect(app.hasExited).toBe(true);
    expect(isRunning(childPid)).toBe(false);
  });

  test('CI is removed from the environment the program sees', async () => {
    const app = startApp({
      command: 'sh',
      args: ['-c', 'echo "ci=[$CI] term=[$TERM] extra=[$EXTRA]"'],
      env: { CI: 'true', EXTRA: 'yes' },
    });
    await app.exited;
    await app.waitFor('ci=[] term=[xterm-256color] extra=[yes]');
  });

  test('bin/berth --version shows the version and exits 0', async () => {
    const app = startApp({ args: ['--version'] });
    expect((await app.exited).exitCode).toBe(0);
    expect(app.row(0)).toBe(packageVersion);
  });
});

/** A throwaway full-screen component: a bordered box one row shorter than the terminal, a counter. */
function CounterScreen() {
  const { stdout } = useStdout();
  const [rows, setRows] = useState(stdout.rows);
  const [count, setCount] = useState(0);
  useEffect(() => {
    const onResize = () => setRows(stdout.rows);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  useInput((input, key) => {
    if (input === '+' || key.upArrow) setCount((value) => value + 1);
  });
  // Width 100% comes from Ink's own layout, so a resize must re-lay it out.
  return h(
    Box,
    { width: '100%', height: rows - 1, borderStyle: 'single', flexDirection: 'column' },
    h(Text, null, `count ${count}`),
    h(Box, { flexGrow: 1 }),
    h(Text, null, 'bottom line'),
  );
}

/** Column of the first occurrence of `character` in a row, -1 if absent. */
const columnOf = (row: string, character: string) => [...row].indexOf(character);

function expectBorderFills(screen: RenderedScreen, cols: number, rows: number) {
  const top = screen.row(0);
  const bottom = screen.row(rows - 2);
  expect(columnOf(top, '┌')).toBe(0);
  expect(columnOf(top, '┐')).toBe(cols - 1);
  expect(columnOf(bottom, '└')).toBe(0);
  expect(columnOf(bottom, '┘')).toBe(cols - 1);
  expect(screen.row(rows - 3)).toMatch(/^│bottom line +│$/);
  expect(screen.row(rows - 1)).toBe('');
}

describe.each(['auto', 'frames'] as const)('rendering Ink into an emulator (%s mode)', (mode) => {
  let rendered: RenderedScreen | undefined;
  afterEach(() => rendered?.unmount());

  test.each([
    [80, 24],
    [160, 45],
  ])('at %i×%i the border corners land on the edges of the screen', async (cols, rows) => {
    rendered = renderToScreen(h(CounterScreen), { cols, rows, mode });
    await rendered.waitFor('bottom line');
    expectBorderFills(rendered, cols, rows);
    expect(rendered.screen().split('\n')).toHaveLength(rows);
  });

  test('a key press reaches useInput and changes the screen', async () => {
    rendered = renderToScreen(h(CounterScreen), { cols: 80, rows: 24, mode });
    await rendered.waitFor('count 0');
    rendered.press('+', 'up');
    await rendered.waitFor('count 2');
    expect(rendered.row(1)).toMatch(/^│count 2 +│$/);
  });

  test('a resize lays the screen out again at the new size', async () => {
    rendered = renderToScreen(h(CounterScreen), { cols: 80, rows: 24, mode });
    await rendered.waitFor('bottom line');
    rendered.resize(160, 45);
    await rendered.waitFor(
      (screen) => columnOf(screen.split('\n')[0] ?? '', '┐') === 159 && screen.includes('└'),
    );
    await rendered.waitForStable();
    expectBorderFills(rendered, 160, 45);
    rendered.resize(60, 20);
    await rendered.waitFor((_screen, r) => columnOf(r.row(18), '┘') === 59);
    await rendered.waitForStable();
    expectBorderFills(rendered, 60, 20);
  });

  test('rerender replaces the element', async () => {
    rendered = renderToScreen(h(Text, null, 'first'), { cols: 40, rows: 10, mode });
    await rendered.waitFor('first');
    rendered.rerender(h(Text, null, 'second'));
    await rendered.waitFor('second');
    expect(rendered.lastFrame()).toBe('second');
  });
});

describe('replaying a VHS tape', () => {
  test('a tape drives a shell: typed text, keys, sleeps and waits', async () => {
    const tape = parseTape(`
Output demo.gif
Set FontSize 20
Set TypingSpeed 20ms
Set WaitPattern /^\\$$/
Hide
Type "echo hi" Enter
Show
Wait+Screen /(?m)^hi$/
Type "printf 'x%sy\\n' abc" Sleep 200ms Enter
Wait+Screen@5s /(?m)^xabcy$/
Type "read -r a b; echo first=$a second=$b" Enter
Type "one two" Enter
Wait+Screen /second=two/
Wait
Screenshot final.png
`);
    const app = startApp({ command: 'sh', args: [], env: { PS1: '$ ' } });
    const seen: string[] = [];
    await replayTape(tape, app, {
      speedup: 10,
      onCommand: (command, target) => {
        if (command.kind === 'screenshot') seen.push(target.screen());
      },
    });
    expect(app.screen()).toContain('first=one second=two');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^hi$/m);
  });

  test('a Wait that never matches fails with the tape line and the screen', async () => {
    const app = startApp({ command: 'sh', args: [], env: { PS1: '$ ' } });
    const tape = parseTape('Type "echo nope" Enter\nWait@300ms /never/\n');
    await expect(replayTape(tape, app)).rejects.toThrow(
      /line 2: Wait\+Line \/never\/ failed: .*within 300 ms\. Screen:\n┌/s,
    );
  });

  test('keys and chords arrive as terminal bytes, typed text one character per write', async () => {
    const app = startApp({ command: process.execPath, args: ['-e', byteEcho] });
    await app.waitFor('ready');
    const tape = parseTape('Set TypingSpeed 100ms\nType "ab"\nCtrl+S\nShift+Tab\nDown 2\nCtrl+D');
    await replayTape(tape, app, { speedup: 1 });
    expect((await app.exited).exitCode).toBe(0);
    const reads = app
      .screen()
      .split('\n')
      .filter((row) => row.startsWith('['))
      .map((row) => JSON.parse(row) as number[]);
    expect(reads.slice(0, 2)).toEqual([[97], [98]]);
    expect(reads.flat()).toEqual([97, 98, 19, 27, 91, 90, 27, 91, 66, 27, 91, 66, 4]);
  });
});
