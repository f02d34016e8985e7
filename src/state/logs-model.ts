/**
 * The Logs tab's data: one log stream at a time, for the selected container, into a bounded
 * ring buffer (followed while the container runs). Switching the selection cancels the old stream. Updates reach the UI at
 * most every `notifyMs`, however fast lines arrive.
 */
import { writeFile } from 'node:fs/promises';
import type { Engine, LogStream } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { sanitizeForTerminal } from '../terminal/sanitize.js';
import { LatestStream } from './latest-stream.js';
import { LogBuffer, type LogLine } from './log-buffer.js';
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

export interface LogsOpenOptions {
  /**
   * Keep reading new lines as they are printed: for a running container. A stopped one is read
   * to the end and the stream ends (the Logs tab opens it again when the container starts).
   */
  follow: boolean;
  /**
   * Ask the engine for each line's timestamp. The engine reads its log more slowly with them,
   * so only while they are shown; `showTimestamps` reads the lines again when they are turned on.
   */
  timestamps: boolean;
}

/** Where a stream starts: the last lines of the log, or (reading again) from an engine timestamp. */
type From = { tail: number } | { since: string; skip: number };

interface Opened {
  engine: Engine;
  containerId: string;
  options: LogsOpenOptions;
}

export class LogsModel {
  readonly buffer: LogBuffer;
  readonly store = new Store<LogsState>({ version: 0, streaming: false });
  private readonly stream = new LatestStream<LogStream>();
  private notifyTimer: NodeJS.Timeout | undefined;
  private opened: Opened | undefined;

  constructor(
    capacity = 10_000,
    private readonly notifyMs = 33,
  ) {
    this.buffer = new LogBuffer(capacity);
  }

  /** Reads `containerId`'s logs from the last `capacity` lines on; stops any previous stream. */
  async open(
    engine: Engine,
    containerId: string,
    options: LogsOpenOptions = { follow: true, timestamps: false },
  ): Promise<void> {
    this.stopNotify();
    this.buffer.clear();
    this.opened = { engine, containerId, options };
    this.store.set({ containerId, version: this.buffer.version, streaming: true });
    await this.read(this.opened, { tail: this.buffer.capacity });
  }

  /**
   * Timestamps are shown: if the lines were read without them, reads the same lines again with
   * the engine's (the time each line was logged, as `docker logs -t` shows, which berth cannot
   * know otherwise). The lines on screen stay until the new ones are all in, then take their
   * place under the same line numbers, so a paused view stays on the same lines; a followed
   * container then goes on from the last line read, without a gap or a repeated line.
   */
  async showTimestamps(): Promise<void> {
    const opened = this.opened;
    if (!opened || opened.options.timestamps) return;
    const again: Opened = { ...opened, options: { ...opened.options, timestamps: true } };
    this.opened = again;
    const lines: LogLine[] = [];
    await this.stream.open(
      (isCurrent) =>
        again.engine.streamLogs(
          again.containerId,
          { follow: false, tail: this.buffer.capacity, timestamps: true },
          (batch) => {
            if (isCurrent()) for (const line of batch) lines.push(line);
          },
        ),
      (error) => {
        if (error !== undefined) return this.ended(error);
        this.buffer.replace(lines);
        this.flushNotify();
        const last = lines.at(-1)?.timestamp;
        if (!again.options.follow) return this.ended();
        // The engine's `since` includes the line at that very time: skip the ones already read.
        const skip = lines.filter((l) => l.timestamp === last).length;
        void this.read(again, last ? { since: last, skip } : { tail: this.buffer.capacity });
      },
    );
  }

  /** Reads (and follows, when asked) into the buffer, after what it holds. */
  private async read(opened: Opened, from: From): Promise<void> {
    const { engine, containerId, options } = opened;
    let skip = 'since' in from ? from.skip : 0;
    const since = 'since' in from ? from.since : undefined;
    await this.stream.open(
      (isCurrent) =>
        engine.streamLogs(
          containerId,
          {
            follow: options.follow,
            timestamps: options.timestamps,
            ...('tail' in from ? { tail: from.tail } : { since }),
          },
          (lines) => {
            if (!isCurrent()) return;
            if (skip > 0) {
              let first = 0;
              while (skip > 0 && first < lines.length && lines[first]!.timestamp === since) {
                first++;
                skip--;
              }
              if (first < lines.length) skip = 0;
              lines = lines.slice(first);
            }
            this.buffer.pushMany(lines);
            this.scheduleNotify();
          },
        ),
      (error) => this.ended(error),
    );
  }

  private ended(error?: unknown) {
    this.flushNotify();
    this.store.update((s) => ({
      ...s,
      version: this.buffer.version,
      streaming: false,
      error: error === undefined ? undefined : error instanceof EngineError ? error.message : String(error),
    }));
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
   * Writes the buffered lines to `file` as they are shown: escape sequences removed, stderr
   * marked, each line's timestamp only when `timestamps` (shown). Returns how many were written.
   */
  async save(file: string, options: { timestamps: boolean }): Promise<number> {
    const lines = this.buffer.slice();
    const text = lines
      .map(
        (l) =>
          `${options.timestamps && l.timestamp ? `${l.timestamp} ` : ''}${l.stream === 'stderr' ? '[stderr] ' : ''}${stripEscapes(l.text)}\n`,
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
    this.opened = undefined;
    this.stream.close();
    this.stopNotify();
  }

  private stopNotify() {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
  }
}
