/**
 * VHS tapes (charmbracelet/vhs `.tape` files) as tests: `parseTape` turns a tape into typed
 * commands, following VHS's own grammar (several commands may share a line:
 * `Type "ls" Sleep 300ms Enter`), and `replayTape` drives a program started with `startApp`
 * through them, waiting for the screen to settle after each step. The demo tape that makes the
 * README's GIF is therefore also an end-to-end test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PtyApp } from './pty-app.js';

export type TapeKeyName =
  | 'Enter'
  | 'Escape'
  | 'Tab'
  | 'Backspace'
  | 'Delete'
  | 'Insert'
  | 'Space'
  | 'Up'
  | 'Down'
  | 'Left'
  | 'Right'
  | 'PageUp'
  | 'PageDown'
  | 'Home'
  | 'End'
  | 'ScrollUp'
  | 'ScrollDown';

export type TapeModifier = 'Ctrl' | 'Alt' | 'Shift';

type At = { line: number };

export type TapeCommand = At &
  (
    | { kind: 'output'; path: string }
    | { kind: 'require'; program: string }
    /** `pattern` is WaitPattern's value, compiled. */
    | { kind: 'set'; setting: string; value: string; pattern?: RegExp }
    | { kind: 'env'; name: string; value: string }
    | { kind: 'source'; path: string }
    | { kind: 'type'; text: string; speedMs?: number }
    | { kind: 'sleep'; ms: number }
    | { kind: 'key'; key: TapeKeyName; repeat: number; speedMs?: number }
    /** `Ctrl+C`, `Ctrl+Alt+X`, `Alt+Enter`, `Shift+Tab`: modifiers held while `key` is pressed. */
    | { kind: 'chord'; modifiers: TapeModifier[]; key: string }
    | { kind: 'wait'; scope: 'Line' | 'Screen'; pattern?: RegExp; timeoutMs?: number }
    | { kind: 'hide' }
    | { kind: 'show' }
    | { kind: 'screenshot'; path: string }
    | { kind: 'copy'; text: string }
    | { kind: 'paste' }
    | { kind: 'subtitle'; text: string }
  );

export class TapeSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'TapeSyntaxError';
  }
}

// ---- Tokens -------------------------------------------------------------------------------------

type TokenKind = 'word' | 'string' | 'number' | 'regex' | 'json' | 'symbol' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
}

const isLetter = (c: string) => /[A-Za-z]/.test(c);
const isDigit = (c: string) => /[0-9]/.test(c);

/** Splits a tape into tokens the way VHS's lexer does; comments run to the end of the line. */
function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (at: number, detail: string): never => {
    throw new TapeSyntaxError(file, line, at - lineStart + 1, detail);
  };
  while (i < source.length) {
    const c = source[i] as string;
    const start = i;
    const token = (kind: TokenKind, text: string) =>
      tokens.push({ kind, text, line, column: start - lineStart + 1 });
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`' || c === '/') {
      const end = source.indexOf(c, i + 1);
      const newline = source.indexOf('\n', i + 1);
      if (end === -1 || (newline !== -1 && newline < end)) {
        fail(start, c === '/' ? 'unterminated regular expression' : `unterminated string (missing ${c})`);
      }
      token(c === '/' ? 'regex' : 'string', source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '{') {
      const end = source.indexOf('}', i);
      if (end === -1) fail(start, 'unterminated JSON object');
      token('json', source.slice(i, end + 1));
      i = end + 1;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      while (i < source.length && /[0-9.]/.test(source[i] as string)) i++;
      token('number', source.slice(start, i));
    } else if (isLetter(c) || c === '.') {
      while (i < source.length && /[A-Za-z0-9._\-/%]/.test(source[i] as string)) i++;
      token('word', source.slice(start, i));
    } else {
      token('symbol', c);
      i++;
    }
  }
  tokens.push({ kind: 'end', text: 'end of tape', line, column: i - lineStart + 1 });
  return tokens;
}

// ---- Grammar ------------------------------------------------------------------------------------

const keyCommands: Record<string, TapeKeyName> = {
  Enter: 'Enter',
  Escape: 'Escape',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Space: 'Space',
  Up: 'Up',
  Down: 'Down',
  Left: 'Left',
  Right: 'Right',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Home: 'Home',
  End: 'End',
  ScrollUp: 'ScrollUp',
  ScrollDown: 'ScrollDown',
};

const numericSettings = new Set([
  'FontSize',
  'Width',
  'Height',
  'Padding',
  'Framerate',
  'LetterSpacing',
  'LineHeight',
  'PlaybackSpeed',
  'Margin',
  'WindowBarSize',
  'BorderRadius',
  'SubtitleFontSize',
  'SubtitlePadding',
  'SubtitleBorderRadius',
]);
const textSettings = new Set([
  'Shell',
  'FontFamily',
  'Theme',
  'MarginFill',
  'WindowBar',
  'SubtitleColor',
  'SubtitleBackground',
  'SubtitlePosition',
  'SubtitleFontFamily',
]);
const timeSettings = new Set(['TypingSpeed', 'WaitTimeout']);
const otherSettings = new Set(['WaitPattern', 'LoopOffset', 'CursorBlink']);
const isSetting = (name: string) =>
  numericSettings.has(name) || textSettings.has(name) || timeSettings.has(name) || otherSettings.has(name);

const timeUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

const commandNames = [
  'Output',
  'Require',
  'Set',
  'Env',
  'Source',
  'Type',
  'Sleep',
  'Ctrl',
  'Alt',
  'Shift',
  'Wait',
];
const moreCommandNames = ['Hide', 'Show', 'Screenshot', 'Copy', 'Paste', 'Subtitle'];
const keywords = new Set<string>([...commandNames, ...moreCommandNames, ...Object.keys(keyCommands)]);

/** Parses a tape's text into commands; `file` names the tape in error messages. */
export function parseTape(source: string, file = 'tape'): TapeCommand[] {
  const tokens = tokenize(source, file);
  let position = 0;
  const peek = (): Token => tokens[position] as Token;
  const next = (): Token => tokens[position++] as Token;
  const fail = (token: Token, detail: string): never => {
    throw new TapeSyntaxError(file, token.line, token.column, detail);
  };
  const isSymbol = (token: Token, symbol: string) => token.kind === 'symbol' && token.text === symbol;

  /** `<number>[ms|s|m]`, seconds when no unit is given, as VHS does. */
  const time = (after: Token): number => {
    const number = peek();
    if (number.kind !== 'number')
      fail(after, `${after.text} expects a time such as 500ms or 2s, got "${number.text}"`);
    next();
    const value = Number(number.text);
    if (!Number.isFinite(value)) fail(number, `"${number.text}" is not a number`);
    const unit = peek();
    // A unit must touch its number: `500ms`, not `500 ms`.
    if (
      unit.kind === 'word' &&
      unit.line === number.line &&
      unit.column === number.column + number.text.length
    ) {
      const scale = timeUnits[unit.text];
      if (scale === undefined) fail(unit, `unknown time unit "${unit.text}" (use ms, s or m)`);
      next();
      return value * (scale as number);
    }
    return value * 1000;
  };
  const speed = (command: Token): number | undefined => {
    if (!isSymbol(peek(), '@')) return undefined;
    next();
    return time(command);
  };
  const text = (command: Token): string => {
    const token = peek();
    if (token.kind !== 'string' && !isBareWord(token))
      fail(command, `${command.text} expects a value, got "${token.text}"`);
    return next().text;
  };
  /** Words that are not keywords count as strings, as in VHS (`Type ls`). */
  const isBareWord = (token: Token) => token.kind === 'word' && !keywords.has(token.text);
  const isString = (token: Token) => token.kind === 'string' || isBareWord(token);
  /** One or more strings, joined with a space (`Type "a" "b"` types `a b`). */
  const strings = (command: Token): string => {
    if (!isString(peek())) fail(command, `${command.text} expects a string, got "${peek().text}"`);
    const parts: string[] = [];
    while (isString(peek())) parts.push(next().text);
    return parts.join(' ');
  };
  /** VHS patterns are Go regular expressions: a leading `(?m)`, `(?i)` or `(?s)` becomes a JS flag. */
  const regex = (token: Token): RegExp => {
    const inline = /^\(\?([ims]+)\)/.exec(token.text);
    try {
      return inline ? new RegExp(token.text.slice(inline[0].length), inline[1]) : new RegExp(token.text);
    } catch (error) {
      return fail(token, `invalid regular expression /${token.text}/: ${(error as Error).message}`);
    }
  };
  /** The key after `Ctrl+`, `Alt+` or `Shift+`: one character, or a key name. */
  const chordKey = (modifier: Token): string => {
    const token = next();
    if (
      (token.kind === 'word' || token.kind === 'number') &&
      (token.text.length === 1 || token.text in keyCommands)
    ) {
      return token.text;
    }
    if (token.kind === 'symbol' && token.text !== '+') return token.text;
    return fail(modifier, `expected a key after ${modifier.text}+, got "${token.text}"`);
  };

  const commands: TapeCommand[] = [];
  let seenAction = false;
  for (let token = next(); token.kind !== 'end'; token = next()) {
    const at = { line: token.line };
    if (token.kind !== 'word') fail(token, `expected a command, got "${token.text}"`);
    const name = token.text;
    const key = keyCommands[name];
    if (key !== undefined) {
      const speedMs = speed(token);
      let repeat = 1;
      if (peek().kind === 'number') {
        const count = next();
        repeat = Number(count.text);
        if (!Number.isInteger(repeat) || repeat < 1)
          fail(count, `repeat count must be a positive whole number`);
      }
      commands.push({ kind: 'key', key, repeat, ...(speedMs === undefined ? {} : { speedMs }), ...at });
      seenAction = true;
      continue;
    }
    switch (name) {
      case 'Output':
        commands.push({ kind: 'output', path: text(token), ...at });
        break;
      case 'Require':
        commands.push({ kind: 'require', program: text(token), ...at });
        break;
      case 'Set': {
        const setting = next();
        if (setting.kind !== 'word' || !isSetting(setting.text))
          fail(token, `unknown setting "${setting.text}"`);
        let value: string;
        let pattern: RegExp | undefined;
        if (timeSettings.has(setting.text)) {
          value = `${time(setting)}ms`;
        } else if (setting.text === 'WaitPattern') {
          const source = next();
          if (source.kind !== 'regex' && source.kind !== 'string') fail(token, 'WaitPattern expects /regex/');
          pattern = regex(source);
          value = source.text;
        } else if (setting.text === 'CursorBlink') {
          const flag = next();
          if (flag.text !== 'true' && flag.text !== 'false') fail(token, 'CursorBlink expects true or false');
          value = flag.text;
        } else if (setting.text === 'LoopOffset') {
          const offset = next();
          if (offset.kind !== 'number') fail(token, 'LoopOffset expects a number');
          if (isSymbol(peek(), '%')) next();
          value = `${offset.text}%`;
        } else if (numericSettings.has(setting.text)) {
          const number = next();
          if (number.kind !== 'number') fail(token, `${setting.text} expects a number, got "${number.text}"`);
          value = number.text;
        } else {
          const word = next();
          if (word.kind !== 'string' && word.kind !== 'word' && word.kind !== 'json') {
            fail(token, `${setting.text} expects a value, got "${word.text}"`);
          }
          value = word.text;
        }
        // VHS applies settings before recording starts; only TypingSpeed may change mid-tape.
        if (seenAction && setting.text !== 'TypingSpeed') {
          fail(
            token,
            `Set ${setting.text} must come before the first action (only TypingSpeed may change later)`,
          );
        }
        commands.push({ kind: 'set', setting: setting.text, value, ...(pattern ? { pattern } : {}), ...at });
        break;
      }
      case 'Env': {
        const variable = next();
        if (variable.kind !== 'word') fail(token, `Env expects a variable name, got "${variable.text}"`);
        commands.push({ kind: 'env', name: variable.text, value: text(token), ...at });
        break;
      }
      case 'Source': {
        const file = text(token);
        if (!file.endsWith('.tape')) fail(token, `Source expects a .tape file, got "${file}"`);
        commands.push({ kind: 'source', path: file, ...at });
        break;
      }
      case 'Type': {
        const speedMs = speed(token);
        commands.push({
          kind: 'type',
          text: strings(token),
          ...(speedMs === undefined ? {} : { speedMs }),
          ...at,
        });
        seenAction = true;
        break;
      }
      case 'Sleep':
        commands.push({ kind: 'sleep', ms: time(token), ...at });
        seenAction = true;
        break;
      case 'Ctrl':
      case 'Alt':
      case 'Shift': {
        const modifiers: TapeModifier[] = [name];
        let chosen: string | undefined;
        while (chosen === undefined) {
          if (!isSymbol(peek(), '+')) fail(token, `expected + after ${modifiers.join('+')}`);
          next();
          const part = peek();
          // Only Ctrl chords take more modifiers (Ctrl+Alt+X, Ctrl+Shift+O), as in VHS.
          if (name === 'Ctrl' && part.kind === 'word' && (part.text === 'Alt' || part.text === 'Shift')) {
            if (modifiers.includes(part.text)) fail(part, `${part.text} appears twice`);
            modifiers.push(part.text);
            next();
          } else {
            chosen = chordKey(token);
          }
        }
        commands.push({ kind: 'chord', modifiers, key: chosen, ...at });
        seenAction = true;
        break;
      }
      case 'Wait': {
        let scope: 'Line' | 'Screen' = 'Line';
        if (isSymbol(peek(), '+')) {
          next();
          const which = next();
          if (which.text !== 'Line' && which.text !== 'Screen') fail(token, 'Wait+ expects Line or Screen');
          scope = which.text as 'Line' | 'Screen';
        }
        const timeoutMs = speed(token);
        if (timeoutMs !== undefined && timeoutMs <= 0) fail(token, 'Wait expects a positive timeout');
        const pattern = peek().kind === 'regex' ? regex(next()) : undefined;
        commands.push({
          kind: 'wait',
          scope,
          ...(pattern === undefined ? {} : { pattern }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...at,
        });
        seenAction = true;
        break;
      }
      case 'Hide':
        commands.push({ kind: 'hide', ...at });
        break;
      case 'Show':
        commands.push({ kind: 'show', ...at });
        break;
      case 'Screenshot': {
        const file = text(token);
        if (!file.endsWith('.png')) fail(token, `Screenshot expects a .png file, got "${file}"`);
        commands.push({ kind: 'screenshot', path: file, ...at });
        break;
      }
      case 'Copy':
        commands.push({ kind: 'copy', text: strings(token), ...at });
        break;
      case 'Paste':
        commands.push({ kind: 'paste', ...at });
        seenAction = true;
        break;
      case 'Subtitle': {
        if (peek().kind !== 'string') fail(token, 'Subtitle expects a quoted string');
        commands.push({ kind: 'subtitle', text: next().text, ...at });
        break;
      }
      default:
        fail(token, `unknown command "${name}"`);
    }
  }
  return commands;
}

/** Reads a tape file and inlines the tapes it `Source`s (paths relative to the tape). */
export function loadTape(file: string, seen: readonly string[] = []): TapeCommand[] {
  const resolved = path.resolve(file);
  if (seen.includes(resolved)) throw new Error(`${file} sources itself: ${[...seen, resolved].join(' → ')}`);
  const commands = parseTape(readFileSync(resolved, 'utf8'), file);
  return commands.flatMap((command) =>
    command.kind === 'source'
      ? loadTape(path.resolve(path.dirname(resolved), command.path), [...seen, resolved])
      : [command],
  );
}

/** The variables a tape's `Env` commands set, to pass to `startApp({env})`. */
export function tapeEnvironment(commands: readonly TapeCommand[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const command of commands) if (command.kind === 'env') env[command.name] = command.value;
  return env;
}

// ---- Replay -------------------------------------------------------------------------------------

export interface ReplayOptions {
  /** Sleeps and typing delays are divided by this (default 10). */
  speedup?: number;
  /** Type one character per write, as a person (and VHS) does (default true). */
  perCharacter?: boolean;
  /** Longest wait for the screen to settle after a step; a busy screen is not a failure (default 1000). */
  settleCapMs?: number;
  /** Timeout of a `Wait` without its own, unless the tape sets WaitTimeout (default 10000). */
  waitTimeoutMs?: number;
  /** Called after each command has settled, e.g. to capture the screen at `Screenshot`. */
  onCommand?: (command: TapeCommand, app: PtyApp) => void | Promise<void>;
}

const keyNames: Record<TapeKeyName, string> = {
  Enter: 'enter',
  Escape: 'escape',
  Tab: 'tab',
  Backspace: 'backspace',
  Delete: 'delete',
  Insert: 'insert',
  Space: 'space',
  Up: 'up',
  Down: 'down',
  Left: 'left',
  Right: 'right',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  Home: 'home',
  End: 'end',
  ScrollUp: 'scrollup',
  ScrollDown: 'scrolldown',
};

/** The `press()` name of a chord: `Ctrl+Shift+Tab` → `ctrl+shift+tab`; a letter keeps its case. */
export function chordKeyName(modifiers: readonly TapeModifier[], key: string): string {
  const base = key in keyCommands ? keyNames[key as TapeKeyName] : key;
  return [...modifiers.map((modifier) => modifier.toLowerCase()), base].join('+');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays a tape against a running program. */
export async function replayTape(
  commands: readonly TapeCommand[],
  app: PtyApp,
  options: ReplayOptions = {},
): Promise<void> {
  const speedup = options.speedup ?? 10;
  const perCharacter = options.perCharacter ?? true;
  const settleCapMs = options.settleCapMs ?? 1000;
  let typingSpeedMs = 50;
  let waitTimeoutMs = options.waitTimeoutMs ?? 10_000;
  let waitPattern = />$/;
  let clipboard = '';

  const settle = async () => {
    try {
      await app.waitForStable(50, { timeout: settleCapMs });
    } catch {
      // Something on screen keeps moving (a clock, a spinner): go on, as a person would.
    }
  };

  for (const command of commands) {
    switch (command.kind) {
      case 'set':
        if (command.setting === 'TypingSpeed') typingSpeedMs = Number.parseFloat(command.value);
        if (command.setting === 'WaitTimeout' && options.waitTimeoutMs === undefined) {
          waitTimeoutMs = Number.parseFloat(command.value);
        }
        if (command.setting === 'WaitPattern') waitPattern = command.pattern ?? waitPattern;
        break;
      case 'type': {
        const pause = (command.speedMs ?? typingSpeedMs) / speedup;
        if (!perCharacter) {
          app.type(command.text);
          break;
        }
        for (const character of command.text) {
          app.type(character);
          if (pause >= 1) await delay(pause);
        }
        break;
      }
      case 'key': {
        if (command.key === 'ScrollUp' || command.key === 'ScrollDown') {
          throw new Error(
            `line ${command.line}: ${command.key} (mouse wheel) is not supported by replayTape`,
          );
        }
        const pause = (command.speedMs ?? typingSpeedMs) / speedup;
        for (let n = 0; n < command.repeat; n++) {
          app.press(keyNames[command.key]);
          if (pause >= 1 && n < command.repeat - 1) await delay(pause);
        }
        break;
      }
      case 'chord':
        app.press(chordKeyName(command.modifiers, command.key));
        break;
      case 'sleep':
        await delay(command.ms / speedup);
        break;
      case 'wait': {
        const pattern = command.pattern ?? waitPattern;
        const timeout = command.timeoutMs ?? waitTimeoutMs;
        const lastLine = (screen: string) =>
          screen
            .split('\n')
            .filter((row) => row.trim() !== '')
            .at(-1) ?? '';
        try {
          await app.waitFor(
            (screen) => (command.scope === 'Screen' ? pattern.test(screen) : pattern.test(lastLine(screen))),
            { timeout },
          );
        } catch (error) {
          throw new Error(
            `line ${command.line}: Wait+${command.scope} /${pattern.source}/ failed: ${(error as Error).message}`,
          );
        }
        break;
      }
      case 'copy':
        clipboard = command.text;
        break;
      case 'paste':
        app.write(app.modes.bracketedPasteMode ? `\x1b[200~${clipboard}\x1b[201~` : clipboard);
        break;
      case 'source':
        throw new Error(
          `line ${command.line}: Source ${command.path} was not inlined: load the tape with loadTape`,
        );
      // Recording concerns (files, fonts, pixels, visibility in the GIF) mean nothing here.
      case 'output':
      case 'require':
      case 'env':
      case 'hide':
      case 'show':
      case 'screenshot':
      case 'subtitle':
        break;
    }
    await settle();
    await options.onCommand?.(command, app);
  }
}
