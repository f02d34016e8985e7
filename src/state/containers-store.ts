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
  ) {}

  /** The initial listing (all containers; the running-only view is a selector). */
  async load(): Promise<void> {
    const list = await this.engine.listContainers({ all: true });
    const readAt = this.now();
    this.store.set({ loaded: true, byId: new Map(list.map((c) => [c.id, { ...c, statusReadAt: readAt }])) });
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
        this.store.set({ loaded: true, byId });
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
