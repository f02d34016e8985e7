/**
 * The containers berth shows, kept live from one initial listing plus the events API: each
 * event marks its container dirty, and dirty containers are re-listed together (one call per
 * burst, never a full refresh). No polling.
 */
import type { ContainerSummary, Engine, EngineEvent } from '../engine/engine.js';
import { Store } from './store.js';

export interface ContainerEntry extends ContainerSummary {
  /** When berth last read this container's status text from the engine (epoch ms). */
  statusReadAt: number;
}

export interface ContainersState {
  loaded: boolean;
  byId: ReadonlyMap<string, ContainerEntry>;
  /**
   * Set while `byId` holds only the running containers and the full list is on its way: how many
   * containers the engine has in all, for the list's title.
   */
  partialTotal?: number;
}

/** Actions that do not change what the list shows: skip them instead of re-listing. */
const IGNORED_ACTIONS = new Set([
  'top',
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  'attach',
  'detach',
  'resize',
  'commit',
  'export',
  'copy',
  'archive-path',
  'extract-to-dir',
]);

export class ContainersStore {
  readonly store = new Store<ContainersState>({ loaded: false, byId: new Map() });
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly now: () => number = Date.now,
    /** How long events are gathered before one re-list; a burst of 200 creates costs one call. */
    private readonly batchMs = 20,
    /**
     * How long the full first listing may take before the running containers are asked first;
     * 0 asks for them at once, beside it (a host known to have many: app/container-counts.ts).
     */
    private readonly quickAfterMs = 45,
  ) {}

  /**
   * The initial listing: all containers (the running-only view is a selector). Resolves as soon
   * as the list can be shown. On a host with many stopped containers the engine takes a while over
   * the full list (100–280 ms at 1,000), but lists the running ones and counts them all (/info) in
   * 10–40 ms. So when the full list is not in after `quickAfterMs`, those two are asked too and
   * shown first, with the count for the title (the default view shows only running containers);
   * the full list replaces them. A host with few containers answers the full list before that,
   * and is asked nothing more (asking at once cost 40 ms of the first frame at 5 containers: the
   * engine's /info and berth's replies compete with the start-up for the 2 cores). 45 ms: at start
   * the timer can fire only once the UI's modules have loaded, by when 5 containers' list is in;
   * A/B at 1,000 against 75 ms: 313 → 262 ms, and at 5 no quick pair was asked in 6 starts.
   */
  async load(): Promise<void> {
    let fullIn = false;
    let timer: NodeJS.Timeout | undefined;
    const full = this.engine.listContainers({ all: true }).then(
      (list) => {
        fullIn = true;
        clearTimeout(timer);
        this.store.set({ loaded: true, byId: this.entries(list) });
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw error;
      },
    );
    // The full list may arrive after `load` has resolved: its failure is the event stream's to
    // report (a reconnect reloads), not an unhandled rejection.
    full.catch(() => undefined);
    const runningFirst = (async () => {
      if (this.quickAfterMs > 0) {
        await new Promise<void>((resolve) => {
          // Then one turn more: a reply that came while start-up kept the thread busy is read in
          // the poll phase, after the timers; without this the timer always won at start-up.
          timer = setTimeout(() => setImmediate(resolve), this.quickAfterMs);
        });
        if (fullIn) return;
      }
      const [running, total] = await Promise.all([
        this.engine.listContainers({ all: false }),
        this.engine.containerCount(),
      ]);
      if (!fullIn) this.store.set({ loaded: true, byId: this.entries(running), partialTotal: total });
    })();
    // If the quick pair fails, the full list is what there is to wait for.
    await Promise.race([full, runningFirst.catch(() => full)]);
  }

  private entries(list: readonly ContainerSummary[]): Map<string, ContainerEntry> {
    const readAt = this.now();
    return new Map(list.map((c) => [c.id, { ...c, statusReadAt: readAt }]));
  }

  handleEvent(event: EngineEvent): void {
    if (event.type !== 'container' || IGNORED_ACTIONS.has(event.action)) return;
    if (event.action === 'destroy') {
      this.dirty.delete(event.id);
      this.remove(event.id);
      return;
    }
    this.dirty.add(event.id);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.batchMs);
  }

  /** Re-lists the dirty containers now; resolves when the store has them. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    this.flushing = (async () => {
      try {
        const fresh = await this.engine.listContainers({ all: true, ids });
        const readAt = this.now();
        const byId = new Map(this.store.get().byId);
        const seen = new Set<string>();
        for (const c of fresh) {
          byId.set(c.id, { ...c, statusReadAt: readAt });
          seen.add(c.id);
        }
        // Asked for but not listed: removed in the meantime.
        for (const id of ids) if (!seen.has(id)) byId.delete(id);
        this.store.set({ ...this.store.get(), loaded: true, byId });
      } catch {
        // The engine went away mid-refresh: keep the ids so the reconnect's reload covers them.
        for (const id of ids) this.dirty.add(id);
      } finally {
        this.flushing = undefined;
      }
    })();
    await this.flushing;
  }

  private remove(id: string) {
    const current = this.store.get();
    if (!current.byId.has(id)) return;
    const byId = new Map(current.byId);
    byId.delete(id);
    this.store.set({ ...current, byId });
  }

  dispose() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}
