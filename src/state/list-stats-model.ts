/**
 * The containers list's CPU/MEM column: a one-shot stats reading of each running container on
 * screen, all of them every couple of seconds, while the column is shown. CPU % is computed the
 * way `docker stats` computes it, between a container's last two readings. Polling, not a stream
 * per row: a stream makes the engine sample every container every second, which cost it about
 * twice as much CPU for 20 rows (docs/performance.md). Rows that scroll away or stop are dropped;
 * nothing is read, and no timer runs, while nothing is watched.
 */
import type { CpuCounters, Engine, StatsReading } from '../engine/engine.js';
import { cpuPercentBetween } from '../engine/stats.js';
import { Store } from './store.js';

export interface RowStats {
  /** Undefined until the second reading: a percentage needs two. */
  cpuPercent: number | undefined;
  memoryUsage: number;
  memoryLimit: number;
}

/** How often the rows on screen are read. */
export const LIST_STATS_INTERVAL_MS = 2000;

export class ListStatsModel {
  /** By container id; only the containers watched now. */
  readonly store = new Store<ReadonlyMap<string, RowStats>>(new Map());
  private engine: Engine | undefined;
  private watched: ReadonlySet<string> = new Set();
  private readonly counters = new Map<string, CpuCounters>();
  private readonly reading = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly intervalMs = LIST_STATS_INTERVAL_MS) {}

  /** Reads `ids` from now on (and no others): new ones at once, then all of them on the timer. */
  watch(engine: Engine, ids: readonly string[]): void {
    if (ids.length === 0) return this.close();
    if (engine !== this.engine) {
      this.close();
      this.engine = engine;
    }
    const added = ids.filter((id) => !this.watched.has(id));
    const next = new Set(ids);
    const dropped = [...this.watched].some((id) => !next.has(id));
    if (added.length === 0 && !dropped) return;
    this.watched = next;
    if (dropped) this.forgetUnwatched();
    this.timer ??= setInterval(() => void this.read([...this.watched]), this.intervalMs);
    if (added.length > 0) void this.read(added);
  }

  /** Whether the timer is running (for tests and the idle-cost check). */
  get isPolling(): boolean {
    return this.timer !== undefined;
  }

  /** Stops reading and forgets every figure. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.engine = undefined;
    this.watched = new Set();
    this.counters.clear();
    if (this.store.get().size > 0) this.store.set(new Map());
  }

  private async read(ids: readonly string[]) {
    const engine = this.engine;
    // A container whose last reading is still under way (a slow engine) is skipped this time.
    const due = ids.filter((id) => !this.reading.has(id));
    if (!engine || due.length === 0) return;
    for (const id of due) this.reading.add(id);
    const readings = await Promise.all(
      due.map((id) => engine.readStats(id).catch((): StatsReading | undefined => undefined)),
    );
    for (const id of due) this.reading.delete(id);
    if (engine !== this.engine) return;
    // One store change for the whole batch: the list redraws once per tick, not once per row.
    const next = new Map(this.store.get());
    due.forEach((id, i) => {
      if (!this.watched.has(id)) return;
      const reading = readings[i];
      if (!reading) {
        // Stopped, removed, or the engine did not answer: no figure rather than a stale one.
        next.delete(id);
        this.counters.delete(id);
        return;
      }
      const before = this.counters.get(id);
      if (reading.cpu) this.counters.set(id, reading.cpu);
      next.set(id, {
        cpuPercent: before && reading.cpu ? cpuPercentBetween(before, reading.cpu) : next.get(id)?.cpuPercent,
        memoryUsage: reading.sample.memoryUsage,
        memoryLimit: reading.sample.memoryLimit,
      });
    });
    this.store.set(next);
  }

  private forgetUnwatched() {
    for (const id of this.counters.keys()) if (!this.watched.has(id)) this.counters.delete(id);
    const current = this.store.get();
    if (![...current.keys()].some((id) => !this.watched.has(id))) return;
    this.store.set(new Map([...current].filter(([id]) => this.watched.has(id))));
  }
}
