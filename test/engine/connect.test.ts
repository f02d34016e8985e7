/**
 * connectToEngine: what the full-screen app asks before its first frame (one request: the
 * engine's version, from which the API version is negotiated), against the private engine.
 */
import { describe, expect, inject, it } from 'vitest';
import { listContainers } from '../../src/engine/containers.js';
import { connectToEngine, contextPinnedTo, diagnose } from '../../src/engine/diagnose.js';

describe('connectToEngine', () => {
  it('returns the engine version and a client pinned to the negotiated API version', async () => {
    const host = inject('dockerHost');
    const connection = await connectToEngine({ host });
    if (!connection.ok) throw connection.error;
    const doctor = await diagnose({ host });
    if (!doctor.ok) throw doctor.error;
    expect(connection.version).toEqual(doctor.version);
    expect(connection.context.apiVersion).toBe(doctor.apiVersion);
    // The pinned client works: the list the first frame shows.
    expect(Array.isArray(await listContainers(connection.context, { all: true }))).toBe(true);
  });

  it('with no engine at the address, says so as the doctor does', async () => {
    const connection = await connectToEngine({ host: 'unix:///nonexistent/docker.sock' });
    expect(connection.ok).toBe(false);
    if (connection.ok) return;
    expect(connection.error.kind).toBe('EngineUnreachable');
    expect(connection.endpoint?.url).toBe('unix:///nonexistent/docker.sock');
  });

  it('an address it cannot parse is a BadRequest with no endpoint', async () => {
    const connection = await connectToEngine({ host: 'localhost:2375' });
    expect(connection.ok).toBe(false);
    if (connection.ok) return;
    expect(connection.error.kind).toBe('BadRequest');
  });
});

describe('contextPinnedTo', () => {
  it('gives a client pinned to a remembered version, without asking, that lists like a negotiated one', async () => {
    const host = inject('dockerHost');
    const negotiated = await connectToEngine({ host });
    if (!negotiated.ok) throw negotiated.error;
    const apiVersion = negotiated.context.apiVersion ?? '';
    const asked: string[] = [];
    const pinned = contextPinnedTo({ host }, (endpoint) => {
      asked.push(endpoint.url);
      return apiVersion;
    });
    expect(asked).toEqual([host]);
    expect(pinned?.apiVersion).toBe(apiVersion);
    expect(pinned?.context.apiVersion).toBe(apiVersion);
    const ids = (list: { id: string }[]) => list.map((c) => c.id).sort();
    expect(ids(await listContainers(pinned!.context, { all: true }))).toEqual(
      ids(await listContainers(negotiated.context, { all: true })),
    );
  });

  it('gives nothing with no remembered version, a version berth does not speak, or an address it cannot parse', () => {
    const host = inject('dockerHost');
    expect(contextPinnedTo({ host }, () => undefined)).toBeUndefined();
    expect(contextPinnedTo({ host }, () => '1.12')).toBeUndefined();
    expect(contextPinnedTo({ host: 'localhost:2375' }, () => '1.41')).toBeUndefined();
  });
});
