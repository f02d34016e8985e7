/**
 * The few ANSI facts berth needs outside the sanitiser: the SGR (colour) sequences it keeps, how
 * to normalise their parameters, and how to strip them again to measure or search text.
 */

export const ESC = '\x1b';
export const SGR_RESET = '\x1b[0m';

/** Matches the SGR sequences the sanitiser emits (semicolon-separated digits only). */
const SGR_PATTERN = /\x1b\[[0-9;]*m/g;

/** Removes SGR sequences, leaving the text a person sees. */
export function stripSgr(text: string): string {
  return text.includes(ESC) ? text.replace(SGR_PATTERN, '') : text;
}

/** Largest parameter value kept; terminals clamp bigger ones anyway, this keeps the output short. */
const MAX_PARAM = 65_535;

/**
 * Normalises the parameters of an SGR sequence (`ESC [ params m`) to the plain semicolon form every
 * renderer understands, or returns undefined when they are not SGR parameters at all.
 *
 * Colon sub-parameters (ITU T.416: `38:2::255:0:0`, `38:5:196`, `4:3`) are rewritten to the
 * semicolon form (`38;2;255;0;0`, `38;5;196`, `4`) because Ink's tokenizer only knows that one.
 * An empty list (`ESC [ m`) means reset and becomes `0`.
 */
export function normalizeSgrParams(params: string): string | undefined {
  if (!/^[0-9;:]*$/.test(params)) return undefined;
  if (params === '') return '0';
  const out: number[] = [];
  for (const group of params.split(';')) {
    if (!group.includes(':')) {
      out.push(group === '' ? 0 : Math.min(Number(group), MAX_PARAM));
      continue;
    }
    const parts = group.split(':').map((p) => (p === '' ? undefined : Math.min(Number(p), MAX_PARAM)));
    const main = parts[0] ?? 0;
    if (main === 38 || main === 48 || main === 58) {
      const mode = parts[1];
      if (mode === 5 && parts[2] !== undefined) out.push(main, 5, parts[2]);
      else if (mode === 2 && parts.length >= 5) {
        // The colour-space id is optional: `38:2:r:g:b` or `38:2:cs:r:g:b`; the last three are r g b.
        const [r, g, b] = parts.slice(-3).map((v) => v ?? 0);
        out.push(main, 2, r ?? 0, g ?? 0, b ?? 0);
      }
      // Any other colour form is malformed: drop the group rather than guess.
    } else if (main === 4) {
      // Underline styles (4:0 none, 4:1..4:5 kinds): keep underline on or off.
      out.push(parts[1] === 0 ? 24 : 4);
    } else {
      out.push(main);
    }
  }
  return out.length === 0 ? undefined : out.join(';');
}

/** True when normalised SGR parameters only reset (`0`, `0;0`): no colour is left active. */
export function isSgrReset(normalizedParams: string): boolean {
  return /^0(;0)*$/.test(normalizedParams);
}
