/**
 * Prose wrapped to a width at word boundaries, for dialogs and notices whose rows are counted
 * (a dialog shows at most so many) before Ink lays them out. wrap-ansi is the library Ink wraps
 * text with; Ink asks it to keep whitespace, which leaves the space a line was broken at in
 * front of the next row (` dockerd`), so continuation rows lose that one space here, and every
 * row its trailing spaces. A line's own indentation (a list under a sentence) is kept, and a
 * word longer than the row is cut.
 */
import wrapAnsi from 'wrap-ansi';

export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [text];
  return text.split('\n').flatMap((line) =>
    wrapAnsi(line, width, { hard: true, trim: false })
      .split('\n')
      .map((row, i) => (i > 0 && row.startsWith(' ') ? row.slice(1) : row).trimEnd()),
  );
}
