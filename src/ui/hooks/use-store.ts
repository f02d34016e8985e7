import { useSyncExternalStore } from 'react';
import type { Store } from '../../state/store.js';

/** Reads a state-layer store and re-renders when it changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
