/**
 * Graphs drawn with block characters: an area graph of any height whose top cell in each column
 * is one of eight partial blocks, so a 5-row graph resolves 40 levels. Newest value on the right.
 */

const PARTIAL = ['▁', '▂', '▃', '▄', '▅', '▆', '▇'] as const;
const FULL = '█';

/**
 * Rows of `height` strings, each `width` wide, top row first. The last `width` values are drawn;
 * fewer leave the left blank. Values are scaled to `max`; anything above it fills the column, and
 * any value above zero shows at least the lowest block, so activity never disappears.
 */
export function areaGraph(values: readonly number[], width: number, height: number, max: number): string[] {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(0, Math.floor(height));
  const shown = values.slice(Math.max(0, values.length - w));
  const pad = w - shown.length;
  const eighths = shown.map((v) => {
    if (!(v > 0) || !(max > 0)) return 0;
    return Math.max(1, Math.min(h * 8, Math.round((v / max) * h * 8)));
  });
  const rows: string[] = [];
  for (let row = h - 1; row >= 0; row--) {
    let line = ' '.repeat(pad);
    for (const level of eighths) {
      const inCell = level - row * 8;
      line += inCell >= 8 ? FULL : inCell <= 0 ? ' ' : PARTIAL[inCell - 1];
    }
    rows.push(line);
  }
  return rows;
}

/** A one-line graph. */
export function sparkline(values: readonly number[], width: number, max: number): string {
  return areaGraph(values, width, 1, max)[0] ?? '';
}

/** A scale top that reads well: at least `floor`, rounded up to 1, 2 or 5 times a power of ten. */
export function niceMax(values: readonly number[], floor = 0): number {
  const top = Math.max(floor, ...values, 0);
  if (top <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(top));
  for (const step of [1, 2, 5, 10]) if (step * power >= top) return step * power;
  return 10 * power;
}
