import { describe, expect, test } from 'vitest';
import { type InkKey, NO_KEY } from '../../src/keys/match.js';
import { splitKeys } from '../../src/ui/key-chunks.js';

const plain: InkKey = NO_KEY;

/** A key as a short name: the character, or the key Ink would have named. */
function describeKey({ input, key }: { input: string; key: InkKey }): string {
  if (key.return) return '⏎';
  if (key.tab) return '⇥';
  if (key.delete) return 'DEL';
  if (key.backspace) return 'BS';
  return key.shift ? `⇧${input}` : input;
}

describe('splitting a chunk of input into keys', () => {
  test.each([
    ['a single key passes through', 'j', ['j']],
    ['letters typed quickly', 'jjk', ['j', 'j', 'k']],
    ['capitals carry shift, as Ink reports them', 'aS', ['a', '⇧S']],
    ['Enter inside a chunk is Enter, not text', 'idle\rS', ['i', 'd', 'l', 'e', '⏎', '⇧S']],
    ['a newline counts as Enter', 'x\n', ['x', '⏎']],
    ['Backspace (DEL) and BS', 'ab\x7f\bc', ['a', 'b', 'DEL', 'BS', 'c']],
    ['Tab', 'a\tb', ['a', '⇥', 'b']],
    ['other control characters are dropped', 'a\x07b\x00c', ['a', 'b', 'c']],
    ['characters beyond the BMP stay whole', 'a😀', ['a', '😀']],
  ])('%s', (_name, input, expected) => {
    expect(splitKeys(input, plain).map(describeKey)).toEqual(expected);
  });

  test('a chord Ink already decoded is passed through untouched', () => {
    const ctrl = { ...plain, ctrl: true };
    expect(splitKeys('c', ctrl)).toEqual([{ input: 'c', key: ctrl }]);
    const meta = { ...plain, meta: true };
    expect(splitKeys('xy', meta)).toEqual([{ input: 'xy', key: meta }]);
  });
});
