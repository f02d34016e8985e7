/**
 * wrappedRows counts the rows Ink draws a wrapped log line on: the Logs tab picks the lines that
 * fit by it, so a count short of Ink's put the newest line below the pane. Ink itself is the
 * reference here: each text is rendered in a `<Text wrap="wrap">` that many columns wide.
 */
import { Box, renderToString, Text } from 'ink';
import { describe, expect, test } from 'vitest';
import { wrappedRows } from '../../src/ui/panes/log-window.js';

/** The rows Ink gives `text` at `width` columns: where the marker line below it lands. */
function inkRows(text: string, width: number): number {
  const drawn = renderToString(
    <Box flexDirection="column">
      <Text wrap="wrap">{text}</Text>
      <Text>|</Text>
    </Box>,
    { columns: width },
  );
  return drawn.split('\n').findIndex((row) => row.startsWith('|'));
}

/** The same pseudo-random texts on every run: words and runs of spaces of mixed lengths. */
function randomTexts(count: number): string[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + next(60);
    while (text.length < length) text += next(4) === 0 ? ' ' : 'abcdefghij'[next(10)];
    return text;
  });
}

describe('rows a wrapped log line takes', () => {
  test.each([
    ['fits', 'short line', 20],
    ['exactly the width', 'x'.repeat(20), 20],
    ['one column over', 'x'.repeat(21), 20],
    ['words moved whole to the next row', `${'a'.repeat(12)} ${'b'.repeat(12)} ${'c'.repeat(12)}`, 20],
    ['a space at the end of a full row', `${'a'.repeat(20)} b`, 20],
    ['a word longer than a row', `ab ${'x'.repeat(45)} cd`, 20],
    ['a long word cut where the row ends', `${'a'.repeat(17)} ${'x'.repeat(30)}`, 20],
    ['runs of spaces', `a${' '.repeat(30)}b   c`, 10],
    [
      'leading spaces, as the stream mark',
      `  A ${Array.from({ length: 60 }, (_, i) => i + 1).join(' ')}`,
      68,
    ],
    ['wide characters', '日本語のログ行 '.repeat(8), 15],
    ['a wide character that would straddle the edge', `a${'日'.repeat(12)}`, 10],
    ['emoji', '🚀 started ✅ '.repeat(6), 12],
    ['combining marks', 'cafe\u0301 '.repeat(12), 9],
    ['one column', 'ab cd', 1],
  ])('%s', (_name, text, width) => {
    expect(wrappedRows(text, width)).toBe(inkRows(text, width));
  });

  test('as many rows as Ink for a few hundred texts at widths from 1 to 24', () => {
    const texts = randomTexts(300);
    const differing = texts.flatMap((text, i) => {
      const width = 1 + (i % 24);
      const rows = wrappedRows(text, width);
      const ink = inkRows(text, width);
      return rows === ink ? [] : [{ text, width, rows, ink }];
    });
    expect(differing).toEqual([]);
  });
});
