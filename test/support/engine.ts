/**
 * Helpers for tests that talk to the private engine: a connected EngineContext, unique names,
 * and a cleanup list so every test removes what it made.
 */
import { randomBytes } from 'node:crypto';
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
