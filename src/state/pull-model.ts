/**
 * One `docker pull` (or `docker push`) as the transfer view shows it: every layer's phase and
 * bytes as the engine reports them, and how it ended — the digest, or the registry's refusal.
 * Esc cancels through the AbortSignal. No React.
 */
import type { Engine, TransferState } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { isTransferCancelled } from '../engine/transfer.js';
import { Store } from './store.js';

export interface PullState {
  reference: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  transfer: TransferState;
  digest: string | undefined;
  /** Why it failed, as a sentence. */
  error: string | undefined;
  warnings: string[];
}

export class PullTask {
  readonly store: Store<PullState>;
  private readonly controller = new AbortController();

  constructor(
    readonly reference: string,
    readonly action: 'pull' | 'push' = 'pull',
  ) {
    this.store = new Store<PullState>({
      reference,
      status: 'running',
      transfer: { layers: [], messages: [], digest: undefined, error: undefined },
      digest: undefined,
      error: undefined,
      warnings: [],
    });
  }

  get running(): boolean {
    return this.store.get().status === 'running';
  }

  /** Transfers to the end; resolves true when it succeeded. */
  async run(engine: Engine): Promise<boolean> {
    try {
      const transfer = this.action === 'pull' ? engine.pullImage : engine.pushImage;
      const result = await transfer(
        this.reference,
        (transfer) => this.store.update((s) => ({ ...s, transfer })),
        { signal: this.controller.signal },
      );
      this.store.update((s) => ({
        ...s,
        status: 'succeeded',
        transfer: result.state,
        digest: result.digest,
        warnings: result.warnings,
      }));
      return true;
    } catch (error) {
      if (isTransferCancelled(error)) {
        this.store.update((s) => ({ ...s, status: 'cancelled' }));
        return false;
      }
      const message = error instanceof EngineError ? error.message : String(error);
      this.store.update((s) => ({ ...s, status: 'failed', error: message }));
      return false;
    }
  }

  cancel(): void {
    if (this.running) this.controller.abort();
  }
}
