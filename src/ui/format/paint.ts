/**
 * A piece of a line, styled as Ink's `<Text color bold>` would style it, as a string.
 *
 * A list row built from nested `<Text>` pieces costs React and Ink about three nodes a piece (the
 * component, its host node, its text): a container row was some thirty. Ink squashes the pieces of
 * a `<Text>` into one styled string before it draws anyway, so a row that hands Ink that string
 * draws the same bytes from three nodes. That is what the rows a clock tick or a scroll renders by
 * the dozen use; `test/ui/paint.test.tsx` holds the two ways to the same frame.
 */
import chalk from 'chalk';

export interface PaintStyle {
  /** A colour as the theme names them: one of chalk's (Ink's) names, or `#rrggbb`. */
  color?: string | undefined;
  bold?: boolean;
}

/** In the order Ink's `<Text>` applies them: colour, then bold. Empty text stays empty, as in Ink. */
export function paint(text: string, style: PaintStyle): string {
  if (text.length === 0) return text;
  let out = text;
  const { color } = style;
  if (color) {
    if (color.startsWith('#')) out = chalk.hex(color)(out);
    else {
      const named = (chalk as unknown as Record<string, unknown>)[color];
      if (typeof named === 'function') out = (named as (s: string) => string)(out);
    }
  }
  if (style.bold) out = chalk.bold(out);
  return out;
}
