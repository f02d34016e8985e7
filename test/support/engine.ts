/**
 * Helpers for tests that talk to the private engine: a connected EngineContext, unique names,
 * and a cleanup list so every test removes what it made.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createContext, type EngineContext, negotiate } from '../../src/engine/client.js';
import { parseHost } from '../../src/engine/connection.js';

export async function testContext(host = inject('dockerHost')): Promise<EngineContext> {
  const context = createContext(parseHost(host, 'the private test engine'));
  await negotiate(context);
  return context;
}

/** A name no other test uses, so tests can run in parallel on one engine. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Creates a busybox container straight through dockerode (not through the code under test)
 * and registers it for removal.
 */
export async function makeContainer(
  context: EngineContext,
  cleanup: Array<() => Promise<unknown>>,
  options: {
    cmd: string[];
    tty?: boolean;
    openStdin?: boolean;
    name?: string;
    start?: boolean;
    init?: boolean;
  },
) {
  const name = options.name ?? uniqueName('t');
  const container = await context.docker.createContainer({
    Image: 'busybox:latest',
    name,
    Cmd: options.cmd,
    Tty: options.tty ?? false,
    OpenStdin: options.openStdin ?? false,
    AttachStdin: options.openStdin ?? false,
    HostConfig: { Init: options.init ?? false },
  });
  cleanup.push(() => container.remove({ force: true }).catch(() => undefined));
  if (options.start !== false) await container.start();
  return { id: container.id, name, container };
}

export async function runCleanup(cleanup: Array<() => Promise<unknown>>) {
  await Promise.all(cleanup.splice(0).map((fn) => fn()));
}

/**
 * A second private engine for tests that would disturb others on the shared one: pruning
 * everything stopped, or restarting the daemon. Destroy it in afterAll.
 */
export async function startOwnEngine(name: string) {
  const { importBusybox, startPrivateEngine } = await import('./private-engine.js');
  const engine = await startPrivateEngine({ name });
  try {
    await importBusybox(engine);
    const context = await testContext(engine.host);
    return { engine, context };
  } catch (error) {
    await engine.destroy();
    throw error;
  }
}

/**
 * A context whose requests pass through a socket that notes each request line (`GET /v1.47/…`)
 * on its way to `context`'s engine (a local socket): what reaches the engine, whichever client
 * in berth sent it. Call `close` when done.
 */
export async function countingContext(context: EngineContext) {
  const { socketPath } = context.endpoint;
  if (context.endpoint.protocol !== 'unix' || !socketPath)
    throw new Error('the test engine is not on a local socket');
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-count-'));
  const proxyPath = path.join(dir, 'engine.sock');
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    // Each client writes a request's head in one write, so a head is never split across reads.
    client.on('data', (bytes) => {
      for (const match of bytes.toString('latin1').matchAll(/^([A-Z]+ \S+) HTTP\/1\.[01]\r$/gm))
        requests.push(match[1]!);
      upstream.write(bytes);
    });
    upstream.pipe(client);
    client.on('end', () => upstream.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(proxyPath, resolve));
  const counting = createContext({ ...context.endpoint, socketPath: proxyPath, url: `unix://${proxyPath}` });
  counting.apiVersion = context.apiVersion;
  return {
    context: counting,
    requests,
    // Connections still open (a kept-alive one, a followed stream) are cut, not waited for.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
