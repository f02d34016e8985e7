/**
 * One stream at a time, for whatever is selected now: opening another closes the one before,
 * and anything that arrives late for an old one (its lines, its end, the stream itself) is
 * dropped. The Logs and Stats tabs both follow the selection this way.
 */
export interface ClosableStream {
  stop(): void;
  /** Settles when the stream is over: resolves when it ended, rejects when it failed. */
  readonly done: Promise<void>;
}

export class LatestStream<S extends ClosableStream> {
  private generation = 0;
  private stream: S | undefined;

  get isOpen(): boolean {
    return this.stream !== undefined;
  }

  /**
   * Opens a stream with `start`, which gets `isCurrent` to check in its callbacks. `onEnd` runs
   * once when the stream is over (with the error if it failed), unless another was opened since.
   */
  async open(
    start: (isCurrent: () => boolean) => Promise<S>,
    onEnd: (error?: unknown) => void,
  ): Promise<void> {
    this.close();
    const generation = this.generation;
    const isCurrent = () => generation === this.generation;
    const end = (error?: unknown) => {
      if (!isCurrent()) return;
      this.stream = undefined;
      onEnd(error);
    };
    try {
      const stream = await start(isCurrent);
      if (!isCurrent()) {
        stream.stop();
        return;
      }
      this.stream = stream;
      stream.done.then(() => end(), end);
    } catch (error) {
      end(error);
    }
  }

  /** Closes the current stream; nothing more from it is delivered. */
  close(): void {
    this.generation++;
    this.stream?.stop();
    this.stream = undefined;
  }
}
