/**
 * The first Intl.Segmenter a process makes costs ~25 ms of ICU set-up, which every start of
 * berth paid before its first frame: string-width, slice-ansi and @alcalzone/ansi-tokenize each
 * made one when loaded. Patched (patches/), they make it on first need, and string-width and
 * ansi-tokenize need none for text of lone code units (ASCII, box drawing, arrows, …).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A process of its own, with Intl.Segmenter counted; the modules are used as Ink uses them.
const script = `
  let made = 0;
  const Real = Intl.Segmenter;
  Intl.Segmenter = class extends Real { constructor(...args) { super(...args); made++; } };
  const { default: stringWidth } = await import('string-width');
  const { default: sliceAnsi } = await import('slice-ansi');
  const { tokenize } = await import('@alcalzone/ansi-tokenize');
  const madeAtLoad = made;
  const line = '\\u001b[1m┌ Containers (3/5) ──\\u001b[22m ▶ web  Up 3 minutes → 80/tcp …';
  const width = stringWidth(line);
  const chars = tokenize(line).filter((t) => t.type === 'char').map((t) => t.value).join('');
  const madeForLoneUnits = made;
  // What the segmenting paths give (U+200B is never lone and has no width).
  const segmentedWidth = stringWidth(line + '\\u200b');
  const sliced = sliceAnsi(line, 2, 12);
  console.log(JSON.stringify({ madeAtLoad, madeForLoneUnits, width, segmentedWidth, chars, sliced, madeAfter: made }));
`;

describe('Intl.Segmenter made on first need (string-width, slice-ansi, ansi-tokenize patches)', () => {
  it('is made neither at load nor for lone-unit text, and is made when text needs it', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const r = JSON.parse(out);
    expect(r.madeAtLoad).toBe(0);
    expect(r.madeForLoneUnits).toBe(0);
    expect(r.width).toBe(r.segmentedWidth);
    expect(r.chars).toBe('┌ Containers (3/5) ── ▶ web  Up 3 minutes → 80/tcp …');
    expect(r.sliced).toBe('\u001b[1mContainers\u001b[22m');
    expect(r.madeAfter).toBeGreaterThan(0);
  });
});
