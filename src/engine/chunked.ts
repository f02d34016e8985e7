/**
 * HTTP/1.1 chunked transfer decoding over whole socket reads. The engine flushes every log line
 * as its own HTTP chunk; decoding them here, in one pass over each read, replaces the JavaScript
 * callback and stream event Node's HTTP client makes per chunk (per line).
 */

const CR = 0x0d;
const LF = 0x0a;

// Where the decoder is: in a size line, in chunk data, after it, or in the trailer.
const SIZE = 0;
/** After the hex digits: a chunk extension or the CR, skipped up to the LF. */
const SIZE_LINE = 1;
const DATA = 2;
/** The CRLF after a chunk's data. */
const DATA_END = 3;
/** After the last (empty) chunk: trailer lines up to an empty one. */
const TRAILER = 4;
const DONE = 5;

export type BodyHandler = (bytes: Buffer, start: number, end: number) => void;

export class ChunkedDecoder {
  private state = SIZE;
  private size = 0;
  private sizeDigits = 0;
  /** Bytes of the current trailer line, to spot the empty line that ends the message. */
  private trailerLine = 0;

  /**
   * @param onBody receives the body as byte ranges of the pushed chunks (no copies); read them
   *   during the call.
   */
  constructor(private readonly onBody: BodyHandler) {}

  /** True once the last chunk and the trailer were read: the body is complete. */
  get done(): boolean {
    return this.state === DONE;
  }

  /** Decodes `bytes[start..end)`; throws on a malformed size line. Returns the bytes after the message. */
  push(bytes: Buffer, start = 0, end = bytes.length): number {
    let pos = start;
    while (pos < end) {
      switch (this.state) {
        case SIZE: {
          const byte = bytes[pos]!;
          const digit = hexValue(byte);
          if (digit >= 0) {
            // Seven hex digits are 256 MiB: more is not a chunk the engine sends.
            if (++this.sizeDigits > 7) throw new Error('a chunk size in the engine response is too large');
            this.size = this.size * 16 + digit;
            pos++;
            break;
          }
          if (this.sizeDigits === 0) throw new Error('the engine sent a malformed chunk size');
          this.state = SIZE_LINE;
          break;
        }
        case SIZE_LINE: {
          const lf = bytes.indexOf(LF, pos);
          if (lf === -1 || lf >= end) return end;
          pos = lf + 1;
          this.sizeDigits = 0;
          if (this.size === 0) {
            this.state = TRAILER;
            this.trailerLine = 0;
          } else {
            this.state = DATA;
          }
          break;
        }
        case DATA: {
          const stop = Math.min(end, pos + this.size);
          this.onBody(bytes, pos, stop);
          this.size -= stop - pos;
          pos = stop;
          if (this.size === 0) this.state = DATA_END;
          break;
        }
        case DATA_END: {
          // CR then LF; anything else is skipped leniently up to the LF.
          if (bytes[pos++] === LF) this.state = SIZE;
          break;
        }
        case TRAILER: {
          const byte = bytes[pos++]!;
          if (byte === LF) {
            if (this.trailerLine === 0) {
              this.state = DONE;
              return pos;
            }
            this.trailerLine = 0;
          } else if (byte !== CR) {
            this.trailerLine++;
          }
          break;
        }
        case DONE:
          return pos;
      }
    }
    return pos;
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
