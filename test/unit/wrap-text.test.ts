import { describe, expect, test } from 'vitest';
import { wrapText } from '../../src/ui/format/wrap.js';

describe('wrapText', () => {
  test('breaks at spaces and starts no row with the space it broke at', () => {
    const rows = wrapText(
      'Start it with `sudo systemctl start docker` (or `sudo dockerd`), or point DOCKER_HOST',
      40,
    );
    expect(rows.every((row) => row.length <= 40)).toBe(true);
    expect(rows.some((row) => row.startsWith(' '))).toBe(false);
    expect(rows.join(' ')).toBe(
      'Start it with `sudo systemctl start docker` (or `sudo dockerd`), or point DOCKER_HOST',
    );
  });

  test('keeps a line’s own indentation and its line breaks', () => {
    expect(wrapText('Removes:\n  web  exited\n  db   exited', 30)).toEqual([
      'Removes:',
      '  web  exited',
      '  db   exited',
    ]);
  });

  test('cuts a word longer than the row', () => {
    const rows = wrapText(`id ${'a'.repeat(64)}`, 20);
    expect(rows.every((row) => row.length <= 20)).toBe(true);
    expect(rows.join('').replaceAll(' ', '')).toBe(`id${'a'.repeat(64)}`);
  });
});
