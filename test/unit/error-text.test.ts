/**
 * The sentences failures become: ids as a person knows them (the container's name, else the 12
 * digits docker ps shows, never all 64), and a change the container already has told as what it
 * is rather than as a failure. The engine's payloads below are what Docker Engine 20.10 answers;
 * test/e2e/lifecycle.test.ts gets them from the private engine itself.
 */
import { describe, expect, test } from 'vitest';
import { alreadyThatWay, classifyError, shortenIds, withName } from '../../src/engine/errors.js';

const ID = 'fd649aa0c3803660cde8bbf0ff351c47d3ca1bd0586f8298dbb4ac428dabea59';
const SHORT = ID.slice(0, 12);
const OTHER = 'e9546d0fefa3c0f3a6b1bd2a34ad0e5a5c2a4f4c8e6c52b3a1f0d1e2c3b4a5f6';
const IMAGE = `sha256:${'4286e2bba15550db32b7a539bca3106b192e6ed142f32cf0215d5972848b244c'}`;

const engineSaid = (statusCode: number, message?: string) => ({
  statusCode,
  json: message === undefined ? '' : { message },
});

describe('a full id in a failure sentence', () => {
  test.each([
    ['stop', engineSaid(304)],
    ['pause', engineSaid(409, `Container ${ID} is already paused`)],
    ['send SIGKILL to', engineSaid(409, `Cannot kill container: ${ID}: Container ${ID} is not running`)],
    ['unpause', engineSaid(500, `Container ${ID} is not paused`)],
    ['remove', engineSaid(404, `No such container: ${ID}`)],
  ])('is cut to 12 digits when berth tries to %s it; the detail keeps all 64', (verb, raw) => {
    const error = classifyError(raw, { action: `${verb} ${ID}` });
    expect(error.message).not.toContain(ID);
    expect(error.message).toContain(`Could not ${verb} ${SHORT}: `);
    if (raw.json) expect(error.detail).toContain(ID);
  });

  test("an image's sha256 id is cut too, a digest after @ is not", () => {
    const digest = `busybox@${IMAGE}`;
    const text = shortenIds(`remove the image ${IMAGE}; manifest for ${digest} not found`);
    expect(text).toBe(`remove the image ${IMAGE.slice(7, 19)}; manifest for ${digest} not found`);
  });
});

describe('naming the container or image a sentence is about', () => {
  test('its full and short id become its name; another id stays as docker ps shows it', () => {
    const error = classifyError(
      engineSaid(409, `You cannot remove a running container ${ID}. Stop the container first (${OTHER})`),
      { action: `remove ${ID}` },
    );
    expect(withName(error.message, ID, 'mine')).toBe(
      `Could not remove mine: You cannot remove a running container mine. Stop the container first (${OTHER.slice(0, 12)})`,
    );
  });

  test("an image's id with sha256: becomes its name", () => {
    const error = classifyError(
      engineSaid(409, `conflict: unable to delete ${IMAGE.slice(7, 19)} (must be forced)`),
      {
        action: `remove the image ${IMAGE}`,
      },
    );
    expect(withName(error.message, IMAGE, 'busybox:latest')).toBe(
      'Could not remove the image busybox:latest: conflict: unable to delete busybox:latest (must be forced)',
    );
  });

  test('a target known by a name already (a tag) leaves the sentence alone', () => {
    expect(withName('Could not remove the image myapp:1.0: No such image', 'myapp:1.0', 'myapp:1.0')).toBe(
      'Could not remove the image myapp:1.0: No such image',
    );
  });

  test('a name with $ in it is put in as written', () => {
    expect(withName(`Could not stop ${SHORT}: x`, ID, 'a$&b')).toBe('Could not stop a$&b: x');
  });
});

describe('a change the container already has', () => {
  test.each([
    ['stop', engineSaid(304), 'already stopped'],
    ['start', engineSaid(304), 'already running'],
    ['pause', engineSaid(409, `Container ${ID} is already paused`), 'already paused'],
    ['unpause', engineSaid(500, `Container ${ID} is not paused`), 'not paused'],
  ] as const)('%s with nothing to do: the container is %s', (change, raw, state) => {
    expect(alreadyThatWay(change, classifyError(raw, { action: `${change} ${ID}` }))).toBe(state);
  });

  test.each([
    // A real failure stays one: pausing a stopped container, a missing one, a broken engine.
    ['pause', engineSaid(409, `Container ${ID} is not running`)],
    ['stop', engineSaid(404, `No such container: ${ID}`)],
    ['start', engineSaid(500, 'OCI runtime create failed')],
    ['unpause', engineSaid(304)],
  ] as const)('%s refused for a reason (%#) is a failure', (change, raw) => {
    expect(alreadyThatWay(change, classifyError(raw, { action: `${change} ${ID}` }))).toBeUndefined();
  });

  test('what is not an engine error is a failure', () => {
    expect(alreadyThatWay('stop', new Error('the container is already stopped'))).toBeUndefined();
  });
});
