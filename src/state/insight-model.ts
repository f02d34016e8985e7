/**
 * The data behind the container insight tabs (Inspect, Env, Stats, Top, Files): only the tab on
 * screen reads anything, and only for the selected container. Switching tab or container closes
 * what the old one had open; showing none of them leaves no stream and no timer running.
 */
import type { ContainerDetails, Engine, EngineEvent, FileChange, ProcessTable } from '../engine/engine.js';
import { EngineError, withName } from '../engine/errors.js';
import { ContainerQuery } from './container-query.js';
import { StatsModel } from './stats-model.js';

export type InsightTab = 'inspect' | 'env' | 'stats' | 'top' | 'files';

/** `docker top` with the process state (STAT), the only place a SIGSTOP'd process shows `T`. */
export const TOP_PS_ARGS = '-o pid,user,stat,time,args';

/**
 * `docker top`, its failures said with the container's name (the engine gives its ID). One that
 * is not running has no processes: said so, as a Conflict, so the query asks again only when an
 * event says the container changed (container-query.ts).
 */
async function readProcesses(engine: Engine, id: string): Promise<ProcessTable> {
  try {
    return await engine.topContainer(id, TOP_PS_ARGS);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    const details = await engine.inspectContainer(id).catch(() => undefined);
    if (!details) throw error;
    const { name, state } = details;
    if (!state.running) {
      const sentence = `${name} is not running (${state.status}): no processes to list.`;
      throw new EngineError('Conflict', sentence, error.detail, error.statusCode);
    }
    throw new EngineError(error.kind, withName(error.message, id, name), error.detail, error.statusCode);
  }
}

export interface InsightOptions {
  /** How often the process list is read while Top is on screen. */
  topRefreshMs?: number;
  /** How long Files waits after an event of its container before reading: a burst is read once. */
  filesSettleMs?: number;
  statsCapacity?: number;
}

export class InsightModel {
  /** Inspect and Env show the same inspect result. */
  readonly details: ContainerQuery<ContainerDetails>;
  readonly processes: ContainerQuery<ProcessTable>;
  readonly changes: ContainerQuery<FileChange[]>;
  readonly stats: StatsModel;
  private shown: { engine: Engine; containerId: string; tab: InsightTab } | undefined;
  private readonly filesSettleMs: number;
  private filesTimer: NodeJS.Timeout | undefined;

  constructor(options: InsightOptions = {}) {
    this.details = new ContainerQuery((engine, id) => engine.inspectContainer(id));
    this.processes = new ContainerQuery(readProcesses, options.topRefreshMs ?? 2000);
    // No timer: the writable layer changes when something runs in the container, which the
    // events say (exec_die after a `touch`, start, die…); Files reads once when shown, then on those.
    this.changes = new ContainerQuery((engine, id) => engine.diffContainer(id));
    this.filesSettleMs = options.filesSettleMs ?? 50;
    this.stats = new StatsModel(options.statsCapacity);
  }

  /** Shows `tab` for `containerId`: opens what it reads, closes everything else. */
  show(engine: Engine, containerId: string, tab: InsightTab): void {
    const s = this.shown;
    if (s && s.engine === engine && s.containerId === containerId && s.tab === tab) return;
    this.hide();
    this.shown = { engine, containerId, tab };
    void this.open();
  }

  /** The container changed (an event): read the tab's data again; a stopped stream restarts. */
  refresh(): void {
    const s = this.shown;
    if (!s) return;
    if (s.tab === 'stats') {
      if (!this.stats.isStreaming) void this.stats.open(s.engine, s.containerId);
      return;
    }
    if (s.tab === 'files') return this.reloadFilesSoon();
    void this.queryFor(s.tab).reload();
  }

  /**
   * An engine event: Files reads the diff again after any event of its container (an exec that
   * ended, a start, a stop), never on a timer. `top` is left out: listing processes changes no file.
   */
  handleEvent(event: EngineEvent): void {
    const s = this.shown;
    if (s?.tab !== 'files' || event.type !== 'container' || event.action === 'top') return;
    if (event.id === s.containerId) this.reloadFilesSoon();
  }

  private reloadFilesSoon() {
    if (this.filesTimer) return;
    this.filesTimer = setTimeout(() => {
      this.filesTimer = undefined;
      void this.changes.reload();
    }, this.filesSettleMs);
  }

  /** No insight tab on screen: nothing reads. */
  hide(): void {
    this.shown = undefined;
    if (this.filesTimer) clearTimeout(this.filesTimer);
    this.filesTimer = undefined;
    this.details.close();
    this.processes.close();
    this.changes.close();
    this.stats.close();
  }

  private open() {
    const s = this.shown;
    if (!s) return;
    if (s.tab === 'stats') return this.stats.open(s.engine, s.containerId);
    return this.queryFor(s.tab).open(s.engine, s.containerId);
  }

  private queryFor(tab: Exclude<InsightTab, 'stats'>): ContainerQuery<unknown> {
    if (tab === 'top') return this.processes as ContainerQuery<unknown>;
    if (tab === 'files') return this.changes as ContainerQuery<unknown>;
    return this.details as ContainerQuery<unknown>;
  }
}
