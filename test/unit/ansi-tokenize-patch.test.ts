/**
 * berth patches @alcalzone/ansi-tokenize (patches/@alcalzone+ansi-tokenize+0.2.5.patch), which
 * Ink runs on every line it draws:
 * - styledCharsToString skips the style diff between neighbouring cells whose styles are equal;
 * - tokenize splits a string into grapheme clusters without Intl.Segmenter when every code unit
 *   is a cluster of its own (ASCII, box drawing, arrows, …), and makes the segmenter on first need.
 * These tests hold both to the upstream behaviour: the diff algorithm spelled out below, and
 * Intl.Segmenter itself.
 */

// Added by the patch, so not in the package's types.
import * as patched from '@alcalzone/ansi-tokenize';
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

const { graphemesOf, isLoneGraphemeUnit } = patched as unknown as {
  graphemesOf: (text: string) => Iterable<{ segment: string; index: number }>;
  isLoneGraphemeUnit: (codeUnit: number) => boolean;
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const bySegmenter = (text: string) =>
  [...segmenter.segment(text)].map(({ segment, index }) => ({ segment, index }));

describe('tokenize without Intl.Segmenter, as patched', () => {
  it('takes as lone only code units that never join a neighbour into one cluster', () => {
    const wrong: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      if (!isLoneGraphemeUnit(unit)) continue;
      const c = String.fromCharCode(unit);
      // Each pairing a joining class would show: Extend, ZWJ and SpacingMark join what comes
      // before, Prepend what comes after, Hangul jamo join each other, CR joins a following LF
      // (CR itself is never lone, so a string holding one goes to the segmenter).
      for (const pair of [c + c, `x${c}`, `${c}x`, `${c}\n`]) {
        if (bySegmenter(pair).length !== 2) wrong.push(`U+${unit.toString(16)} in ${JSON.stringify(pair)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(isLoneGraphemeUnit(0x0d)).toBe(false);
    expect(isLoneGraphemeUnit(0x0301)).toBe(false);
    expect(isLoneGraphemeUnit(0xd83d)).toBe(false);
  });

  const texts = [
    ...samples,
    '┌ Containers (3/5) ────────┐ ▶ web  Up 3 minutes · 0.0.0.0:8080→80/tcp …',
    'cafe\u0301 and e\u0301\u0301',
    '👍🏽 family 👨‍👩‍👧 flag 🇫🇷 keycap 1️⃣',
    '日本語のテキスト and 한국어 (한글)',
    'line\r\nnext',
    'तमिऴ् देवनागरी',
  ];
  for (const text of texts) {
    it(`splits ${JSON.stringify(text).slice(0, 50)} as Intl.Segmenter does`, () => {
      expect([...graphemesOf(text)].map(({ segment, index }) => ({ segment, index }))).toEqual(
        bySegmenter(text),
      );
    });
  }

  it('tokenizes a line with styles into the same characters and codes', () => {
    const line = `${chalk.bold('┌ web')} ${chalk.green('▶ Up')} e\u0301 日本`;
    const tokens = tokenize(line);
    expect(tokens.filter((t) => t.type === 'char').map((t) => t.value)).toEqual(
      bySegmenter(line.replace(/\x1b\[[0-9;]*m/g, '')).map((s) => s.segment),
    );
  });
});
