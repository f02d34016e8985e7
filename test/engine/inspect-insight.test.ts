import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { diffContainer, inspectContainer } from '../../src/engine/containers.js';
import { runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => runCleanup(cleanup));

describe('inspectContainer for the Inspect and Env tabs', () => {
  test('names each network with the address the container has there, and the published ports and binds', async () => {
    const network = await ctx.docker.createNetwork({ Name: uniqueName('net') });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-bind-'));
    const container = await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name: uniqueName('insp'),
      Cmd: ['sleep', '1000'],
      Env: ['GREETING=hello from -e'],
      ExposedPorts: { '80/tcp': {} },
      HostConfig: {
        NetworkMode: network.id,
        PortBindings: { '80/tcp': [{ HostPort: '18080' }] },
        Binds: [`${dir}:/data:ro`],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      },
    });
    // Removed in order: the container first, then what it used.
    cleanup.push(async () => {
      await container.remove({ force: true }).catch(() => undefined);
      await network.remove().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });
    await container.start();

    const details = await inspectContainer(ctx, container.id);
    const raw = await container.inspect();
    const [networkName] = Object.keys(raw.NetworkSettings.Networks);
    expect(details.networks).toHaveLength(1);
    expect(details.networks[0]).toMatchObject({ name: networkName });
    expect(details.networks[0]!.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(details.networks[0]!.gateway).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(details.networks[0]!.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(details.portBindings).toContainEqual({
      privatePort: 80,
      publicPort: 18080,
      ip: undefined,
      type: 'tcp',
    });
    expect(details.mounts).toContainEqual(
      expect.objectContaining({ type: 'bind', source: dir, destination: '/data', readWrite: false }),
    );
    expect(details.config.env).toContain('GREETING=hello from -e');
    expect(details.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
  });

  test('a container that never ran has its networks listed with no address yet', async () => {
    const container = await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name: uniqueName('insp'),
      Cmd: ['true'],
    });
    cleanup.push(() => container.remove({ force: true }).catch(() => undefined));
    const details = await inspectContainer(ctx, container.id);
    for (const n of details.networks) expect(n.ipAddress).toBe('');
    expect(details.portBindings).toEqual([]);
  });

  test('a container that changed nothing has an empty diff (the engine answers null)', async () => {
    const container = await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name: uniqueName('diff'),
      Cmd: ['sleep', '1000'],
    });
    cleanup.push(() => container.remove({ force: true }).catch(() => undefined));
    await container.start();
    expect(await diffContainer(ctx, container.id)).toEqual([]);
  });
});
