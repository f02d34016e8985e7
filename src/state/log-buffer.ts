/**
 * A ring buffer of log lines: memory stays bounded however long a log is followed (a peer's
 * unbounded buffer grew to gigabytes). When full, each new line evicts the oldest one, and the
 * buffer counts what it dropped so the UI can say so instead of losing lines silently.
 */
import { sanitizeForTerminal } from '../terminal/sanitize.js';

export type LogStreamName = 'stdout' | 'stderr';

export interface LogLine {
  text: string;
  stream: LogStreamName;
  /** RFC 3339, when the engine was asked for timestamps. */
  timestamp?: string;
}

export type SearchDirection = 'forward' | 'backward';

export interface SearchOptions {
  /**
   * Where the search starts: the index of the current match or cursor, itself checked last, so
   * repeated searches step from match to match. Defaults to before the first line (forward) or
   * after the last one (backward).
   */
  from?: number;
  direction?: SearchDirection;
}

export const DEFAULT_LOG_CAPACITY = 10_000;

export class LogBuffer {
  readonly capacity: number;
  private readonly lines: Array<LogLine | undefined>;
  /** Slot of the oldest kept line. */
  private head = 0;
  private count = 0;
  private pushed = 0;
  private evicted = 0;
  private changes = 0;

  constructor(capacity = DEFAULT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`A log buffer needs a capacity of at least one line, not ${capacity}.`);
    }
    this.capacity = capacity;
    this.lines = new Array(capacity).fill(undefined);
  }

  /** Lines kept now (at most `capacity`). */
  get length(): number {
    return this.count;
  }

  /** Lines ever pushed, including dropped and cleared ones; never decreases. */
  get totalPushed(): number {
    return this.pushed;
  }

  /** Lines evicted because the buffer was full; never decreases (`clear` does not count). */
  get dropped(): number {
    return this.evicted;
  }

  /** Changes on every mutation, for memoising renders. */
  get version(): number {
    return this.changes;
  }

  /** The absolute number (0-based, counting every line ever pushed) of the line at index 0. */
  get firstLineNumber(): number {
    return this.pushed - this.count;
  }

  push(line: LogLine): void {
    this.store(line);
    this.changes++;
  }

  /** Pushes a batch with one version change. */
  pushMany(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) this.store(line);
    this.changes++;
  }

  /** The line at `index`, 0 being the oldest kept; undefined outside `[0, length)`. */
  get(index: number): LogLine | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.lines[(this.head + index) % this.capacity];
  }

  /** Lines `[start, end)` like Array.prototype.slice (negative indexes count from the end). */
  slice(start = 0, end = this.count): LogLine[] {
    const from = clampIndex(start, this.count);
    const to = clampIndex(end, this.count);
    const out: LogLine[] = [];
    for (let i = from; i < to; i++) {
      const line = this.lines[(this.head + i) % this.capacity];
      if (line) out.push(line);
    }
    return out;
  }

  /**
   * Puts `lines` in place of the kept ones (the same log read again, e.g. with timestamps). They
   * are numbered as the last lines pushed, so the newest keeps its number and a view holding a
   * line number stays on the same line.
   */
  replace(lines: readonly LogLine[]): void {
    const pushed = this.pushed;
    this.clear();
    for (let i = Math.max(0, lines.length - this.capacity); i < lines.length; i++) this.store(lines[i]!);
    this.pushed = Math.max(pushed, this.count);
  }

  /** Empties the buffer; `totalPushed` and `dropped` keep counting. */
  clear(): void {
    this.lines.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.changes++;
  }

  /**
   * The index of the next line containing `query` (case-insensitive, on the text as shown: escape
   * sequences removed), wrapping around the ends; undefined when no line matches.
   */
  search(query: string, options: SearchOptions = {}): number | undefined {
    if (query === '' || this.count === 0) return undefined;
    const needle = query.toLocaleLowerCase();
    const step = options.direction === 'backward' ? -1 : 1;
    const from = options.from ?? (step === 1 ? -1 : this.count);
    for (let n = 1; n <= this.count; n++) {
      const index = mod(from + step * n, this.count);
      const line = this.get(index);
      if (line && searchText(line.text).includes(needle)) return index;
    }
    return undefined;
  }

  private store(line: LogLine): void {
    if (this.count < this.capacity) {
      this.lines[(this.head + this.count) % this.capacity] = line;
      this.count++;
    } else {
      this.lines[this.head] = line;
      this.head = (this.head + 1) % this.capacity;
      this.evicted++;
    }
    this.pushed++;
  }
}

function searchText(text: string): string {
  return sanitizeForTerminal(text, { keepColors: false }).toLocaleLowerCase();
}

function clampIndex(index: number, length: number): number {
  const i = Math.trunc(index);
  if (i < 0) return Math.max(0, length + i);
  return Math.min(i, length);
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
