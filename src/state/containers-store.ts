/**
 * The containers berth shows, kept live from one initial listing plus the events API: each
 * event marks its container dirty, and dirty containers are re-listed together (one call per
 * burst, never a full refresh). No polling.
 *
 * The engine's list can be a step behind its events: dockerd sends `die` before it records the
 * stopped state where `/containers/json` reads it (daemon/monitor.go logs the event, cleans up,
 * then checkpoints the container; `pause` and `unpause` are logged before their checkpoint too).
 * A re-list on the heels of such an event can still say `running`, and with nothing after it,
 * the list would say so for good. So a container whose re-list contradicts its last event is
 * read again, a little later each time, until the two agree.
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

/** The states a container can be in after these events, once the engine's list has caught up. */
const STATES_AFTER: Readonly<Record<string, (state: string) => boolean>> = {
  die: (state) => state !== 'running' && state !== 'paused',
  stop: (state) => state !== 'running' && state !== 'paused',
  pause: (state) => state === 'paused',
  unpause: (state) => state !== 'paused',
};

/**
 * How long to wait before reading again a container whose list entry contradicts its last event,
 * one delay per try (3.2 s in all). The engine's lag is the clean-up after an exit (unmounts,
 * network teardown): milliseconds, longer on a loaded host.
 */
const RECHECK_DELAYS_MS = [25, 50, 100, 200, 400, 800, 1600];

/** A container's last event that says what its state must become (see STATES_AFTER). */
interface AwaitedState {
  action: string;
  /** Tries used so far to see the list agree. */
  rechecks: number;
}

export class ContainersStore {
  readonly store = new Store<ContainersState>({ loaded: false, byId: new Map() });
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly awaited = new Map<string, AwaitedState>();
  private readonly recheckTimers = new Set<NodeJS.Timeout>();
  /**
   * One set per list call in flight, gathering the containers destroyed meanwhile: the answer
   * may still hold them (`removing`), and must not put back a row the `destroy` took away.
   */
  private readonly destroyedWhileListing = new Set<Set<string>>();
  /** One set per full listing in flight: the containers with events meanwhile, read again after. */
  private readonly touchedWhileLoading = new Set<Set<string>>();

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
    // Events that come while the engine lists may be newer than its answer (see the header).
    const touched = new Set<string>();
    const destroyed = new Set<string>();
    this.touchedWhileLoading.add(touched);
    this.destroyedWhileListing.add(destroyed);
    const stopWatching = () => {
      this.touchedWhileLoading.delete(touched);
      this.destroyedWhileListing.delete(destroyed);
    };
    const full = this.engine.listContainers({ all: true }).then(
      (list) => {
        fullIn = true;
        clearTimeout(timer);
        stopWatching();
        this.store.set({ loaded: true, byId: this.entries(list, destroyed) });
        for (const id of touched) if (!destroyed.has(id)) this.markDirty(id);
      },
      (error: unknown) => {
        clearTimeout(timer);
        stopWatching();
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
      if (!fullIn)
        this.store.set({ loaded: true, byId: this.entries(running, destroyed), partialTotal: total });
    })();
    // If the quick pair fails, the full list is what there is to wait for.
    await Promise.race([full, runningFirst.catch(() => full)]);
  }

  private entries(
    list: readonly ContainerSummary[],
    destroyed: ReadonlySet<string>,
  ): Map<string, ContainerEntry> {
    const readAt = this.now();
    return new Map(
      list.filter((c) => !destroyed.has(c.id)).map((c) => [c.id, { ...c, statusReadAt: readAt }]),
    );
  }

  handleEvent(event: EngineEvent): void {
    if (event.type !== 'container' || IGNORED_ACTIONS.has(event.action)) return;
    for (const touched of this.touchedWhileLoading) touched.add(event.id);
    if (event.action === 'destroy') {
      this.dirty.delete(event.id);
      this.awaited.delete(event.id);
      for (const destroyed of this.destroyedWhileListing) destroyed.add(event.id);
      this.remove(event.id);
      return;
    }
    // A new event starts a new wait (or ends one: `start` after `die` says nothing of the state).
    if (STATES_AFTER[event.action]) this.awaited.set(event.id, { action: event.action, rechecks: 0 });
    else this.awaited.delete(event.id);
    this.markDirty(event.id);
  }

  private markDirty(id: string) {
    this.dirty.add(id);
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
    const destroyed = new Set<string>();
    this.destroyedWhileListing.add(destroyed);
    this.flushing = (async () => {
      try {
        const fresh = await this.engine.listContainers({ all: true, ids });
        const readAt = this.now();
        const byId = new Map(this.store.get().byId);
        const seen = new Set<string>();
        for (const c of fresh) {
          seen.add(c.id);
          if (destroyed.has(c.id)) continue;
          byId.set(c.id, { ...c, statusReadAt: readAt });
          this.checkAwaitedState(c);
        }
        // Asked for but not listed: removed in the meantime.
        for (const id of ids) if (!seen.has(id)) byId.delete(id);
        this.store.set({ ...this.store.get(), loaded: true, byId });
      } catch {
        // The engine went away mid-refresh: keep the ids so the reconnect's reload covers them.
        for (const id of ids) this.dirty.add(id);
      } finally {
        this.destroyedWhileListing.delete(destroyed);
        this.flushing = undefined;
      }
    })();
    await this.flushing;
  }

  /** The list agrees with the container's last event, or it is read again a little later. */
  private checkAwaitedState(container: ContainerSummary) {
    const awaited = this.awaited.get(container.id);
    if (!awaited) return;
    if (STATES_AFTER[awaited.action]?.(container.state)) {
      this.awaited.delete(container.id);
      return;
    }
    const delay = RECHECK_DELAYS_MS[awaited.rechecks];
    if (delay === undefined) {
      // The engine's own answer stands (a container that really is running again, say).
      this.awaited.delete(container.id);
      return;
    }
    awaited.rechecks++;
    const timer = setTimeout(() => {
      this.recheckTimers.delete(timer);
      // A newer event has its own wait, and its own re-list already on the way.
      if (this.awaited.get(container.id) === awaited) this.markDirty(container.id);
    }, delay);
    this.recheckTimers.add(timer);
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
    for (const timer of this.recheckTimers) clearTimeout(timer);
    this.recheckTimers.clear();
  }
}
