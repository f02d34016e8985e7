/**
 * V8 settings for berth's start-up: how fast the young generation grows.
 *
 * V8 starts the young generation at 1 MB a semi-space and doubles it only once enough objects
 * have survived a scavenge. A start of berth makes ~8 MB of objects before its first frame, most
 * of them kept (the modules, the stores, the first screen), so it ran four scavenges on the way,
 * 7–8 ms of the first frame, each copying what had survived so far. Growing eight times at a time
 * instead, it runs two, ~4 ms (issue 7, docs/performance.md). The young generation's maximum
 * (16 MB) is V8's own, so a log flood, which reaches it either way, uses no more memory; after
 * start-up berth holds ~2 MB more (the bench's resident memory at 5 containers).
 *
 * The flag is read each time the young generation grows, so setting it at run time, before the
 * bundle loads, takes effect.
 */
import { setFlagsFromString } from 'node:v8';

export function quickYoungHeapGrowth(): void {
  setFlagsFromString('--semi-space-growth-factor=8');
}
