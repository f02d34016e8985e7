/**
 * A ring buffer of log lines: memory stays bounded however long a log is followed (a peer's
 * unbounded buffer grew to gigabytes). When full, each new line evicts the oldest one, and the
 * buffer counts what it dropped so the UI can say so instead of losing lines silently.
 *
 * The lines are kept as UTF-8 bytes in one ring of bytes outside the JavaScript heap, not as a
 * string and an object each: a line lives for the next `capacity` lines, long enough during a
 * flood to be copied out of V8's young generation into the old one, which then grew by ~15 MB a
 * second and was only collected late. Lines are decoded when read (the few on screen, a search).
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
/** The bytes of text kept at most, whatever the number of lines: 10,000 lines of 3 KiB. */
export const DEFAULT_LOG_BYTES = 32 * 1024 * 1024;
/** The ring starts small and doubles as lines need it, up to the limit. */
const INITIAL_BYTES = 64 * 1024;
const STDERR = 1;

export class LogBuffer {
  readonly capacity: number;
  /** The most bytes of text (and timestamps) kept; the oldest lines go first to stay under. */
  readonly maxBytes: number;
  private data: Buffer;
  /**
   * Per slot: where the line's bytes start in `data`: a byte naming its stream (so no line takes
   * no room, which would make a full ring look empty), its timestamp, then its text.
   */
  private readonly starts: Int32Array;
  private readonly textBytes: Int32Array;
  private readonly stampBytes: Uint8Array;
  /** Where the next line's bytes go. */
  private writeAt = 0;
  /** Slot of the oldest kept line. */
  private head = 0;
  private count = 0;
  private pushed = 0;
  private evicted = 0;
  private changes = 0;

  constructor(capacity = DEFAULT_LOG_CAPACITY, maxBytes = DEFAULT_LOG_BYTES) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`A log buffer needs a capacity of at least one line, not ${capacity}.`);
    }
    this.capacity = capacity;
    this.maxBytes = Math.max(1024, maxBytes);
    this.data = Buffer.allocUnsafeSlow(Math.min(INITIAL_BYTES, this.maxBytes));
    this.starts = new Int32Array(capacity);
    this.textBytes = new Int32Array(capacity);
    this.stampBytes = new Uint8Array(capacity);
  }

  /** Lines kept now (at most `capacity`). */
  get length(): number {
    return this.count;
  }

  /** Lines ever pushed, including dropped and cleared ones; never decreases. */
  get totalPushed(): number {
    return this.pushed;
  }

  /**
   * Lines evicted because the buffer was full since it last started a log (`startLog`): the older
   * lines of the log shown that are gone. Lines cleared are not counted, and `clear` keeps the count.
   */
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

  /**
   * Pushes one line given as bytes, as the engine read it: its text `bytes[start..end)` (UTF-8),
   * its timestamp `bytes[stampStart..stampEnd)` (may be empty). Copied; no string is made.
   */
  pushBytes(
    stream: LogStreamName,
    bytes: Buffer,
    start: number,
    end: number,
    stampStart: number,
    stampEnd: number,
  ): void {
    if (this.count === this.capacity) this.evictOldest();
    const stamp = stampEnd - stampStart <= 255 ? stampEnd - stampStart : 0;
    const head = 1 + stamp;
    const textLength = Math.min(end - start, this.maxBytes - head);
    const at = this.place(head + textLength);
    const data = this.data;
    data[at] = stream === 'stderr' ? STDERR : 0;
    // A short range is copied in place: a native copy costs more than the bytes of a log line.
    if (stamp > 0) copyBytes(bytes, stampStart, stampStart + stamp, data, at + 1);
    copyBytes(bytes, start, start + textLength, data, at + head);
    this.commit(at, stamp, textLength);
    this.changes++;
  }

  /** The line at `index`, 0 being the oldest kept; undefined outside `[0, length)`. */
  get(index: number): LogLine | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.read((this.head + index) % this.capacity);
  }

  /** Lines `[start, end)` like Array.prototype.slice (negative indexes count from the end). */
  slice(start = 0, end = this.count): LogLine[] {
    const from = clampIndex(start, this.count);
    const to = clampIndex(end, this.count);
    const out: LogLine[] = [];
    for (let i = from; i < to; i++) out.push(this.read((this.head + i) % this.capacity));
    return out;
  }

  /**
   * Puts `lines` in place of the kept ones (the same log read again, e.g. with timestamps). They
   * are numbered as the last lines pushed, so the newest keeps its number and a view holding a
   * line number stays on the same line.
   */
  replace(lines: readonly LogLine[]): void {
    const pushed = this.pushed;
    const evicted = this.evicted;
    this.clear();
    for (let i = Math.max(0, lines.length - this.capacity); i < lines.length; i++) this.store(lines[i]!);
    this.pushed = Math.max(pushed, this.count);
    this.evicted = evicted;
  }

  /** Empties the buffer; `totalPushed` and `dropped` keep counting. */
  clear(): void {
    this.head = 0;
    this.count = 0;
    this.writeAt = 0;
    this.changes++;
  }

  /**
   * Empties the buffer for another log (or the same one read again from its tail). `dropped`
   * starts again from zero: the lines dropped from the last log are not this one's. `totalPushed`
   * keeps counting, so line numbers (a paused view's, the screen's keys) are never reused.
   */
  startLog(): void {
    this.clear();
    this.evicted = 0;
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

  private read(slot: number): LogLine {
    const start = this.starts[slot]!;
    const stamp = this.stampBytes[slot]!;
    const textStart = start + 1 + stamp;
    const text = this.data.toString('utf8', textStart, textStart + this.textBytes[slot]!);
    const stream: LogStreamName = this.data[start] === STDERR ? 'stderr' : 'stdout';
    if (stamp === 0) return { text, stream };
    return { text, stream, timestamp: this.data.toString('latin1', start + 1, textStart) };
  }

  private store(line: LogLine): void {
    if (this.count === this.capacity) this.evictOldest();
    const stamp = line.timestamp && line.timestamp.length <= 255 ? line.timestamp : '';
    const textLength = Buffer.byteLength(line.text, 'utf8');
    // A line longer than the whole ring keeps its start (the engine side already cuts at 1 MiB).
    const head = 1 + stamp.length;
    const size = head + Math.min(textLength, this.maxBytes - head);
    const at = this.place(size);
    this.data[at] = line.stream === 'stderr' ? STDERR : 0;
    if (stamp) this.data.write(stamp, at + 1, 'latin1');
    const written = this.data.write(line.text, at + head, size - head, 'utf8');
    this.commit(at, stamp.length, written);
    // A character cut at the end of an overlong line leaves a few bytes unused.
    this.writeAt = at + size;
  }

  /** Records the line just written at `at` as the newest. */
  private commit(at: number, stamp: number, text: number): void {
    const slot = (this.head + this.count) % this.capacity;
    this.starts[slot] = at;
    this.stampBytes[slot] = stamp;
    this.textBytes[slot] = text;
    this.writeAt = at + 1 + stamp + text;
    this.count++;
    this.pushed++;
  }

  /** Where `size` bytes go: after the newest line, or at the start of the ring, evicting what is in the way. */
  private place(size: number): number {
    for (;;) {
      if (this.count === 0) {
        if (size > this.data.length) this.grow(size);
        return 0;
      }
      const oldest = this.starts[this.head]!;
      if (oldest < this.writeAt) {
        // The kept bytes are [oldest, writeAt): free after them, and before them.
        if (this.writeAt + size <= this.data.length) return this.writeAt;
        if (size <= oldest) return 0;
      } else if (this.writeAt + size <= oldest) {
        // The kept bytes wrap around the end: free only between the newest and the oldest.
        return this.writeAt;
      }
      if (this.data.length < this.maxBytes) this.grow(size);
      else this.evictOldest();
    }
  }

  /** A ring twice as large (at most `maxBytes`), the kept lines copied to its start in order. */
  private grow(size: number): void {
    let length = this.data.length;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.capacity;
      kept += 1 + this.stampBytes[slot]! + this.textBytes[slot]!;
    }
    while (length < kept + size && length < this.maxBytes) length *= 2;
    if (length === this.data.length) length *= 2;
    const data = Buffer.allocUnsafeSlow(Math.min(length, this.maxBytes));
    // Lines lie back to back but for the wrap: copied as runs, not one copy per line.
    let at = 0;
    let runStart = -1;
    let runEnd = -1;
    let runTo = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.capacity;
      const start = this.starts[slot]!;
      if (start !== runEnd) {
        if (runStart !== -1) this.data.copy(data, runTo, runStart, runEnd);
        runStart = start;
        runTo = at;
      }
      const bytes = 1 + this.stampBytes[slot]! + this.textBytes[slot]!;
      runEnd = start + bytes;
      this.starts[slot] = at;
      at += bytes;
    }
    if (runStart !== -1) this.data.copy(data, runTo, runStart, runEnd);
    this.data = data;
    this.writeAt = at;
  }

  private evictOldest(): void {
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.evicted++;
  }
}

function copyBytes(from: Buffer, start: number, end: number, to: Buffer, at: number): void {
  if (end - start > 64) {
    from.copy(to, at, start, end);
    return;
  }
  for (let i = start; i < end; i++) to[at++] = from[i]!;
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
