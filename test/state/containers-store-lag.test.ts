/**
 * ContainersStore when the engine's list lags behind its events, as dockerd's does: it sends
 * `die` (and `pause`, `unpause`) before the list it answers from has the new state, and a list
 * call in flight can answer with a container that a `destroy` has removed since. The real
 * engine's lag is proven in test/state/live-state.test.ts ("containers killed together…"), where
 * it shows only now and then; here a scripted engine lags on cue, so every case happens.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContainerState, ContainerSummary, Engine, EngineEvent } from '../../src/engine/engine.js';
import { ContainersStore } from '../../src/state/containers-store.js';

function summary(id: string, state: ContainerState): ContainerSummary {
  return {
    id,
    name: `name-${id}`,
    image: 'busybox:latest',
    imageId: 'sha256:busybox',
    command: 'sleep 1000',
    created: 0,
    state,
    status: state,
    ports: [],
    labels: {},
  };
}

function event(id: string, action: string): EngineEvent {
  return { type: 'container', action, id, attributes: {}, timeNano: 0n };
}

/** An engine whose list answers from `states`; `hold()` keeps the next list call waiting. */
function scriptedEngine(states: Map<string, ContainerState>) {
  const calls: Array<string[] | undefined> = [];
  let held: { release: () => void } | undefined;
  let holdNext = false;
  const list = (ids?: string[]) =>
    [...states].filter(([id]) => !ids || ids.includes(id)).map(([id, state]) => summary(id, state));
  const engine = {
    listContainers: async (options?: { all?: boolean; ids?: string[] }) => {
      calls.push(options?.ids);
      // The engine's answer is what it had when asked, however late it arrives.
      const answer = list(options?.ids);
      if (holdNext) {
        holdNext = false;
        await new Promise<void>((resolve) => {
          held = { release: resolve };
        });
      }
      return answer;
    },
    containerCount: async () => states.size,
  } as unknown as Engine;
  return {
    engine,
    calls,
    hold: () => {
      holdNext = true;
    },
    release: () => held?.release(),
  };
}

const stateOf = (store: ContainersStore, id: string) => store.store.get().byId.get(id)?.state;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a list that lags behind the events', () => {
  it('reads a container again until its state agrees with its `die`', async () => {
    const states = new Map<string, ContainerState>([['a', 'running']]);
    const { engine } = scriptedEngine(states);
    const store = new ContainersStore(engine, undefined, 20, 0);
    await store.load();
    store.handleEvent(event('a', 'kill'));
    store.handleEvent(event('a', 'die'));
    // The re-list comes before the engine has recorded the exit.
    await vi.advanceTimersByTimeAsync(20);
    expect(stateOf(store, 'a')).toBe('running');
    states.set('a', 'exited');
    await vi.advanceTimersByTimeAsync(200);
    expect(stateOf(store, 'a')).toBe('exited');
    store.dispose();
  });

  it('does the same for `pause` and `unpause`', async () => {
    const states = new Map<string, ContainerState>([['a', 'running']]);
    const { engine } = scriptedEngine(states);
    const store = new ContainersStore(engine, undefined, 20, 0);
    await store.load();
    store.handleEvent(event('a', 'pause'));
    await vi.advanceTimersByTimeAsync(20);
    states.set('a', 'paused');
    await vi.advanceTimersByTimeAsync(200);
    expect(stateOf(store, 'a')).toBe('paused');
    store.handleEvent(event('a', 'unpause'));
    await vi.advanceTimersByTimeAsync(20);
    expect(stateOf(store, 'a')).toBe('paused');
    states.set('a', 'running');
    await vi.advanceTimersByTimeAsync(200);
    expect(stateOf(store, 'a')).toBe('running');
    store.dispose();
  });

  it('stops reading again after a few seconds, and a list that agrees is read once', async () => {
    // Restarted by its restart policy before the list ever said otherwise: the engine's word stands.
    const states = new Map<string, ContainerState>([
      ['a', 'running'],
      ['b', 'running'],
    ]);
    const { engine, calls } = scriptedEngine(states);
    const store = new ContainersStore(engine, undefined, 20, 0);
    await store.load();
    store.handleEvent(event('a', 'die'));
    await vi.advanceTimersByTimeAsync(10_000);
    const readsOfA = calls.filter((ids) => ids?.includes('a')).length;
    expect(readsOfA).toBeGreaterThan(3);
    expect(readsOfA).toBeLessThan(10);
    expect(stateOf(store, 'a')).toBe('running');

    states.set('b', 'exited');
    store.handleEvent(event('b', 'die'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.filter((ids) => ids?.includes('b'))).toHaveLength(1);
    expect(stateOf(store, 'b')).toBe('exited');
    store.dispose();
  });

  it('never puts back a container destroyed while its re-list was on the way', async () => {
    const states = new Map<string, ContainerState>([['a', 'running']]);
    const { engine, hold, release } = scriptedEngine(states);
    const store = new ContainersStore(engine, undefined, 20, 0);
    await store.load();
    states.set('a', 'removing');
    hold();
    store.handleEvent(event('a', 'die'));
    await vi.advanceTimersByTimeAsync(20);
    store.handleEvent(event('a', 'destroy'));
    states.delete('a');
    expect(stateOf(store, 'a')).toBeUndefined();
    release();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stateOf(store, 'a')).toBeUndefined();
    store.dispose();
  });

  it('reads again what had events while the first full list was on the way', async () => {
    const states = new Map<string, ContainerState>([
      ['a', 'running'],
      ['gone', 'running'],
    ]);
    const { engine, hold, release } = scriptedEngine(states);
    const store = new ContainersStore(engine, undefined, 20, 0);
    hold();
    const loading = store.load().catch(() => undefined);
    // Meanwhile `a` exits and `gone` is removed; the engine's answer predates both.
    states.set('a', 'exited');
    store.handleEvent(event('a', 'die'));
    states.delete('gone');
    store.handleEvent(event('gone', 'destroy'));
    await vi.advanceTimersByTimeAsync(20);
    release();
    await loading;
    await vi.advanceTimersByTimeAsync(200);
    expect(stateOf(store, 'a')).toBe('exited');
    expect(stateOf(store, 'gone')).toBeUndefined();
    store.dispose();
  });
});
