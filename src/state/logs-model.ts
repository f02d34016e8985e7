/**
 * The Logs tab's data: one log stream at a time, for the selected container, into a bounded
 * ring buffer (followed while the container runs). Switching the selection cancels the old
 * stream. Updates reach the UI at most every `notifyMs`, however fast lines arrive, and every
 * `floodNotifyMs` while they arrive faster than a screen can show them.
 */
import { writeFile } from 'node:fs/promises';
import type { Engine, LogStream } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { sanitizeForTerminal } from '../terminal/sanitize.js';
import { LatestStream } from './latest-stream.js';
import { LogBuffer, type LogLine } from './log-buffer.js';
import { Store } from './store.js';

/** More new lines than this in one update (more than a tall terminal shows) make a flood. */
const FLOOD_LINES = 100;

const stripEscapes = (text: string) => sanitizeForTerminal(text, { keepColors: false });

export interface LogsState {
  containerId?: string;
  /** Changes whenever the buffer does. */
  version: number;
  /** The stream is open and new lines will arrive. */
  streaming: boolean;
  /** Why the stream stopped, when it failed. */
  error?: string;
  /**
   * Just opened: no line yet, no end, for less than `openingMs`. The Logs tab shows nothing new
   * meanwhile ("Reading the logs of …"), so a stream whose lines come at once draws one frame
   * (its lines), not two ("No output yet", then the lines).
   */
  opening?: boolean;
}

/** Whether the buffer behind `state` holds `containerId`'s lines (or is opening them). */
export function holdsLogsOf(state: LogsState, containerId: string | undefined): boolean {
  return containerId !== undefined && state.containerId === containerId;
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
  /** Lines pushed since the UI was last told. */
  private unseenLines = 0;
  /** The last update carried more lines than a screen shows: the next one waits longer. */
  private flooding = false;
  private lastNotifyAt = 0;
  private opened: Opened | undefined;
  private openingTimer: NodeJS.Timeout | undefined;

  /**
   * @param floodNotifyMs how often the UI is told during a flood. Each update draws a screen of
   *   lines never drawn before, and its cost (Ink tokenises and caches every new line) is what a
   *   flood costs in CPU and memory: at 30 updates a second berth grew past 170 MB over 2 million
   *   lines, at 5 about 145 MB, and nobody reads a flood line by line anyway.
   * @param openingMs how long a new stream stays `opening` without a line or an end.
   * @param settleMs how long a new stream's first lines wait for the rest of the tail: the engine
   *   sends it in a few chunks a few ms apart (the first line alone, then the others), and each
   *   chunk shown at once was a frame of its own, the second one 33 ms later, when the next key
   *   often comes.
   */
  constructor(
    capacity = 10_000,
    private readonly notifyMs = 33,
    private readonly floodNotifyMs = 200,
    private readonly openingMs = 250,
    private readonly settleMs = 12,
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
    this.buffer.startLog();
    this.opened = { engine, containerId, options };
    this.store.set({ containerId, version: this.buffer.version, streaming: true, opening: true });
    this.openingTimer = setTimeout(() => this.flushNotify(), this.openingMs);
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
    const buffer = this.buffer;
    let skip = 'since' in from ? from.skip : 0;
    const since = 'since' in from ? from.since : undefined;
    await this.stream.open(
      (isCurrent) =>
        // As bytes: the ring buffer keeps bytes, so no line becomes a string until it is shown.
        engine.streamLogLines(
          containerId,
          {
            follow: options.follow,
            timestamps: options.timestamps,
            ...('tail' in from ? { tail: from.tail } : { since }),
          },
          {
            line: (stream, bytes, start, end, stampStart, stampEnd) => {
              if (!isCurrent()) return;
              if (skip > 0) {
                if (bytes.toString('latin1', stampStart, stampEnd) === since) {
                  skip--;
                  return;
                }
                skip = 0;
              }
              buffer.pushBytes(stream, bytes, start, end, stampStart, stampEnd);
            },
            batch: (count) => {
              if (isCurrent()) this.scheduleNotify(count);
            },
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

  private scheduleNotify(lines: number) {
    this.unseenLines += lines;
    // A new stream's first lines (the tail) are shown together, `settleMs` after the first: the
    // Logs tab has shown none of them yet, and a frame 33 ms later is one more frame after a
    // move, likelier to be drawing when the next key comes.
    if (this.store.get().opening) {
      this.notifyTimer ??= setTimeout(() => this.flushNotify(), this.settleMs);
      return;
    }
    if (this.notifyTimer) return;
    // A line after a pause is shown at once, even right after a flood.
    const flood = this.flooding && Date.now() - this.lastNotifyAt < this.floodNotifyMs;
    this.notifyTimer = setTimeout(() => this.flushNotify(), flood ? this.floodNotifyMs : this.notifyMs);
  }

  private flushNotify() {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.stopOpening();
    this.flooding = this.unseenLines > FLOOD_LINES;
    this.unseenLines = 0;
    this.lastNotifyAt = Date.now();
    this.store.update((s) =>
      s.version === this.buffer.version && !s.opening
        ? s
        : { ...s, version: this.buffer.version, opening: false },
    );
  }

  private stopOpening() {
    if (this.openingTimer) clearTimeout(this.openingTimer);
    this.openingTimer = undefined;
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
    // Already reset (the cursor moved on before the last row's stream opened): a new state
    // would render the screen again for nothing, once per row the cursor runs through.
    const state = this.store.get();
    if (
      this.buffer.length === 0 &&
      state.containerId === undefined &&
      !state.streaming &&
      state.error === undefined &&
      state.version === this.buffer.version
    ) {
      return;
    }
    this.buffer.startLog();
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
    this.stopOpening();
    this.flooding = false;
    this.unseenLines = 0;
  }
}
