/**
 * Ink hands over plain keys that arrive in one read as one string (`idle\rS`): typed quickly,
 * pasted, or batched by a slow ssh link. These helpers split such a chunk back into the keys a
 * person pressed, Enter and Backspace included, so each is handled in turn.
 */
import { type InkKey, NO_KEY } from '../keys/match.js';

/**
 * The keys in one chunk of input, as Ink would have reported them one by one. Anything Ink has
 * already decoded (a single key, an escape sequence, a Ctrl or Alt chord) is passed through.
 * Control characters with no key of their own are dropped, so they never reach text or screen.
 */
export function splitKeys(input: string, key: InkKey): Array<{ input: string; key: InkKey }> {
  if (key.ctrl || key.meta || [...input].length < 2) return [{ input, key }];
  const keys: Array<{ input: string; key: InkKey }> = [];
  for (const character of input) {
    if (character === '\r' || character === '\n') keys.push({ input: '', key: { ...NO_KEY, return: true } });
    else if (character === '\t') keys.push({ input: '', key: { ...NO_KEY, tab: true } });
    // Ink names DEL (what most terminals send for Backspace) `delete`, and BS `backspace`.
    else if (character === '\x7f') keys.push({ input: '', key: { ...NO_KEY, delete: true } });
    else if (character === '\b') keys.push({ input: '', key: { ...NO_KEY, backspace: true } });
    else if (character.charCodeAt(0) < 0x20) continue;
    else keys.push({ input: character, key: { ...NO_KEY, shift: /[A-Z]/.test(character) } });
  }
  return keys;
}
