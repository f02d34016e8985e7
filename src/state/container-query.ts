/**
 * One engine read about the selected container (inspect, top, diff) for a tab that is on
 * screen: read when the tab opens, again on `reload()` (an event changed the container), and
 * every `refreshMs` while open when the tab shows something that changes by itself (processes).
 * Closed, it does nothing: no timers at idle. A read the container's state refuses (Conflict:
 * not running) is not retried on the timer: the event that changes the state reloads it.
 */
import type { Engine } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { Store } from './store.js';

export interface QueryState<T> {
  containerId?: string;
  data?: T;
  /** A read is under way. */
  loading: boolean;
  /**
   * Why the last read failed. The data of an earlier read stays beside it, except for a query
   * that refreshes: its data is the present (processes), and a failed read leaves none.
   */
  error?: string;
  /** When the data was read, epoch ms. */
  readAt?: number;
}

export class ContainerQuery<T> {
  readonly store = new Store<QueryState<T>>({ loading: false });
  private engine: Engine | undefined;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: (engine: Engine, containerId: string) => Promise<T>,
    private readonly refreshMs?: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads `containerId` now (and then every `refreshMs`); what another container showed goes. */
  open(engine: Engine, containerId: string): Promise<void> {
    this.close();
    this.engine = engine;
    const current = this.store.get();
    if (current.containerId !== containerId) this.store.set({ containerId, loading: true });
    return this.load(++this.generation);
  }

  /** Reads again now, if open. */
  reload(): Promise<void> {
    if (!this.engine) return Promise.resolve();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.load(++this.generation);
  }

  private async load(generation: number) {
    const engine = this.engine;
    const containerId = this.store.get().containerId;
    if (!engine || !containerId) return;
    this.store.update((s) => ({ ...s, loading: true }));
    let next: QueryState<T>;
    let refused = false;
    try {
      const data = await this.read(engine, containerId);
      next = { containerId, data, loading: false, readAt: this.now() };
    } catch (error) {
      const message = error instanceof EngineError ? error.message : String(error);
      // The container's state refused it (not running): no use asking again until it changes.
      refused = error instanceof EngineError && error.kind === 'Conflict';
      // Processes read before are not the processes now: a refreshing query keeps no data.
      const { data, readAt } = this.refreshMs ? {} : this.store.get();
      next = { containerId, data, readAt, loading: false, error: message };
    }
    if (generation !== this.generation) return;
    this.store.set(next);
    // The next read is timed from the end of this one, so a slow engine never gets two at once.
    if (this.refreshMs && !refused) this.timer = setTimeout(() => void this.load(generation), this.refreshMs);
  }

  /** Stops reading; the last data stays until another container is opened. */
  close() {
    this.generation++;
    this.engine = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.store.update((s) => (s.loading ? { ...s, loading: false } : s));
  }
}
