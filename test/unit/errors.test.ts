import { describe, expect, test } from 'vitest';
import { negotiateVersion } from '../../src/engine/client.js';
import { classifyError, EngineError } from '../../src/engine/errors.js';

const endpoint = 'unix:///var/run/docker.sock';

describe('classifying failures into kinds with sentences', () => {
  test.each([
    [
      { code: 'ENOENT', message: 'connect ENOENT /var/run/docker.sock' },
      'EngineUnreachable',
      /Is the Docker daemon running/,
    ],
    [{ code: 'ECONNREFUSED' }, 'EngineUnreachable', /Cannot connect/],
    [{ code: 'EACCES' }, 'PermissionDenied', /docker group.*equivalent to root.*rootless.*Do not chmod/s],
    [{ statusCode: 404, json: { message: 'No such container: web' } }, 'NotFound', /No such container: web/],
    [{ statusCode: 409, json: { message: 'Container x is already paused' } }, 'Conflict', /already paused/],
    [{ statusCode: 500, json: { message: 'Container x is not paused' } }, 'Conflict', /not paused/],
    [{ statusCode: 304, json: '' }, 'NotModified', /already stopped/],
    [{ statusCode: 400, json: { message: 'invalid reference format' } }, 'BadRequest', /invalid reference/],
    [{ statusCode: 500, json: { message: 'something broke' } }, 'EngineError', /something broke/],
  ])('%o → %s', (raw, kind, sentence) => {
    const error = classifyError(raw, { endpoint, action: 'stop web' });
    expect(error).toBeInstanceOf(EngineError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(sentence);
  });

  test('a tcp endpoint gets advice about the address, not about starting the local daemon', () => {
    const error = classifyError({ code: 'ECONNREFUSED' }, { endpoint: 'tcp://10.1.1.1:2375' });
    expect(error.message).toMatch(/tcp:\/\/10\.1\.1\.1:2375/);
    expect(error.message).toMatch(/DOCKER_HOST/);
  });

  test('an EngineError passes through unchanged', () => {
    const original = new EngineError('Conflict', 'x');
    expect(classifyError(original)).toBe(original);
  });
});

describe('negotiating the API version', () => {
  test.each([
    ['1.41', '1.41'],
    ['1.43', '1.43'],
    ['1.51', '1.47'],
  ])('engine %s → %s', (server, chosen) => {
    expect(negotiateVersion(server)).toBe(chosen);
  });

  test('an engine older than 20.10 is refused with a sentence', () => {
    expect(() => negotiateVersion('1.40')).toThrow(/needs 1\.41/);
  });
});
