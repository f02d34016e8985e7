/**
 * Paces the reads of a log that floods: a container printing as fast as it can.
 *
 * The engine writes and flushes each log line on its own, so a reader that is always waiting on
 * the socket wakes for every dozen lines: 70,000 reads for 500,000 lines, each a wake-up, a
 * system call and a turn of the event loop, on a 2-core machine where the engine needs that CPU to
 * send the lines. Resting the thread a quarter of a millisecond after a small read that followed
 * the last one closely lets ~100 lines gather in the socket for the next read: ~5,000 reads, about
 * a third less CPU for berth, and the engine's writes no longer wake a sleeping reader.
 *
 * Why so short, and only after small reads: a local socket's buffer counts every small write with
 * its overhead, so it holds only a few hundred lines. Resting a millisecond (a timer's least) let
 * it fill and made the engine wait, slower than not resting (docs/performance.md, "Log ingest:
 * where the read goes"). A read of 4 KB or more means lines already gather faster than the rest
 * needs, and the next read comes at once. A read that came after a pause is a log printing
 * slowly, and nothing rests; nor for a while after rests that gathered little (a log of some
 * thousands of lines a second, where resting would buy little: under ~50,000 lines a second a
 * rest gathers less than 512 bytes).
 *
 * The rest blocks the thread (Atomics.wait), the one way to wait less than a millisecond: a key
 * pressed meanwhile is read at most a quarter of a millisecond later. A turn of the event loop
 * that does other work (a frame drawn) ends the flood as the pacer sees it, so the rests never
 * take the turns the screen needs.
 */

/** How long the thread rests after a small read in a flood. */
export const REST_MS = 0.25;
/** A read at least this large needs no rest before the next. */
export const SMALL_READ_BYTES = 4 * 1024;
/** A read that arrives sooner than this after the previous one was handled is part of a flood. */
export const FLOOD_GAP_MS = 0.5;
/** A rest that gathered less than this was not worth it; after this many such in a row... */
export const GATHERED_ENOUGH_BYTES = 512;
export const FRUITLESS_RESTS = 8;
/** ...none is taken for this long. (One alone says little: the engine may have been descheduled.) */
export const CALM_MS = 100;

const restCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (fractions allowed): nothing ever wakes the cell it waits on. */
export function restThread(ms: number): void {
  Atomics.wait(restCell, 0, 0, ms);
}

export class ReadPacer {
  /** When the previous read was handled (after its rest). */
  private lastReadEnd = Number.NEGATIVE_INFINITY;
  /** Whether the previous read was followed by a rest: this read is what the rest gathered. */
  private rested = false;
  /** Rests in a row that gathered less than GATHERED_ENOUGH_BYTES. */
  private fruitless = 0;
  /** No rest before this time. */
  private calmUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly rest: (ms: number) => void = restThread,
  ) {}

  /**
   * Handles a read of `size` bytes (`handle` reads it), then rests before the event loop waits on
   * the socket again if the read was small and the log is flooding.
   */
  read(size: number, handle: () => void): void {
    const arrivedAt = this.now();
    handle();
    if (this.rested) this.fruitless = size < GATHERED_ENOUGH_BYTES ? this.fruitless + 1 : 0;
    if (this.fruitless >= FRUITLESS_RESTS) {
      this.fruitless = 0;
      this.calmUntil = arrivedAt + CALM_MS;
    }
    this.rested =
      size < SMALL_READ_BYTES && arrivedAt - this.lastReadEnd < FLOOD_GAP_MS && arrivedAt >= this.calmUntil;
    if (this.rested) this.rest(REST_MS);
    this.lastReadEnd = this.now();
  }
}
