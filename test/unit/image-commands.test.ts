import { describe, expect, test } from 'vitest';
import { type BuildLine, parseBuildLine } from '../../src/ui/build-commands.js';
import { checkNewReference, parseCmd } from '../../src/ui/image-commands.js';

describe('a new CMD for docker commit', () => {
  test.each([
    ['', undefined],
    ['   ', undefined],
    ['["echo","committed"]', ['echo', 'committed']],
    ['[ "sh" ]', ['sh']],
    ['echo hi', ['/bin/sh', '-c', 'echo hi']],
    ['  sleep 5 && echo "done"  ', ['/bin/sh', '-c', 'sleep 5 && echo "done"']],
  ])('%j becomes %j', (text, argv) => {
    expect(parseCmd(text)).toEqual({ ok: true, argv });
  });

  test.each([
    ['["echo",', /not a valid JSON array/],
    ['[1, 2]', /array of strings/],
    ['[]', /empty/],
  ])('%j is refused', (text, reason) => {
    const result = parseCmd(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('a name for a new image', () => {
  test.each([
    ['app', 'app:latest', 'app', 'latest'],
    ['app:1.0', 'app:1.0', 'app', '1.0'],
    ['localhost:5000/team/app', 'localhost:5000/team/app:latest', 'localhost:5000/team/app', 'latest'],
  ])('%s is accepted as %s', (text, reference, repository, tag) => {
    expect(checkNewReference(text)).toEqual({ ok: true, reference, repository, tag });
  });

  test.each([
    ['', /Type a name/],
    ['App', /lowercase/],
    ['a b', /spaces/],
    ['app:', /tag after ':' is empty/],
    [`app@sha256:${'a'.repeat(64)}`, /digest/],
  ])('%j is refused', (text, reason) => {
    const result = checkNewReference(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('the build prompt', () => {
  const line = (over: Partial<BuildLine>): BuildLine => ({
    dir: '.',
    dockerfile: undefined,
    buildArgs: {},
    noCache: false,
    ...over,
  });
  test.each<[string, BuildLine]>([
    ['', line({})],
    ['./app', line({ dir: './app' })],
    ['"my app"', line({ dir: 'my app' })],
    ['-f app/Dockerfile.dev app', line({ dir: 'app', dockerfile: 'app/Dockerfile.dev' })],
    ['--file=x/D x', line({ dir: 'x', dockerfile: 'x/D' })],
    [
      '--build-arg A=1 --build-arg=B=two=2 --no-cache .',
      line({ buildArgs: { A: '1', B: 'two=2' }, noCache: true }),
    ],
  ])('%j is %j', (text, expected) => {
    expect(parseBuildLine(text)).toEqual({ ok: true, line: expected });
  });

  test.each([
    ['a b', /one directory/],
    ['-f', /needs the Dockerfile's path/],
    ['--build-arg NOVALUE .', /NAME=VALUE/],
    ['--pull .', /not an option/],
    ['-', /standard input/],
    ['"unclosed', /cannot be split/],
  ])('%j is refused', (text, reason) => {
    const result = parseBuildLine(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
