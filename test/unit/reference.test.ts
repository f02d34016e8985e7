import { describe, expect, test } from 'vitest';
import {
  formatReference,
  normaliseReference,
  parseReference,
  validateTag,
} from '../../src/engine/reference.js';

const HEX = 'a'.repeat(64);

describe('valid image references parse into their parts', () => {
  test.each([
    [
      'busybox',
      { repository: 'busybox', tag: undefined, digest: undefined, domain: undefined, path: 'busybox' },
    ],
    ['busybox:1.36', { repository: 'busybox', tag: '1.36', domain: undefined, path: 'busybox' }],
    ['library/busybox:latest', { repository: 'library/busybox', tag: 'latest', path: 'library/busybox' }],
    [
      'localhost:5000/a/b:v1',
      { repository: 'localhost:5000/a/b', tag: 'v1', domain: 'localhost:5000', path: 'a/b' },
    ],
    ['localhost/app', { repository: 'localhost/app', tag: undefined, domain: 'localhost', path: 'app' }],
    ['registry.example.com/team/app', { domain: 'registry.example.com', path: 'team/app' }],
    ['127.0.0.1:5000/x', { domain: '127.0.0.1:5000', path: 'x' }],
    ['[::1]:5000/x:y', { domain: '[::1]:5000', path: 'x', tag: 'y' }],
    ['a__b', { path: 'a__b' }],
    ['a_b.c-d', { path: 'a_b.c-d' }],
    ['a---b', { path: 'a---b' }],
    ['team/app:V1_x-2.0', { tag: 'V1_x-2.0' }],
    ['busybox:_underscore', { tag: '_underscore' }],
    [`busybox:${'t'.repeat(128)}`, { tag: 't'.repeat(128) }],
    [`busybox@sha256:${HEX}`, { repository: 'busybox', tag: undefined, digest: `sha256:${HEX}` }],
    [`busybox:1.36@sha256:${HEX}`, { tag: '1.36', digest: `sha256:${HEX}` }],
    [`localhost:5000/app@sha256:${HEX}`, { domain: 'localhost:5000', path: 'app', tag: undefined }],
    ['Registry.Example.com/app', { domain: 'Registry.Example.com', path: 'app' }],
    [`${'a'.repeat(255)}`, { path: 'a'.repeat(255) }],
  ])('%s', (text, expected) => {
    const result = parseReference(text);
    expect(result).toMatchObject({ ok: true, ...expected });
  });
});

describe('invalid image references are rejected with a reason a person understands', () => {
  test.each([
    ['', 'cannot be empty'],
    ['A', 'repository names must be lowercase'],
    ['UPPER', 'repository names must be lowercase'],
    ['team/App:v1', 'repository names must be lowercase'],
    ['busybox:', "the tag after ':' is empty"],
    [':tag', 'the repository name is missing'],
    ['busy box', 'cannot contain spaces'],
    ['Bad Name', 'cannot contain spaces'],
    ['-bad', '"-bad" is not a valid name part'],
    ['bad-', '"bad-" is not a valid name part'],
    ['a..b', '"a..b" is not a valid name part'],
    ['a___b', '"a___b" is not a valid name part'],
    ['a/-b', '"-b" is not a valid name part'],
    ['a//b', 'empty part'],
    ['a/', 'empty part'],
    [`busybox:${'t'.repeat(129)}`, 'a tag can be at most 128 characters'],
    ['busybox:-x', 'cannot start with'],
    ['busybox:.x', 'cannot start with'],
    ['busybox:a+b', 'may contain only'],
    ['busybox@', "the digest after '@' is empty"],
    ['busybox@sha256:abc', 'a digest must be sha256'],
    [`busybox@sha256:${'A'.repeat(64)}`, 'a digest must be sha256'],
    [`busybox@${HEX}`, 'a digest must be sha256'],
    [HEX, 'image ID'],
    ['localhost:abc/app', 'must be a number'],
    ['-host.com/app', 'not a valid registry host'],
    ['localhost:5000/', 'missing after the registry host'],
    [`${'a'.repeat(256)}`, 'at most 255 characters'],
    ['busybox:1:2', '"busybox:1" is not a valid name part'],
  ])('%j', (text, reason) => {
    const result = parseReference(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('normalising gives a bare name the tag latest, as docker does', () => {
  test.each([
    ['busybox', 'busybox:latest'],
    ['busybox:1.36', 'busybox:1.36'],
    ['localhost:5000/a/b', 'localhost:5000/a/b:latest'],
    [`busybox@sha256:${HEX}`, `busybox@sha256:${HEX}`],
  ])('%s → %s', (text, expected) => {
    const result = normaliseReference(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(formatReference(result)).toBe(expected);
  });

  test('an invalid name stays invalid', () => {
    expect(normaliseReference('UPPER').ok).toBe(false);
  });
});

describe('validateTag', () => {
  test.each([
    ['latest', undefined],
    ['v1.2.3-rc_1', undefined],
    ['t'.repeat(128), undefined],
    ['t'.repeat(129), 'a tag can be at most 128 characters'],
    ['', 'the tag is empty'],
    ['.hidden', "cannot start with '.' or '-'"],
    ['has space', 'may contain only'],
  ])('%j', (tag, reason) => {
    const problem = validateTag(tag);
    if (reason === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(reason);
  });
});
