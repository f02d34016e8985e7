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
  /** A colour as the theme names them (see `colored`). */
  color?: string | undefined;
  bold?: boolean;
}

/**
 * `text` in `color` as Ink's `<Text color>` (or `backgroundColor`) draws it: a chalk name
 * (`green`), `#rrggbb` or `ansi256(n)`; any other name leaves the text as it is.
 */
export function colored(text: string, color: string, background: boolean): string {
  if (color.startsWith('#')) return background ? chalk.bgHex(color)(text) : chalk.hex(color)(text);
  const ansi256 = /^ansi256\((\d+)\)$/.exec(color);
  if (ansi256) {
    const n = Number(ansi256[1]);
    return background ? chalk.bgAnsi256(n)(text) : chalk.ansi256(n)(text);
  }
  const name = background ? `bg${color[0]!.toUpperCase()}${color.slice(1)}` : color;
  const style = (chalk as unknown as Record<string, ((s: string) => string) | undefined>)[name];
  return typeof style === 'function' ? style(text) : text;
}

/** In the order Ink's `<Text>` applies them: colour, then bold. Empty text stays empty, as in Ink. */
export function paint(text: string, style: PaintStyle): string {
  if (text.length === 0) return text;
  let out = style.color ? colored(text, style.color, false) : text;
  if (style.bold) out = chalk.bold(out);
  return out;
}
