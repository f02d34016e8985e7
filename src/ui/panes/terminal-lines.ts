/**
 * Turns the emulator's styled spans into what Ink draws, with the cursor as an inverse cell.
 * Pure and unit-tested: widths come from string-width, so a CJK character's two cells count as two.
 */
import stringWidth from 'string-width';
import type { StyledSpan } from '../../terminal/emulator.js';

/** Splits the spans so that the cell at column `x` is its own span, drawn inverse. */
export function withCursor(spans: readonly StyledSpan[], x: number): StyledSpan[] {
  const out: StyledSpan[] = [];
  let column = 0;
  let placed = false;
  for (const span of spans) {
    if (placed || column + stringWidth(span.text) <= x) {
      out.push(span);
      column += stringWidth(span.text);
      continue;
    }
    // The cursor is inside this span: split it into before, the cursor cell, after.
    let before = '';
    let rest = span.text;
    for (const char of span.text) {
      const w = stringWidth(char);
      if (column + w > x) break;
      before += char;
      column += w;
      rest = rest.slice(char.length);
    }
    const [cursorChar = ' ', ...after] = [...rest];
    if (before) out.push({ ...span, text: before });
    out.push({ ...span, text: cursorChar, inverse: !span.inverse });
    if (after.length) out.push({ ...span, text: after.join('') });
    column += stringWidth(cursorChar) + stringWidth(after.join(''));
    placed = true;
  }
  if (!placed) out.push({ text: ' ', inverse: true });
  return out;
}
