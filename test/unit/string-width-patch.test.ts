/**
 * berth patches string-width 8 (patches/string-width+8.3.0.patch): text whose every code unit is a
 * grapheme cluster of its own (ASCII, box drawing, arrows, …) is measured without Intl.Segmenter,
 * and the segmenter and the RGI_Emoji pattern are made on first need. These tests hold the fast
 * path to the segmenting one, which a zero-width space forces (U+200B is never lone and has no
 * width, so appending it changes the path taken and nothing else).
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

const ZWSP = '\u200b';

describe('string-width, as patched', () => {
  it('measures every single code unit as the segmenting path does, narrow and wide ambiguous', () => {
    const wrong: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const c = String.fromCharCode(unit);
      for (const ambiguousIsNarrow of [true, false]) {
        const fast = stringWidth(c, { ambiguousIsNarrow });
        const segmented = stringWidth(c + ZWSP, { ambiguousIsNarrow });
        if (fast !== segmented) wrong.push(`U+${unit.toString(16)}: ${fast} vs ${segmented}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('measures printable ASCII beside a symbol as the segmenting path does', () => {
    // A symbol sends the text to the lone-unit loop, which counts printable ASCII without its patterns.
    const wrong: string[] = [];
    for (let unit = 0x20; unit <= 0x7e; unit++) {
      for (const text of [`▶${String.fromCharCode(unit)}`, `${String.fromCharCode(unit)}\u00a0·`]) {
        for (const ambiguousIsNarrow of [true, false]) {
          const fast = stringWidth(text, { ambiguousIsNarrow });
          const segmented = stringWidth(text + ZWSP, { ambiguousIsNarrow });
          if (fast !== segmented) wrong.push(`${JSON.stringify(text)}: ${fast} vs ${segmented}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  const texts = [
    '┌ Containers (3/5) ────────┐',
    '│▶ web   Up 3 minutes · 0.0.0.0:8080→80/tcp … ✓ ⚠ ⏸ © ★ ⌚',
    'naïve café, Ünïcödé Latin-1 ±×÷ and ʃʒ IPA',
    '\u001b[31mred ▶\u001b[39m and plain',
    'tabs\tand\u0007bell',
  ];
  for (const text of texts) {
    it(`measures ${JSON.stringify(text).slice(0, 40)} as the segmenting path does`, () => {
      expect(stringWidth(text)).toBe(stringWidth(text + ZWSP));
    });
  }

  it('still segments what it must: combining marks, emoji sequences, CJK, Hangul', () => {
    expect(stringWidth('e\u0301')).toBe(1);
    expect(stringWidth('👨‍👩‍👧')).toBe(2);
    expect(stringWidth('日本')).toBe(4);
    expect(stringWidth('한글')).toBe(4);
  });
});
