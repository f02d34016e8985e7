/**
 * The Logs tab's data: one followed log stream at a time, for the selected container, into a
 * bounded ring buffer. Switching the selection cancels the old stream. Updates reach the UI at
 * most every `notifyMs`, however fast lines arrive.
 */
import { writeFile } from 'node:fs/promises';
import type { Engine, LogStream } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { sanitizeForTerminal } from '../terminal/sanitize.js';
import { LatestStream } from './latest-stream.js';
import { LogBuffer } from './log-buffer.js';
import { Store } from './store.js';

const stripEscapes = (text: string) => sanitizeForTerminal(text, { keepColors: false });

export interface LogsState {
  containerId?: string;
  /** Changes whenever the buffer does. */
  version: number;
  /** The stream is open and new lines will arrive. */
  streaming: boolean;
  /** Why the stream stopped, when it failed. */
  error?: string;
}

export class LogsModel {
  readonly buffer: LogBuffer;
  readonly store = new Store<LogsState>({ version: 0, streaming: false });
  private readonly stream = new LatestStream<LogStream>();
  private notifyTimer: NodeJS.Timeout | undefined;

  constructor(
    capacity = 10_000,
    private readonly notifyMs = 33,
  ) {
    this.buffer = new LogBuffer(capacity);
  }

  /** Follows `containerId`'s logs from the last `capacity` lines on; stops any previous stream. */
  async open(engine: Engine, containerId: string): Promise<void> {
    this.stopNotify();
    this.buffer.clear();
    this.store.set({ containerId, version: this.buffer.version, streaming: true });
    await this.stream.open(
      (isCurrent) =>
        engine.streamLogs(
          containerId,
          { follow: true, tail: this.buffer.capacity, timestamps: true },
          (lines) => {
            if (!isCurrent()) return;
            this.buffer.pushMany(lines);
            this.scheduleNotify();
          },
        ),
      (error) => {
        this.flushNotify();
        this.store.update((s) => ({
          ...s,
          version: this.buffer.version,
          streaming: false,
          error:
            error === undefined ? undefined : error instanceof EngineError ? error.message : String(error),
        }));
      },
    );
  }

  private scheduleNotify() {
    this.notifyTimer ??= setTimeout(() => this.flushNotify(), this.notifyMs);
  }

  private flushNotify() {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.store.update((s) =>
      s.version === this.buffer.version ? s : { ...s, version: this.buffer.version },
    );
  }

  /**
   * Writes the buffered lines to `file` (timestamps and stream kept, escape sequences removed),
   * and returns how many lines were written.
   */
  async save(file: string): Promise<number> {
    const lines = this.buffer.slice();
    const text = lines
      .map(
        (l) =>
          `${l.timestamp ? `${l.timestamp} ` : ''}${l.stream === 'stderr' ? '[stderr] ' : ''}${stripEscapes(l.text)}\n`,
      )
      .join('');
    await writeFile(file, text, { mode: 0o600 });
    return lines.length;
  }

  /** Stops following and forgets the lines: the pane must not show one container's logs under another's name. */
  reset() {
    this.close();
    this.buffer.clear();
    this.store.set({ version: this.buffer.version, streaming: false });
  }

  /** Stops following; the lines already read stay. */
  close() {
    this.stream.close();
    this.stopNotify();
  }

  private stopNotify() {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
  }
}
