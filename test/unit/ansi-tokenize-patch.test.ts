/**
 * berth patches @alcalzone/ansi-tokenize (patches/@alcalzone+ansi-tokenize+0.2.5.patch): Ink turns
 * every row of styled cells back into a string with styledCharsToString, and the patch skips the
 * style diff between neighbouring cells whose styles are equal. These tests hold the patched
 * function to the upstream algorithm (spelled out below) on styled text of every kind Ink draws.
 */
import {
  ansiCodesToString,
  diffAnsiCodes,
  type StyledChar,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
} from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';

const chalk = new Chalk({ level: 3 });

/** The upstream styledCharsToString of 0.2.5, unpatched. */
function upstream(chars: StyledChar[]): string {
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i === 0) ret += ansiCodesToString(char.styles);
    else ret += ansiCodesToString(diffAnsiCodes(chars[i - 1]!.styles, char.styles));
    ret += char.value;
    if (i === chars.length - 1) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return ret;
}

const samples = [
  'plain text, no styles at all',
  '',
  chalk.red('red'),
  `before ${chalk.bold.cyan('bold cyan')} after`,
  chalk.bgBlue.white(` ${chalk.bold('bold inside')} and back `),
  `${chalk.dim('dim')}${chalk.bold('bold')}${chalk.dim.bold('both')} none`,
  chalk.inverse('▶ web      Up 3 minutes') + chalk.gray('│') + chalk.hex('#ff8800')('orange'),
  `${chalk.underline.italic('under')}${chalk.strikethrough('struck')}\x1b[0m reset`,
  `${chalk.red('a')}${chalk.red('b')}${chalk.green('c')}${chalk.bgRed.green('d')}`,
  `\x1b]8;;https://example.com\x07link\x1b]8;;\x07 ${chalk.blue('日本語')} end`,
  `${chalk.bold('┌ Containers (3/5) ')}${'─'.repeat(40)}${chalk.yellow('┐')}`,
  `${chalk.bgGreen('  ')}${chalk.bgGreen.bold('x')}${chalk.bgGreen('  ')}`,
];

describe('styledCharsToString, as patched', () => {
  it('is patched (it skips the diff between equal styles)', () => {
    expect(styledCharsToString.toString()).toContain('sameStyles');
  });

  for (const sample of samples) {
    it(`gives the upstream string for ${JSON.stringify(sample).slice(0, 60)}`, () => {
      const chars = styledCharsFromTokens(tokenize(sample));
      expect(styledCharsToString(chars)).toBe(upstream(chars));
    });
  }

  it('gives the upstream string for cells whose equal styles are distinct arrays', () => {
    // Ink copies a cell's styles when it writes a line into its grid: equal, never the same array.
    const chars = styledCharsFromTokens(tokenize(chalk.bold.red('abc') + chalk.red('def')));
    const copied = chars.map((c) => ({ ...c, styles: c.styles.map((s) => ({ ...s })) }));
    expect(styledCharsToString(copied)).toBe(upstream(copied));
  });
});
