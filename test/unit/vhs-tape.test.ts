import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { keyBytes } from '../support/pty-app.js';
import {
  chordKeyName,
  loadTape,
  parseTape,
  type TapeCommand,
  TapeSyntaxError,
  tapeEnvironment,
} from '../support/vhs-tape.js';

const sample = `# berth's demo, every command form
Output demo.gif
Output "frames/"
Require berth
Set Shell "bash"
Set FontSize 22
Set Width 1200
Set Height 600
Set Padding 20
Set TypingSpeed 75ms
Set Theme "Catppuccin Frappe"
Set Theme { "name": "Custom", "background": "#000000" }
Set WaitTimeout 20s
Set WaitPattern /\\$ $/
Set LoopOffset 20%
Set CursorBlink false
Env DOCKER_HOST "unix:///tmp/docker.sock"

Type "berth --read-only"   # trailing comment
Type@500ms 'say "hi"'
Type \`a 'b' "c"\`
Type "one" "two"
Type ls
Sleep 500ms
Sleep 2s
Sleep 1.5
Sleep .5
Enter
Enter 2
Escape
Tab
Backspace 3
Space
Delete
Insert
Up
Down 4
Down@400ms 4
Left
Right 2
PageUp
PageDown
Home
End
Ctrl+C
Ctrl+S
Ctrl+Shift+O
Ctrl+Alt+Shift+P
Ctrl+[
Alt+x
Alt+Enter
Shift+Tab
Shift+A
Hide
Show
Wait
Wait /\\$ $/
Wait+Screen /Containers \\(\\d+\\)/
Wait+Line@10s /ready/
Screenshot shots/list.png
Copy "docker ps -a"
Paste
Type "x" Sleep 300ms Enter
`;

/** Commands without their line numbers, and patterns as their source text, for comparing. */
const plain = (commands: TapeCommand[]) =>
  commands.map(({ line: _line, ...rest }) =>
    'pattern' in rest && rest.pattern ? { ...rest, pattern: rest.pattern.source } : rest,
  );

describe('parsing a VHS tape', () => {
  const commands = parseTape(sample, 'demo.tape');

  test('every command form parses into its typed command, in order', () => {
    expect(plain(commands)).toEqual([
      { kind: 'output', path: 'demo.gif' },
      { kind: 'output', path: 'frames/' },
      { kind: 'require', program: 'berth' },
      { kind: 'set', setting: 'Shell', value: 'bash' },
      { kind: 'set', setting: 'FontSize', value: '22' },
      { kind: 'set', setting: 'Width', value: '1200' },
      { kind: 'set', setting: 'Height', value: '600' },
      { kind: 'set', setting: 'Padding', value: '20' },
      { kind: 'set', setting: 'TypingSpeed', value: '75ms' },
      { kind: 'set', setting: 'Theme', value: 'Catppuccin Frappe' },
      { kind: 'set', setting: 'Theme', value: '{ "name": "Custom", "background": "#000000" }' },
      { kind: 'set', setting: 'WaitTimeout', value: '20000ms' },
      { kind: 'set', setting: 'WaitPattern', value: '\\$ $', pattern: '\\$ $' },
      { kind: 'set', setting: 'LoopOffset', value: '20%' },
      { kind: 'set', setting: 'CursorBlink', value: 'false' },
      { kind: 'env', name: 'DOCKER_HOST', value: 'unix:///tmp/docker.sock' },
      { kind: 'type', text: 'berth --read-only' },
      { kind: 'type', text: 'say "hi"', speedMs: 500 },
      { kind: 'type', text: `a 'b' "c"` },
      { kind: 'type', text: 'one two' },
      { kind: 'type', text: 'ls' },
      { kind: 'sleep', ms: 500 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'sleep', ms: 1500 },
      { kind: 'sleep', ms: 500 },
      { kind: 'key', key: 'Enter', repeat: 1 },
      { kind: 'key', key: 'Enter', repeat: 2 },
      { kind: 'key', key: 'Escape', repeat: 1 },
      { kind: 'key', key: 'Tab', repeat: 1 },
      { kind: 'key', key: 'Backspace', repeat: 3 },
      { kind: 'key', key: 'Space', repeat: 1 },
      { kind: 'key', key: 'Delete', repeat: 1 },
      { kind: 'key', key: 'Insert', repeat: 1 },
      { kind: 'key', key: 'Up', repeat: 1 },
      { kind: 'key', key: 'Down', repeat: 4 },
      { kind: 'key', key: 'Down', repeat: 4, speedMs: 400 },
      { kind: 'key', key: 'Left', repeat: 1 },
      { kind: 'key', key: 'Right', repeat: 2 },
      { kind: 'key', key: 'PageUp', repeat: 1 },
      { kind: 'key', key: 'PageDown', repeat: 1 },
      { kind: 'key', key: 'Home', repeat: 1 },
      { kind: 'key', key: 'End', repeat: 1 },
      { kind: 'chord', modifiers: ['Ctrl'], key: 'C' },
      { kind: 'chord', modifiers: ['Ctrl'], key: 'S' },
      { kind: 'chord', modifiers: ['Ctrl', 'Shift'], key: 'O' },
      { kind: 'chord', modifiers: ['Ctrl', 'Alt', 'Shift'], key: 'P' },
      { kind: 'chord', modifiers: ['Ctrl'], key: '[' },
      { kind: 'chord', modifiers: ['Alt'], key: 'x' },
      { kind: 'chord', modifiers: ['Alt'], key: 'Enter' },
      { kind: 'chord', modifiers: ['Shift'], key: 'Tab' },
      { kind: 'chord', modifiers: ['Shift'], key: 'A' },
      { kind: 'hide' },
      { kind: 'show' },
      { kind: 'wait', scope: 'Line' },
      { kind: 'wait', scope: 'Line', pattern: '\\$ $' },
      { kind: 'wait', scope: 'Screen', pattern: 'Containers \\(\\d+\\)' },
      { kind: 'wait', scope: 'Line', pattern: 'ready', timeoutMs: 10_000 },
      { kind: 'screenshot', path: 'shots/list.png' },
      { kind: 'copy', text: 'docker ps -a' },
      { kind: 'paste' },
      { kind: 'type', text: 'x' },
      { kind: 'sleep', ms: 300 },
      { kind: 'key', key: 'Enter', repeat: 1 },
    ]);
  });

  test('each command remembers the line it came from', () => {
    const lines = sample.split('\n');
    for (const command of commands) {
      const text = lines[command.line - 1] ?? '';
      const first = text.trim().split(/[\s@+]/)[0];
      expect(first, `line ${command.line}: ${text}`).toMatch(/^[A-Z][A-Za-z]+$/);
    }
    expect(commands.at(-1)?.line).toBe(lines.length - 1);
    expect(commands.filter((command) => command.line === lines.length - 1)).toHaveLength(3);
  });

  test('Wait patterns are real regular expressions', () => {
    const wait = commands.find((command) => command.kind === 'wait' && command.scope === 'Screen');
    expect(wait?.kind === 'wait' && wait.pattern?.test('Containers (12)')).toBe(true);
  });

  test("Go's leading inline flags become JavaScript flags", () => {
    const [wait] = parseTape('Wait+Screen /(?mi)^READY$/');
    expect(wait?.kind === 'wait' && wait.pattern?.flags).toBe('im');
    expect(wait?.kind === 'wait' && wait.pattern?.test('starting\nready\n')).toBe(true);
  });

  test('Env commands give the environment for the program', () => {
    expect(tapeEnvironment(commands)).toEqual({ DOCKER_HOST: 'unix:///tmp/docker.sock' });
  });
});

describe('invalid tapes are rejected with the line number', () => {
  test.each([
    ['Typo "hello"', 'unknown command "Typo"'],
    ['Type "no closing quote', 'unterminated string'],
    ['Type', 'Type expects a string'],
    ['Type Enter', 'Type expects a string, got "Enter"'],
    ['Sleep', 'Sleep expects a time'],
    ['Sleep soon', 'Sleep expects a time such as 500ms or 2s, got "soon"'],
    ['Sleep 5 ms', 'unknown command "ms"'],
    ['Sleep 5h', 'unknown time unit "h"'],
    ['Enter 0', 'repeat count must be a positive whole number'],
    ['Down -1', 'expected a command, got "-"'],
    ['Set Colour red', 'unknown setting "Colour"'],
    ['Set FontSize big', 'FontSize expects a number, got "big"'],
    ['Set CursorBlink maybe', 'CursorBlink expects true or false'],
    ['Ctrl', 'expected + after Ctrl'],
    ['Ctrl+', 'expected a key after Ctrl+'],
    ['Ctrl+Foo', 'expected a key after Ctrl+, got "Foo"'],
    ['Ctrl+C+D', 'expected a command, got "+"'],
    ['Ctrl+Shift+Shift+X', 'Shift appears twice'],
    ['Alt+Shift+X', 'expected a key after Alt+, got "Shift"'],
    ['Wait+Page /x/', 'Wait+ expects Line or Screen'],
    ['Wait /unclosed', 'unterminated regular expression'],
    ['Wait /(/', 'invalid regular expression'],
    ['Screenshot shot.gif', 'Screenshot expects a .png file'],
    ['Source other.txt', 'Source expects a .tape file'],
    ['Env "NAME" value', 'Env expects a variable name'],
    ['Output', 'Output expects a value'],
    ['Set Theme { "name": "x"', 'unterminated JSON object'],
    ['Type "x"\nSet FontSize 10', 'Set FontSize must come before the first action'],
  ])('%j', (line, message) => {
    // Put the bad line after two good ones, so the line number must be counted.
    const source = `# header\nOutput demo.gif\n${line}\n`;
    const badLine = 3 + (line.includes('\n') ? 1 : 0);
    let caught: unknown;
    try {
      parseTape(source, 'bad.tape');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TapeSyntaxError);
    expect((caught as TapeSyntaxError).line).toBe(badLine);
    expect((caught as Error).message).toMatch(new RegExp(`^bad\\.tape:${badLine}:\\d+: `));
    expect((caught as Error).message).toContain(message);
  });

  test('TypingSpeed may change in the middle of a tape', () => {
    expect(parseTape('Type "a"\nSet TypingSpeed 10ms\nType "b"').map((command) => command.kind)).toEqual([
      'type',
      'set',
      'type',
    ]);
  });
});

describe('loading a tape from a file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('Source inlines the other tape, found relative to the first', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-tape-'));
    writeFileSync(path.join(dir, 'main.tape'), 'Type "before"\nSource parts/setup.tape\nEnter\n');
    mkdirSync(path.join(dir, 'parts'));
    writeFileSync(path.join(dir, 'parts', 'setup.tape'), 'Type "inside"\nCtrl+L\n');
    expect(plain(loadTape(path.join(dir, 'main.tape')))).toEqual([
      { kind: 'type', text: 'before' },
      { kind: 'type', text: 'inside' },
      { kind: 'chord', modifiers: ['Ctrl'], key: 'L' },
      { kind: 'key', key: 'Enter', repeat: 1 },
    ]);
  });

  test('a tape that sources itself is an error, not a hang', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-tape-'));
    writeFileSync(path.join(dir, 'loop.tape'), 'Source loop.tape\n');
    expect(() => loadTape(path.join(dir as string, 'loop.tape'))).toThrow(/sources itself/);
  });
});

describe('chords become the bytes a terminal sends', () => {
  test.each([
    [['Ctrl'], 'C', '\x03'],
    [['Ctrl'], 'S', '\x13'],
    [['Ctrl'], '[', '\x1b'],
    [['Ctrl', 'Alt'], 'X', '\x1b\x18'],
    [['Alt'], 'x', '\x1bx'],
    [['Alt'], 'Enter', '\x1b\r'],
    [['Shift'], 'Tab', '\x1b[Z'],
    [['Shift'], 'a', 'A'],
    [['Ctrl'], 'Space', '\x00'],
  ] as const)('%j + %s', (modifiers, key, bytes) => {
    expect(keyBytes(chordKeyName(modifiers, key))).toBe(bytes);
  });
});
