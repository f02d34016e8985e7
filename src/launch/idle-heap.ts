/**
 * V8 settings for a process that sits idle most of the day.
 *
 * V8's "memory reducer" runs full garbage collections while a process is idle, to hand memory
 * back. For a heap that never had a full collection it is started as soon as the old generation
 * grows by 1 MB over its size after boot, which every start of berth does: ~16 s after start it
 * then runs two or three incremental mark-compacts (kind 8 then 4 in `gc` performance entries)
 * on the main thread and V8's worker threads. On an idle berth with 50 running containers that
 * was most of its CPU: 0.15–0.46 % of a core over 30 s, against 0.01 % without it (issue 7,
 * docs/performance.md). It would win back ~3.5 MB of a ~16 MB heap.
 *
 * Only the small-heap trigger is turned off: after any real full collection (a large list, a
 * log flood) the memory reducer works as usual and shrinks the heap when berth goes idle again.
 * The flag is read by V8 each time the old generation grows, so setting it at run time, before
 * the app is loaded, takes effect (a command-line flag would need a shebang with `env -S` or a
 * second Node start, and `node bin/berth` would not get it).
 */
import { setFlagsFromString } from 'node:v8';

export function quietIdleHeap(): void {
  setFlagsFromString('--no-memory-reducer-for-small-heaps');
}
