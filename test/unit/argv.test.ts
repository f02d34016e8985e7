import { expect, test } from 'vitest';
import { splitCommand } from '../../src/terminal/argv.js';

test.each([
  ['sh', ['sh']],
  ['  ls   -la /  ', ['ls', '-la', '/']],
  ['redis-cli -h "my host"', ['redis-cli', '-h', 'my host']],
  ["sh -c 'echo $HOME | wc -c'", ['sh', '-c', 'echo $HOME | wc -c']],
  ['echo "a \\"quoted\\" word"', ['echo', 'a "quoted" word']],
  ['echo a\\ b', ['echo', 'a b']],
  ['echo ""', ['echo', '']],
  ["echo it''s fine", ['echo', 'its', 'fine']],
  ['echo 日本語 €', ['echo', '日本語', '€']],
  ['', []],
])('%j splits into %j, with no shell involved', (text, argv) => {
  expect(splitCommand(text)).toEqual({ ok: true, argv });
});

test.each([
  ['echo "unterminated', /double quote is not closed/],
  ["echo 'unterminated", /single quote is not closed/],
])('%j is refused: %s', (text, reason) => {
  const result = splitCommand(text);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
});
