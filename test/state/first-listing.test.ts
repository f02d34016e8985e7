/**
 * ContainersStore's first listing against the private engine: the running containers and the
 * engine's count (/info) are shown first when the full list is slower, and the full list then
 * replaces them; when the full list comes first, nothing partial is ever shown. The full list is
 * held back by a gate here, as a host with a thousand stopped containers holds it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { type ContainersState, ContainersStore } from '../../src/state/containers-store.js';
import { makeContainer, runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
let real: Engine;
const cleanup: Array<() => Promise<unknown>> = [];
let runningName: string;
let stoppedName: string;

beforeAll(async () => {
  ctx = await testContext();
  real = createEngine(ctx);
  runningName = (await makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'], name: uniqueName('first-up') }))
    .name;
  stoppedName = (
    await makeContainer(ctx, cleanup, { cmd: ['true'], name: uniqueName('first-down'), start: false })
  ).name;
});
afterAll(() => runCleanup(cleanup));

/** The real engine, with the full listing or the quick pair held until released. */
function gated(hold: 'full' | 'quick') {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const engine: Engine = {
    ...real,
    listContainers: async (options) => {
      const full = options?.all === true && !options.ids;
      if ((hold === 'full') === full) await gate;
      return real.listContainers(options);
    },
    containerCount: async () => {
      if (hold === 'quick') await gate;
      return real.containerCount();
    },
  };
  return { engine, release: () => release() };
}

const names = (state: ContainersState) => [...state.byId.values()].map((c) => c.name);

describe('the first listing', () => {
  it('shows the running containers and the engine’s count first, then the full list', async () => {
    const { engine, release } = gated('full');
    const store = new ContainersStore(engine);
    await store.load();
    const partial = store.store.get();
    expect(partial.loaded).toBe(true);
    expect(names(partial)).toContain(runningName);
    expect(names(partial)).not.toContain(stoppedName);
    // What /info counts: every container, the stopped one among them.
    const everything = await real.listContainers({ all: true });
    expect(partial.partialTotal).toBeGreaterThanOrEqual(2);
    expect(partial.partialTotal).toBeLessThanOrEqual(everything.length + 1);

    release();
    await expect.poll(() => names(store.store.get())).toContain(stoppedName);
    expect(store.store.get().partialTotal).toBeUndefined();
    store.dispose();
  });

  it('on a host known to have many, asks for the running containers and the count at once', async () => {
    const { engine, release } = gated('full');
    const asked: string[] = [];
    const recorded: Engine = {
      ...engine,
      listContainers: (options) => {
        asked.push(options?.all ? 'all' : 'running');
        return engine.listContainers(options);
      },
      containerCount: () => {
        asked.push('count');
        return engine.containerCount();
      },
    };
    const atOnce = new ContainersStore(recorded, undefined, undefined, 0);
    const loading = atOnce.load();
    // Asked in the same turn as the full list, not after a wait.
    expect(asked).toEqual(['all', 'running', 'count']);
    await loading;
    expect(names(atOnce.store.get())).toContain(runningName);
    expect(atOnce.store.get().partialTotal).toBeGreaterThanOrEqual(2);
    release();
    await expect.poll(() => names(atOnce.store.get())).toContain(stoppedName);
    atOnce.dispose();

    // The usual store waits before asking.
    const { engine: heldAgain, release: releaseAgain } = gated('full');
    asked.length = 0;
    const waiting = new ContainersStore({
      ...recorded,
      listContainers: (o) => {
        asked.push(o?.all ? 'all' : 'running');
        return heldAgain.listContainers(o);
      },
    });
    const waited = waiting.load();
    expect(asked).toEqual(['all']);
    releaseAgain();
    await waited;
    waiting.dispose();
  });

  it('shows nothing partial when the full list comes back first', async () => {
    const { engine, release } = gated('quick');
    const store = new ContainersStore(engine);
    const states: ContainersState[] = [];
    store.store.subscribe(() => states.push(store.store.get()));
    await store.load();
    expect(names(store.store.get())).toEqual(expect.arrayContaining([runningName, stoppedName]));
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(states.every((s) => s.partialTotal === undefined)).toBe(true);
    expect(names(store.store.get())).toContain(stoppedName);
    store.dispose();
  });
});
