/**
 * What bin/berth runs (bundled as dist/launch.cjs): loads the app bundle, dist/berth.cjs,
 * through the V8 code cache and runs its command line.
 */
import type { main } from '../cli.js';
import { quietIdleHeap } from './idle-heap.js';
import { defaultCacheDir, loadBundle } from './load-bundle.js';
import { quickYoungHeapGrowth } from './young-heap.js';

/** How long after the first drawn list the compiled code is saved: by then the start is over. */
const SAVE_AFTER_READY_MS = 1000;

/** `bundlePath`: dist/berth.cjs, as bin/berth found it. */
export async function launch(argv: string[], bundlePath: string): Promise<number> {
  // Before the bundle loads: loading it is what first grows the heap.
  quietIdleHeap();
  quickYoungHeapGrowth();
  const bundle = loadBundle<{ main: typeof main }>(bundlePath, { cacheDir: defaultCacheDir() });
  return bundle.exports.main(argv, {
    // Saving serialises the compiled code (10–20 ms on the main thread): done once, when idle,
    // and only by a start that drew the list, so the cache holds what such a start compiles.
    onReady: () => setTimeout(() => bundle.saveCodeCache(), SAVE_AFTER_READY_MS).unref(),
  });
}
