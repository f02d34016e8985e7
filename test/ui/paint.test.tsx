/**
 * A list row as one painted string draws the same bytes as the nested `<Text>` pieces it
 * replaced (Ink squashes those into one styled string anyway), with colour on, under the
 * selection's inverse, and when the row is cut to the pane's width.
 */
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paint } from '../../src/ui/format/paint.js';

let level: typeof chalk.level;
beforeEach(() => {
  level = chalk.level;
  // Colour on, as in a real terminal: the test runner's output is not one.
  chalk.level = 3;
});
afterEach(() => {
  chalk.level = level;
});

interface Piece {
  text: string;
  color?: string;
  bold?: boolean;
}

const frameOf = (element: React.ReactElement, width: number) => {
  const app = render(<Box width={width}>{element}</Box>);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
};

const asTexts = (pieces: Piece[], inverse: boolean) => (
  <Text wrap="truncate-end" inverse={inverse}>
    {pieces.map((p, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
      <Text key={i} color={p.color} bold={p.bold}>
        {p.text}
      </Text>
    ))}
  </Text>
);

const asPainted = (pieces: Piece[], inverse: boolean) => (
  <Text wrap="truncate-end" inverse={inverse}>
    {pieces.map((p) => paint(p.text, { color: p.color, bold: p.bold })).join('')}
  </Text>
);

const rows: Piece[][] = [
  [
    { text: '▶' },
    { text: '»', color: 'cyan' },
    { text: 'web', bold: true },
    { text: ' ' },
    { text: 'running', color: 'green' },
    { text: ' Up 3 minutes' },
    { text: ' busybox:latest', color: 'gray' },
  ],
  [
    { text: ' ' },
    { text: ' ', color: 'cyan' },
    { text: 'db-with-a-long-name', bold: false },
    { text: ' ' },
    { text: 'exited', color: 'gray' },
    { text: '', color: 'red' },
    { text: ' 0.0.0.0:8080->80/tcp', color: '#ff8800' },
  ],
  [{ text: 'label', bold: true, color: 'gray' }, { text: ' 12 MB' }, { text: ' 2 hours ago', color: 'gray' }],
];

describe('paint', () => {
  for (const [n, row] of rows.entries()) {
    for (const inverse of [false, true]) {
      for (const width of [80, 20, 9]) {
        it(`row ${n}${inverse ? ', selected' : ''}, ${width} wide: the same frame as nested <Text>`, () => {
          const nested = frameOf(asTexts(row, inverse), width);
          expect(nested).toContain('\x1b['); // colour really is on
          expect(frameOf(asPainted(row, inverse), width)).toBe(nested);
        });
      }
    }
  }

  it('styles in the order Ink does (colour inside bold), and leaves empty text and unknown names be', () => {
    expect(paint('x', { color: 'green', bold: true })).toBe(chalk.bold(chalk.green('x')));
    expect(paint('', { color: 'green', bold: true })).toBe('');
    expect(paint('x', { color: 'level' })).toBe('x');
    expect(paint('x', {})).toBe('x');
  });
});
