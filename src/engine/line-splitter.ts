/**
 * Splits a byte stream into lines on `\n` before decoding: a newline byte never occurs inside a
 * UTF-8 character, so a character split across chunks is decoded whole. Lines are handed out as
 * byte ranges (no copy) except when a line spans chunks.
 */

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A line longer than this is cut, so output without newlines cannot grow memory without bound. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export type LineHandler = (bytes: Buffer, start: number, end: number) => void;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /**
   * @param onLine receives each line, without its `\n`, as `bytes[start..end)`; the buffer may be
   *   the pushed chunk itself, so decode or copy it during the call.
   */
  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Splits `chunk[start..end)`; the range lets a caller hand over part of a chunk without a view. */
  push(chunk: Buffer, start = 0, end = chunk.length): void {
    let newline = indexOfNewline(chunk, start, end);
    if (newline !== -1 && this.pendingBytes > 0) {
      this.pending.push(chunk.subarray(start, newline));
      const line = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingBytes = 0;
      this.onLine(line, 0, line.length);
      start = newline + 1;
      newline = indexOfNewline(chunk, start, end);
    }
    while (newline !== -1) {
      this.onLine(chunk, start, newline);
      start = newline + 1;
      newline = indexOfNewline(chunk, start, end);
    }
    if (start < end) {
      // A copy: the caller may reuse the chunk's memory for its next read (direct-get.ts).
      this.pending.push(Buffer.from(chunk.subarray(start, end)));
      this.pendingBytes += end - start;
      if (this.pendingBytes > this.maxLineBytes) this.cutOverlongLine();
    }
  }

  /** Hands out the last line if the stream ended without a newline. */
  flush(): void {
    if (this.pendingBytes === 0) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.onLine(line, 0, line.length);
  }

  private cutOverlongLine(): void {
    const all = Buffer.concat(this.pending);
    const cut = utf8BoundaryBefore(all, this.maxLineBytes);
    this.onLine(all, 0, cut);
    const rest = all.subarray(cut);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
  }
}

/** Up to this many bytes, a range is scanned in place; a longer one through a view. */
const SHORT_RANGE = 256;

/**
 * The first `\n` in `bytes[start..end)`, or -1. A log line is usually a short range of a large
 * socket read: `indexOf` on the whole read would search past `end` (quadratic over many short
 * ranges without a newline), and a view per range costs more than the search.
 */
function indexOfNewline(bytes: Buffer, start: number, end: number): number {
  if (end - start <= SHORT_RANGE) {
    for (let i = start; i < end; i++) if (bytes[i] === NEWLINE) return i;
    return -1;
  }
  const at = bytes.subarray(start, end).indexOf(NEWLINE);
  return at === -1 ? -1 : start + at;
}

/**
 * The largest index ≤ `limit` that does not fall inside a UTF-8 character, so cutting there
 * leaves both halves decodable.
 */
export function utf8BoundaryBefore(bytes: Buffer, limit: number): number {
  let index = Math.min(limit, bytes.length);
  if (index >= bytes.length) return bytes.length;
  // Continuation bytes look like 10xxxxxx; a character is at most 4 bytes.
  for (let back = 0; back < 3 && index > 0 && (bytes[index]! & 0xc0) === 0x80; back++) index--;
  return index;
}

/** Decodes one line; a TTY ends lines with `\r\n`, so `stripCarriageReturn` drops the `\r`. */
export function decodeLine(bytes: Buffer, start: number, end: number, stripCarriageReturn: boolean): string {
  if (stripCarriageReturn && end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
  return bytes.toString('utf8', start, end);
}
