/**
 * The engine's multiplexed stream format, taken apart without copying: a stream without a TTY
 * arrives as frames of an 8-byte header (stream type, 3 zero bytes, big-endian payload length)
 * and a payload. docker-modem's own demuxStream never ends its outputs and loses the tail
 * (ENGINE-NOTES.md), so berth uses this small state machine over Buffers instead.
 */

/** 1 = stdout, 2 = stderr (0, stdin, is only ever echoed back as stdout). */
export type FrameStream = 1 | 2;

export const STDOUT: FrameStream = 1;
export const STDERR: FrameStream = 2;

const HEADER_SIZE = 8;

/** Receives payload as `bytes[start..end)`, a range of the pushed chunk: read it during the call. */
export type PayloadRangeHandler = (stream: FrameStream, bytes: Buffer, start: number, end: number) => void;

/**
 * The demultiplexer over byte ranges: no Buffer is made per frame, which matters for logs,
 * where every line is a frame of its own.
 */
export class FrameReader {
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private headerFill = 0;
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;
  private stream: FrameStream = STDOUT;
  /** Set when a header was not a header: the stream is raw after all and passes through as stdout. */
  private raw = false;

  /** @param onPayload receives each piece of payload; a frame split across chunks arrives in several pieces. */
  constructor(private readonly onPayload: PayloadRangeHandler) {}

  push(chunk: Buffer, start = 0, end = chunk.length): void {
    if (this.raw) {
      if (end > start) this.onPayload(STDOUT, chunk, start, end);
      return;
    }
    let pos = start;
    while (pos < end) {
      if (this.remaining > 0) {
        const stop = Math.min(end, pos + this.remaining);
        this.onPayload(this.stream, chunk, pos, stop);
        this.remaining -= stop - pos;
        pos = stop;
        continue;
      }
      let header: Buffer;
      let headerAt: number;
      if (this.headerFill === 0 && end - pos >= HEADER_SIZE) {
        header = chunk;
        headerAt = pos;
        pos += HEADER_SIZE;
      } else {
        const take = Math.min(HEADER_SIZE - this.headerFill, end - pos);
        chunk.copy(this.header, this.headerFill, pos, pos + take);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < HEADER_SIZE) return;
        this.headerFill = 0;
        header = this.header;
        headerAt = 0;
      }
      const type = header[headerAt]!;
      if (
        type > 2 ||
        header[headerAt + 1] !== 0 ||
        header[headerAt + 2] !== 0 ||
        header[headerAt + 3] !== 0
      ) {
        // Not a frame header: someone guessed the TTY setting wrong. Show the bytes rather than garbage.
        this.raw = true;
        const bytes = Buffer.from(header.subarray(headerAt, headerAt + HEADER_SIZE));
        this.onPayload(STDOUT, bytes, 0, HEADER_SIZE);
        if (pos < end) this.onPayload(STDOUT, chunk, pos, end);
        return;
      }
      this.stream = type === 2 ? STDERR : STDOUT;
      this.remaining = header.readUInt32BE(headerAt + 4);
    }
  }

  /** True when the stream stopped in the middle of a header or a payload. */
  get midFrame(): boolean {
    return this.headerFill > 0 || this.remaining > 0;
  }
}

/** The demultiplexer handing out payload as Buffers (views into the pushed chunk). */
export class FrameDemuxer extends FrameReader {
  /**
   * @param onPayload receives each piece of payload as a view into the pushed chunk; copy it to
   *   keep it beyond the call. A frame split across chunks arrives in several pieces.
   */
  constructor(onPayload: (stream: FrameStream, payload: Buffer) => void) {
    super((stream, bytes, start, end) => onPayload(stream, bytes.subarray(start, end)));
  }
}
