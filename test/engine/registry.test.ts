/**
 * Pull and push against a real registry (Debian's docker-registry) on the loopback of a private
 * engine's own network namespace. The engine is this file's own: the test removes busybox from it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import {
  isRegistryError,
  isTransferCancelled,
  pullImage,
  pushImage,
  type TransferState,
} from '../../src/engine/transfer.js';
import { startOwnEngine } from '../support/engine.js';
import type { PrivateEngine } from '../support/private-engine.js';
import { startRegistry, startSilentListener, type TestRegistry } from '../support/registry.js';

let engine: PrivateEngine;
let ctx: EngineContext;
let registry: TestRegistry;
let authRegistry: TestRegistry;
const configDir = mkdtempSync(path.join(tmpdir(), 'berth-docker-config-'));
// No config.json at all: the process's own ~/.docker must not leak into the tests.
const noCredentials = { env: { DOCKER_CONFIG: path.join(configDir, 'empty') } };
const USER = { username: 'berth', password: 's3cret' };

function configWith(auths: Record<string, { auth: string }>): { env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(configDir, 'c-'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths }));
  return { env: { DOCKER_CONFIG: dir } };
}
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

async function localImageExists(reference: string): Promise<boolean> {
  return ctx.docker
    .getImage(reference)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

beforeAll(async () => {
  ({ engine, context: ctx } = await startOwnEngine('registry'));
  [registry, authRegistry] = await Promise.all([
    startRegistry(engine),
    startRegistry(engine, { auth: USER }),
  ]);
});

afterAll(async () => {
  await Promise.all([registry?.destroy(), authRegistry?.destroy()]);
  await engine?.destroy();
  rmSync(configDir, { recursive: true, force: true });
});

describe('push and pull through a loopback registry', () => {
  let name: string;
  let pushedDigest: string | undefined;

  test('pushing busybox reports each layer pushed and the digest the registry gave it', async () => {
    name = `${registry.host}/berth/busybox:t1`;
    await ctx.docker.getImage('busybox:latest').tag({ repo: `${registry.host}/berth/busybox`, tag: 't1' });
    const states: TransferState[] = [];
    const result = await pushImage(ctx, name, (s) => states.push(s), noCredentials);

    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The engine records the digest the registry accepted: it must be the one pushImage returned.
    const inspected = await ctx.docker.getImage(name).inspect();
    expect(inspected.RepoDigests).toContain(`${registry.host}/berth/busybox@${result.digest}`);
    const final = states.at(-1);
    expect(final?.layers.length).toBeGreaterThan(0);
    expect(final?.layers.every((l) => l.phase === 'pushed')).toBe(true);
    expect(states.some((s) => s.layers.some((l) => l.phase === 'pushing' && (l.current ?? 0) > 0))).toBe(
      true,
    );
    pushedDigest = result.digest;
  });

  test('after the local copy is removed, pulling it back shows each layer download and complete', async () => {
    // Remove every name of the image, so its layers are really gone and must be downloaded.
    const image = await ctx.docker.getImage(name).inspect();
    await ctx.docker.getImage(image.Id).remove({ force: true });
    expect(await localImageExists(name)).toBe(false);

    const states: TransferState[] = [];
    const result = await pullImage(ctx, name, (s) => states.push(s), noCredentials);

    expect(result.digest).toBe(pushedDigest);
    expect(await localImageExists(name)).toBe(true);
    const phases = new Set(states.flatMap((s) => s.layers.map((l) => l.phase)));
    expect(phases).toContain('downloading');
    expect(phases).toContain('extracting');
    const final = states.at(-1);
    expect(final?.layers.length).toBeGreaterThan(0);
    expect(final?.layers.every((l) => l.phase === 'complete')).toBe(true);
    expect(final?.messages.at(-1)).toBe(`Status: Downloaded newer image for ${name}`);
    // Put busybox back under its usual name for the tests below.
    await ctx.docker.getImage(name).tag({ repo: 'busybox', tag: 'latest' });
  });

  test('pulling an image that is already up to date finishes with no layers to move', async () => {
    const result = await pullImage(ctx, name, undefined, noCredentials);
    expect(result.digest).toBe(pushedDigest);
    expect(result.state.messages.at(-1)).toBe(`Status: Image is up to date for ${name}`);
  });
});

describe('what a registry refusal says', () => {
  test('pulling a name the registry lacks says the registry has no such image', async () => {
    const error = await pullImage(ctx, `${registry.host}/nope/x:1`, undefined, noCredentials).catch((e) => e);
    expect(isRegistryError(error, 'NotFound')).toBe(true);
    expect(error.kind).toBe('NotFound');
    expect(error.message).toBe(
      `The registry at ${registry.host} has no image nope/x:1: no such repository or tag there (manifest unknown).`,
    );
  });

  test('pushing a name no local image has says so, before anything is sent', async () => {
    const error = await pushImage(ctx, `${registry.host}/berth/absent:1`, undefined, noCredentials).catch(
      (e) => e,
    );
    expect(isRegistryError(error, 'NotLocal')).toBe(true);
    expect(error.message).toMatch(`There is no local image ${registry.host}/berth/absent:1 to push`);
  });

  test('an invalid name is refused before the engine is asked', async () => {
    const error = await pullImage(ctx, `${registry.host}/Upper/x`).catch((e) => e);
    expect(error.kind).toBe('BadRequest');
    expect(error.message).toBe(
      `"${registry.host}/Upper/x" is not a valid image name: repository names must be lowercase.`,
    );
  });

  test('pulling from Docker Hub without a network fails at once with a sentence naming the registry', async () => {
    const started = Date.now();
    const error = await pullImage(ctx, 'alpine', undefined, noCredentials).catch((e) => e);
    expect(isRegistryError(error, 'Unreachable')).toBe(true);
    expect(error.message).toMatch(/^Cannot reach the registry at registry-1\.docker\.io: /);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a registry that accepts the connection and never answers is given up on after the timeout', async () => {
    const silent = await startSilentListener(engine);
    try {
      const started = Date.now();
      const error = await pullImage(ctx, `${silent.host}/berth/x:1`, undefined, {
        ...noCredentials,
        responseTimeoutMs: 1500,
      }).catch((e) => e);
      const took = Date.now() - started;
      expect(isRegistryError(error, 'Unreachable')).toBe(true);
      expect(error.kind).toBe('Timeout');
      expect(error.message).toBe(
        `Cannot reach the registry at ${silent.host}: it did not answer within 2 s.`,
      );
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(5000);
    } finally {
      await silent.stop();
    }
  });

  test('cancelling a pull that waits on a silent registry ends it at once as cancelled', async () => {
    const silent = await startSilentListener(engine);
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const error = await pullImage(ctx, `${silent.host}/berth/x:1`, undefined, {
        ...noCredentials,
        signal: controller.signal,
      }).catch((e) => e);
      expect(isTransferCancelled(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.stop();
    }
  });
});

describe('a registry that needs a login', () => {
  const name = () => `${authRegistry.host}/berth/busybox:auth`;
  beforeAll(async () => {
    await ctx.docker
      .getImage('busybox:latest')
      .tag({ repo: `${authRegistry.host}/berth/busybox`, tag: 'auth' });
  });

  test('pushing without credentials says a login is needed and how', async () => {
    const error = await pushImage(ctx, name(), undefined, noCredentials).catch((e) => e);
    expect(isRegistryError(error, 'Unauthorized')).toBe(true);
    expect(error.kind).toBe('PermissionDenied');
    expect(error.message).toBe(
      `The registry at ${authRegistry.host} needs a login to push ${name()}: \`docker login ${authRegistry.host}\`.`,
    );
  });

  test('pushing with a wrong password in config.json says the credentials were refused', async () => {
    const config = configWith({ [authRegistry.host]: { auth: basic(USER.username, 'wrong') } });
    const error = await pushImage(ctx, name(), undefined, config).catch((e) => e);
    expect(isRegistryError(error, 'Unauthorized')).toBe(true);
    expect(error.message).toBe(
      `The registry at ${authRegistry.host} refused the credentials from config.json: ` +
        `log in again with \`docker login ${authRegistry.host}\`.`,
    );
  });

  test('pulling without credentials says a login is needed', async () => {
    const error = await pullImage(ctx, name(), undefined, noCredentials).catch((e) => e);
    expect(isRegistryError(error, 'Unauthorized')).toBe(true);
    expect(error.message).toMatch(`needs a login to pull ${name()}`);
  });

  test('with the credentials in DOCKER_CONFIG, push and pull work', async () => {
    const config = configWith({ [authRegistry.host]: { auth: basic(USER.username, USER.password) } });
    const pushed = await pushImage(ctx, name(), undefined, config);
    expect(pushed.digest).toMatch(/^sha256:/);
    await ctx.docker.getImage(name()).remove();
    const pulled = await pullImage(ctx, name(), undefined, config);
    expect(pulled.digest).toBe(pushed.digest);
    expect(await localImageExists(name())).toBe(true);
  });
});

// Last: stopping the registry would break the tests above.
describe('a registry that is down', () => {
  test('pulling from a stopped registry says it cannot be reached: connection refused', async () => {
    await registry.stop();
    const error = await pullImage(ctx, `${registry.host}/berth/busybox:t1`, undefined, noCredentials).catch(
      (e) => e,
    );
    expect(isRegistryError(error, 'Unreachable')).toBe(true);
    expect(error.message).toBe(`Cannot reach the registry at ${registry.host}: connection refused.`);
  });
});
