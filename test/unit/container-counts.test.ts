/**
 * The container count berth remembers per engine address (src/app/container-counts.ts), which
 * lets the next start on a host with many ask for the running containers at once, and the wait
 * for the full list that it is taken from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  onceFullyListed,
  recallContainerCount,
  rememberContainerCount,
} from '../../src/app/container-counts.js';
import type { ContainerEntry, ContainersState } from '../../src/state/containers-store.js';
import { Store } from '../../src/state/store.js';
import { tempFolderEach } from '../support/temp-folder.js';

const folder = tempFolderEach('berth-container-counts-');

describe('remembered container counts', () => {
  it('gives back the last count for each address', () => {
    rememberContainerCount(folder.path, 'unix:///var/run/docker.sock', 1000);
    rememberContainerCount(folder.path, 'unix:///var/run/docker.sock', 1004);
    rememberContainerCount(folder.path, 'tcp://remote:2376', 3);
    expect(recallContainerCount(folder.path, 'unix:///var/run/docker.sock')).toBe(1004);
    expect(recallContainerCount(folder.path, 'tcp://remote:2376')).toBe(3);
    expect(recallContainerCount(folder.path, 'unix:///other.sock')).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(folder.path, 'container-counts.json'), 'utf8'))).toEqual({
      'unix:///var/run/docker.sock': 1004,
      'tcp://remote:2376': 3,
    });
  });

  it('gives nothing from a damaged file or an entry that is not a count', () => {
    writeFileSync(path.join(folder.path, 'container-counts.json'), '[1, 2');
    expect(recallContainerCount(folder.path, 'unix:///a.sock')).toBeUndefined();
    writeFileSync(
      path.join(folder.path, 'container-counts.json'),
      JSON.stringify({ 'unix:///a.sock': '1000', b: -1 }),
    );
    expect(recallContainerCount(folder.path, 'unix:///a.sock')).toBeUndefined();
    expect(recallContainerCount(folder.path, 'b')).toBeUndefined();
    expect(recallContainerCount(undefined, 'unix:///a.sock')).toBeUndefined();
  });
});

describe('onceFullyListed', () => {
  const entries = (n: number) =>
    new Map(Array.from({ length: n }, (_, i) => [`id${i}`, { name: `c${i}` } as unknown as ContainerEntry]));

  it('waits past the running containers shown first, for the full list, and tells its size once', () => {
    const store = new Store<ContainersState>({ loaded: false, byId: new Map() });
    const told: number[] = [];
    onceFullyListed(store, (count) => told.push(count));
    store.set({ loaded: true, byId: entries(3), partialTotal: 1000 });
    expect(told).toEqual([]);
    store.set({ loaded: true, byId: entries(1000) });
    store.set({ loaded: true, byId: entries(1001) });
    expect(told).toEqual([1000]);
  });

  it('tells at once when the full list is already in, and nothing once stopped', () => {
    const store = new Store<ContainersState>({ loaded: true, byId: entries(5) });
    const told: number[] = [];
    onceFullyListed(store, (count) => told.push(count));
    expect(told).toEqual([5]);
    const other = new Store<ContainersState>({ loaded: false, byId: new Map() });
    const stop = onceFullyListed(other, (count) => told.push(count));
    stop();
    other.set({ loaded: true, byId: entries(2) });
    expect(told).toEqual([5]);
  });
});
