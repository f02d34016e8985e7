/**
 * How many containers each engine address had at the last start (`container-counts.json` in
 * berth's cache folder). On a host with many, the engine takes 100–280 ms over the full list
 * (1,000 containers), so the next start asks for the running ones and the count at once, beside
 * it, instead of after waiting 45 ms for it (ContainersStore.load): the first frame comes ~30–50 ms
 * sooner. A wrong or missing count costs only that: the lists are the same either way.
 */
import type { ContainersStore } from '../state/containers-store.js';
import { readByEndpoint, writeByEndpoint } from './endpoint-cache.js';

const FILE = 'container-counts.json';

/** From this many containers a host's full list is slow enough to ask for the running ones first. */
export const MANY_CONTAINERS = 200;

/** The count seen at `endpointUrl` at the last start, if any. */
export function recallContainerCount(cacheDir: string | undefined, endpointUrl: string): number | undefined {
  const count = readByEndpoint(cacheDir, FILE)[endpointUrl];
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/** Keeps `count` for `endpointUrl`; writes only when it changed. Failures are ignored. */
export function rememberContainerCount(
  cacheDir: string | undefined,
  endpointUrl: string,
  count: number,
): void {
  writeByEndpoint(cacheDir, FILE, endpointUrl, count);
}

/**
 * Calls `listed` once with the number of containers, when `store` holds the full list (not the
 * running containers shown first). Returns a function that stops waiting.
 */
export function onceFullyListed(
  store: ContainersStore['store'],
  listed: (count: number) => void,
): () => void {
  let done = false;
  const check = () => {
    const state = store.get();
    if (done || !state.loaded || state.partialTotal !== undefined) return;
    done = true;
    stop();
    listed(state.byId.size);
  };
  const stop = store.subscribe(check);
  check();
  return () => {
    done = true;
    stop();
  };
}
