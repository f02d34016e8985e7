/**
 * Everything the app holds, with no React: the connection, the live lists, the status line.
 * It owns the engine connection and the event subscription, and is the only thing that feeds
 * the stores. The UI reads the stores and calls the actions.
 */
import type { Engine, EngineEvent } from '../engine/engine.js';
import type { EngineError } from '../engine/errors.js';
import type { EventSubscription } from '../engine/events.js';
import type { ConnectionState } from './connection.js';
import { ContainersStore } from './containers-store.js';
import { ImagesStore } from './images-store.js';
import { StatusStore } from './status.js';
import { Store } from './store.js';

export type Connect = () => Promise<
  /** `apiVersion`: the API version negotiated with the engine (the early engine is kept only if it matches). */
  | { ok: true; engine: Engine; version?: string; apiVersion?: string }
  | { ok: false; error: EngineError; endpoint?: Engine['endpoint'] }
>;

/**
 * An engine to start with while `connect` is still asking: a client pinned to the API version the
 * last start negotiated with this endpoint, or undefined when there is none.
 */
export type EarlyEngine = () =>
  | {
      engine: Engine;
      apiVersion: string;
      /** The host had many containers last time: the running ones are asked for at once, beside the full list. */
      manyContainers?: boolean;
    }
  | undefined;

export interface AppModelOptions {
  connect: Connect;
  /**
   * With an early engine, the event stream and the lists are asked for at once, beside
   * `connect`'s question, instead of after its answer: on a host with a thousand containers the
   * engine's list is most of the wait for the first frame. They are kept when `connect`
   * negotiates the same API version (then they are exactly what it would have asked for), and
   * dropped, to be asked again, when it does not or when the engine cannot be reached.
   */
  early?: EarlyEngine;
  readOnly?: boolean;
  /** How long to wait between attempts while the engine is unreachable. */
  retryMs?: number;
}

export class AppModel {
  readonly connection = new Store<ConnectionState>({ state: 'connecting' });
  readonly status = new StatusStore();
  readonly readOnly: boolean;
  engine: Engine | undefined;
  containers: ContainersStore | undefined;
  images: ImagesStore | undefined;
  /** Bumps when the engine object changes, so views holding streams reopen them. */
  readonly engineGeneration = new Store(0);
  private subscription: EventSubscription | undefined;
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** The engine's version, as `connect` read it. */
  private version: string | undefined;

  constructor(private readonly options: AppModelOptions) {
    this.readOnly = options.readOnly ?? false;
  }

  async start(): Promise<void> {
    if (this.disposed) return;
    this.connection.set({ state: 'connecting' });
    const early = this.options.early?.();
    const earlyLoad = early ? this.attach(early.engine, early.manyContainers ? 0 : undefined) : undefined;
    const result = await this.options.connect();
    if (this.disposed) return;
    const keepEarly = early !== undefined && result.ok && result.apiVersion === early.apiVersion;
    if (early && !keepEarly) this.detach();
    if (!result.ok) {
      const retryMs = this.options.retryMs ?? 2000;
      this.connection.set({
        state: 'unreachable',
        error: result.error,
        endpoint: result.endpoint,
        retryAt: Date.now() + retryMs,
      });
      this.retryTimer = setTimeout(() => void this.start(), retryMs);
      return;
    }
    this.version = result.version;
    await (keepEarly ? earlyLoad : this.attach(result.engine));
    if (this.disposed || !this.engine) return;
    this.connection.set({ state: 'ready', endpoint: this.engine.endpoint, version: this.version });
    this.engineGeneration.update((n) => n + 1);
  }

  /**
   * Takes `engine` as the app's: its stores, its event stream; resolves when the lists are read.
   * `quickAfterMs`: ContainersStore's wait before it asks for the running containers first.
   */
  private attach(engine: Engine, quickAfterMs?: number): Promise<void> {
    this.engine = engine;
    this.containers = new ContainersStore(engine, undefined, undefined, quickAfterMs);
    this.images = new ImagesStore(engine);
    this.subscription = engine.subscribeToEvents({
      onEvent: (event) => {
        this.containers?.handleEvent(event);
        this.images?.handleEvent(event);
        for (const listener of [...this.eventListeners]) listener(event);
      },
      onStatus: (s) => {
        // While still connecting, `start` decides what the connection is.
        if (this.engine !== engine || this.connection.get().state === 'connecting') return;
        if (s.state === 'disconnected') {
          this.connection.set({ state: 'lost', endpoint: engine.endpoint, error: s.error });
        } else if (s.state === 'reconnected') {
          // Whatever happened while the stream was down is re-read whole, once.
          void this.reload().then(() => {
            this.connection.set({ state: 'ready', endpoint: engine.endpoint, version: this.version });
            this.engineGeneration.update((n) => n + 1);
          });
        }
      },
    });
    return this.reload();
  }

  /** Lets go of the engine `attach` took: its event stream closed, its stores disposed. */
  private detach(): void {
    this.closeEngine();
    this.subscription = undefined;
    this.containers = undefined;
    this.images = undefined;
    this.engine = undefined;
  }

  /**
   * The engine, for an action that would change it; undefined, with the reason on the status
   * line beside `command`, in read-only mode or while not connected.
   */
  engineForChange(command: string): Engine | undefined {
    if (this.readOnly) {
      this.status.show({ kind: 'error', text: 'berth is in read-only mode: nothing was changed.', command });
      return undefined;
    }
    if (!this.engine) this.status.show({ kind: 'error', text: 'Not connected to the engine.', command });
    return this.engine;
  }

  /**
   * Every engine event as it arrives, from the one event stream berth keeps open (the Files tab
   * reads the diff again on its container's events instead of on a timer). Returns the unsubscribe.
   */
  readonly onEvent = (listener: (event: EngineEvent) => void): (() => void) => {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  };

  private async reload() {
    await Promise.all([this.containers?.load(), this.images?.load()]).catch(() => undefined);
  }

  dispose() {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.closeEngine();
  }

  /** Closes the event stream and disposes the stores; what they hold stays readable. */
  private closeEngine(): void {
    this.subscription?.close();
    this.containers?.dispose();
    this.images?.dispose();
  }
}
