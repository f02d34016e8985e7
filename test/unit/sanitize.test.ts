import { describe, expect, test } from 'vitest';
import { normalizeSgrParams, stripSgr } from '../../src/terminal/ansi.js';
import { sanitizeForTerminal, visibleWidth } from '../../src/terminal/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

const plain = (text: string) => sanitizeForTerminal(text, { keepColors: false });
const colored = (text: string) => sanitizeForTerminal(text, { keepColors: true });

/** Fails when any control character other than LF, or any ESC not starting an SGR, is left. */
function expectOnlySafeOutput(output: string) {
  expect(output).not.toMatch(/[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f]/);
  expect(output.replace(/\x1b\[[0-9;]*m/g, '')).not.toContain(ESC);
}

describe('sanitizeForTerminal', () => {
  test('the hostile line from the issue leaves only its printable text', () => {
    const hostile =
      `a${ESC}]0;pwned title${BEL}b${ESC}]52;c;Zm9v${BEL}c${ESC}[2J${ESC}[?1049h${ESC}[H` +
      `d${ESC}Pq#0;2;0;0;0${ST}e\x9d0;title\x9cf\x9b2Jg\x90data\x9ch${BEL}i`;
    for (const keepColors of [true, false]) {
      const output = sanitizeForTerminal(hostile, { keepColors });
      expect(output).toBe('abcdefghi');
      expectOnlySafeOutput(output);
    }
  });

  test.each([
    ['window title by OSC 0 ended by BEL', `x${ESC}]0;title${BEL}y`, 'xy'],
    ['clipboard write by OSC 52 ended by ST', `x${ESC}]52;c;Zm9vYmFy${ST}y`, 'xy'],
    ['hyperlink OSC 8 keeps the link text only', `${ESC}]8;;http://evil${ST}click${ESC}]8;;${ST}`, 'click'],
    ['clear screen', `x${ESC}[2Jy`, 'xy'],
    ['alternate screen', `x${ESC}[?1049hy`, 'xy'],
    ['cursor home and position', `x${ESC}[H${ESC}[10;20Hy`, 'xy'],
    ['mouse reporting on', `x${ESC}[?1000;1006hy`, 'xy'],
    ['device status report (answers into stdin)', `x${ESC}[6ny`, 'xy'],
    ['DCS string', `x${ESC}P1$r${ST}y`, 'xy'],
    ['SOS, PM and APC strings', `x${ESC}Xsos${ST}${ESC}^pm${ST}${ESC}_apc${ST}y`, 'xy'],
    ['full reset ESC c', `x${ESC}cy`, 'xy'],
    ['save and restore cursor', `x${ESC}7${ESC}8y`, 'xy'],
    ['keypad mode', `x${ESC}=${ESC}>y`, 'xy'],
    ['charset designation', `x${ESC}(B${ESC})0y`, 'xy'],
    ['screen alignment test fills the screen', `x${ESC}#8y`, 'xy'],
    ['8-bit CSI', 'x\x9b2Jy', 'xy'],
    ['8-bit OSC ended by 8-bit ST', 'x\x9d52;c;Zm9v\x9cy', 'xy'],
    ['8-bit DCS, SOS, PM, APC', 'x\x90a\x9c\x98b\x9c\x9ec\x9c\x9fd\x9cy', 'xy'],
    ['other C1 controls (NEL, IND, RI)', 'x\x85\x84\x8dy', 'xy'],
    ['bell', `x${BEL}y`, 'xy'],
    ['backspace', 'xz\by', 'xzy'],
    ['DEL', 'x\x7fy', 'xy'],
    ['NUL, vertical tab, form feed', 'x\x00\x0b\x0cy', 'xy'],
    ['CAN aborts an OSC', `x${ESC}]0;title\x18y`, 'xy'],
    ['an ESC inside an OSC ends it and starts a new sequence', `x${ESC}]0;t${ESC}[2Jy`, 'xy'],
  ])('drops %s', (_name, input, expected) => {
    const output = plain(input);
    expect(output).toBe(expected);
    expectOnlySafeOutput(output);
  });

  test.each([
    ['an ESC at the very end', `abc${ESC}`, 'abc'],
    ['a CSI cut after its parameters', `abc${ESC}[1;3`, 'abc'],
    ['a CSI cut after the bracket', `abc${ESC}[`, 'abc'],
    ['an 8-bit CSI cut short', 'abc\x9b12', 'abc'],
    ['an unterminated OSC (swallows to the end of the line)', `abc${ESC}]0;title`, 'abc'],
    ['an unterminated DCS', `abc${ESC}Pq#0;2`, 'abc'],
    ['an ESC ( without its final byte', `abc${ESC}(`, 'abc'],
    ['an unterminated SGR with colours on', `abc${ESC}[31`, 'abc'],
  ])('a malformed or truncated sequence at the end leaves the text before it: %s', (_n, input, expected) => {
    expect(plain(input)).toBe(expected);
    expect(colored(input)).toBe(expected);
  });

  test('an unterminated OSC swallows only the rest of its own line', () => {
    expect(plain(`one${ESC}]0;title\ntwo`)).toBe('one\ntwo');
  });

  test('a CSI broken by an unexpected character is dropped and the character read normally', () => {
    expect(plain(`a${ESC}[12\x07b`)).toBe('ab');
    expect(plain(`a${ESC}[1é`)).toBe('aé');
  });

  test('carriage returns of a progress bar are dropped, not obeyed', () => {
    const output = plain('  0%\r 50%\r100%\r\n');
    expect(output).toBe('  0% 50%100%\n');
    expect(plain('windows line\r')).toBe('windows line');
  });

  describe('colours', () => {
    const red = `${ESC}[31m`;
    const reset = `${ESC}[0m`;

    test('are kept when keepColors is true, and reset at the end of the line', () => {
      expect(colored(`${red}error${reset} done`)).toBe(`${red}error${reset} done`);
      expect(colored(`${red}error`)).toBe(`${red}error${reset}`);
    });

    test('are dropped when keepColors is false', () => {
      expect(plain(`${red}error${reset} ${ESC}[1;38;5;196mbold${ESC}[m`)).toBe('error bold');
    });

    test('a colour does not leak past a newline', () => {
      expect(colored(`${red}one\ntwo`)).toBe(`${red}one${reset}\ntwo`);
    });

    test('are normalised to the semicolon form', () => {
      expect(colored(`${ESC}[mx`)).toBe(`${ESC}[0mx`);
      expect(colored(`${ESC}[01;031mx`)).toBe(`${ESC}[1;31mx${reset}`);
      expect(colored(`${ESC}[38:2::255:0:10mx`)).toBe(`${ESC}[38;2;255;0;10mx${reset}`);
      expect(colored(`${ESC}[38:5:196mx`)).toBe(`${ESC}[38;5;196mx${reset}`);
      expect(colored('\x9b32mx')).toBe(`${ESC}[32mx${reset}`);
    });

    test('SGR-like sequences with private markers or intermediates are dropped', () => {
      expect(colored(`${ESC}[?31mx`)).toBe('x');
      expect(colored(`${ESC}[31 mx`)).toBe('x');
      expect(colored(`${ESC}[>4;2mx`)).toBe('x');
    });

    test('other sequences next to colours are still dropped', () => {
      const output = colored(`${red}a${ESC}[2Jb${ESC}]0;t${BEL}c${reset}`);
      expect(output).toBe(`${red}abc${reset}`);
      expectOnlySafeOutput(output);
    });
  });

  describe('tabs', () => {
    test.each([
      ['\tx', '        x'],
      ['a\tb', 'a       b'],
      ['1234567\tx', '1234567 x'],
      ['12345678\tx', '12345678        x'],
      ['a\t\tb', 'a               b'],
      ['ab\ncd\te', 'ab\ncd      e'],
    ])('%j expands to the next multiple of 8', (input, expected) => {
      expect(plain(input)).toBe(expected);
    });

    test('columns count wide characters as two and colours as none', () => {
      expect(plain('日本\tx')).toBe('日本    x');
      expect(colored(`${ESC}[31m日本${ESC}[0m\tx`)).toBe(`${ESC}[31m日本${ESC}[0m    x`);
      expect(plain(`${ESC}]0;long title${BEL}ab\tx`)).toBe('ab      x');
    });
  });

  test.each([
    ['CJK', '日本語のログ 中文 한국어'],
    ['emoji with modifiers and ZWJ', 'deploy 🚀 👍🏽 👩‍👩‍👧 🇫🇷'],
    ['accents and combining marks', 'café naïve e\u0301'],
    ['box drawing and symbols', '┌─┐ │ ✓ ✗ → ≥ €'],
    ['right-to-left scripts', 'שלום مرحبا'],
  ])('%s survive unchanged', (_name, text) => {
    expect(plain(text)).toBe(text);
    expect(plain(`${text}\t|`)).toBe(`${text}${' '.repeat(8 - (visibleWidth(text) % 8))}|`);
  });

  test('text without control characters is returned as is', () => {
    const text = 'GET /index.html 200 12ms';
    expect(plain(text)).toBe(text);
    expect(colored(text)).toBe(text);
  });
});

describe('visibleWidth', () => {
  test.each([
    ['abc', 3],
    ['日本', 4],
    [`${ESC}[31mred${ESC}[0m`, 3],
    ['👍', 2],
    ['', 0],
  ])('%j is %i columns', (text, width) => {
    expect(visibleWidth(text)).toBe(width);
  });
});

describe('ansi helpers', () => {
  test.each([
    ['', '0'],
    ['0', '0'],
    ['1;31', '1;31'],
    [';31', '0;31'],
    ['38:2:10:20:30', '38;2;10;20;30'],
    ['48:2:0:10:20:30', '48;2;10;20;30'],
    ['4:3', '4'],
    ['4:0', '24'],
    ['38:9', undefined],
    ['?1', undefined],
  ])('normalizeSgrParams(%j) is %j', (params, expected) => {
    expect(normalizeSgrParams(params)).toBe(expected);
  });

  test('stripSgr leaves the text a person sees', () => {
    expect(stripSgr(`${ESC}[1;31mbold red${ESC}[0m plain`)).toBe('bold red plain');
  });
});
