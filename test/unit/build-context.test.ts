import { describe, expect, test } from 'vitest';
import { contextExcludes } from '../../src/engine/build-context.js';

describe('which context paths .dockerignore leaves out', () => {
  const patterns = [
    'secret.txt',
    'logs',
    '!logs/keep.log',
    '**/*.tmp',
    '/build',
    'Dockerfile',
    '.dockerignore',
  ];
  const excluded = contextExcludes(patterns, 'Dockerfile');

  test.each([
    ['secret.txt', false, true],
    ['keep.txt', false, false],
    ['sub/secret.txt', false, false],
    ['logs/a.log', false, true],
    ['logs/keep.log', false, false],
    ['src/deep/x.tmp', false, true],
    ['build', true, true],
    ['src/build', true, false],
    ['Dockerfile', false, false],
    ['.dockerignore', false, false],
  ])('%s (directory: %s) excluded: %s', (relative, isDir, expected) => {
    expect(excluded(relative, isDir)).toBe(expected);
  });

  test('an excluded directory is still entered when an exception may match inside it', () => {
    expect(excluded('logs', true)).toBe(false);
    expect(contextExcludes(['logs'], 'Dockerfile')('logs', true)).toBe(true);
  });

  test('a Dockerfile in an excluded directory still goes, and so does the way to it', () => {
    const nested = contextExcludes(['docker'], 'docker/app.Dockerfile');
    expect(nested('docker', true)).toBe(false);
    expect(nested('docker/app.Dockerfile', false)).toBe(false);
    expect(nested('docker/other', false)).toBe(true);
  });
});
