/**
 * The Stats tab's data: one `docker stats` stream, for the selected container only, open only
 * while the tab is on screen, into a bounded history of samples. Nothing streams at idle.
 */
import type { Engine, StatsSample, StatsStream } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { LatestStream } from './latest-stream.js';
import { Store } from './store.js';

export interface StatsState {
  containerId?: string;
  /** Oldest first; at most the model's capacity (one sample a second: ten minutes by default). */
  samples: readonly StatsSample[];
  /** The stream is open and samples will arrive. */
  streaming: boolean;
  error?: string;
}

export class StatsModel {
  readonly store = new Store<StatsState>({ samples: [], streaming: false });
  private readonly stream = new LatestStream<StatsStream>();

  constructor(readonly capacity = 600) {}

  /** Streams `containerId`'s stats; the history is kept when it is the same container again. */
  async open(engine: Engine, containerId: string): Promise<void> {
    const previous = this.store.get();
    const samples = previous.containerId === containerId ? previous.samples : [];
    this.store.set({ containerId, samples, streaming: true });
    await this.stream.open(
      (isCurrent) =>
        engine.streamStats(containerId, (sample) => {
          if (!isCurrent()) return;
          this.store.update((s) => ({ ...s, samples: appendBounded(s.samples, sample, this.capacity) }));
        }),
      (error) =>
        this.store.update((s) => ({
          ...s,
          streaming: false,
          error:
            error === undefined ? undefined : error instanceof EngineError ? error.message : String(error),
        })),
    );
  }

  /** Whether a stream is open now (for tests and the idle-cost check). */
  get isStreaming(): boolean {
    return this.stream.isOpen;
  }

  /** Stops the stream; the history stays for the same container. */
  close() {
    this.stream.close();
    this.store.update((s) => (s.streaming ? { ...s, streaming: false } : s));
  }
}

function appendBounded<T>(list: readonly T[], item: T, capacity: number): readonly T[] {
  const next = list.length >= capacity ? list.slice(list.length - capacity + 1) : list.slice();
  next.push(item);
  return next;
}

/**
 * Per-second rates of a counter that only grows (bytes received, read…), one per pair of
 * samples. A counter that went down (the container restarted) counts from zero again.
 */
export function ratesOf(samples: readonly StatsSample[], counter: (s: StatsSample) => number): number[] {
  const rates: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const seconds = (b.time - a.time) / 1000;
    const delta = counter(b) - counter(a);
    const grown = delta >= 0 ? delta : counter(b);
    rates.push(seconds > 0 ? grown / seconds : 0);
  }
  return rates;
}
