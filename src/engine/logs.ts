/**
 * Container logs as lines: TTY-aware (raw with a TTY, multiplexed without), stdout and stderr
 * told apart, timestamps parsed off, partial lines kept across chunks and the last one flushed.
 */
import type { IncomingMessage } from 'node:http';
import { apiPath, type EngineContext } from './client.js';
import { inspectJson } from './containers.js';
import { FrameReader, STDERR } from './demux.js';
import { canGetDirectly, getDirectly } from './direct-get.js';
import { LineSplitter } from './line-splitter.js';
import { ReadPacer } from './read-pacer.js';
import { type EndingResponse, streamDone } from './stream-done.js';

export type OutputStream = 'stdout' | 'stderr';

export interface LogLine {
  stream: OutputStream;
  /** The line without its newline (and without the `\r` a TTY adds). */
  text: string;
  /** RFC 3339 with nanoseconds, e.g. `2026-11-28T10:01:02.123456789Z`, when asked for. */
  timestamp?: string;
}

export interface LogOptions {
  /** Keep the stream open and deliver new lines until the container stops or `stop()`. */
  follow?: boolean;
  /** Only the last N lines; `'all'` (the default) for everything. */
  tail?: number | 'all';
  /**
   * Only lines since this time (inclusive): a Date, epoch seconds (fractions allowed), or a
   * timestamp the engine gave (`LogLine.timestamp`), kept to the nanosecond.
   */
  since?: Date | number | string;
  /** Ask the engine for timestamps and parse them into `LogLine.timestamp`. */
  timestamps?: boolean;
  /** Whether the container has a TTY; read from inspect when not given. */
  tty?: boolean;
}

export interface LogStream {
  /** Whether the container has a TTY (then every line is stdout). */
  readonly tty: boolean;
  /**
   * Settles when the stream is over: resolves when the engine ends it (the container stopped,
   * or everything was sent without `follow`) or after `stop()`; rejects if the connection fails.
   */
  readonly done: Promise<void>;
  /** Cancels: closes the HTTP stream; no more lines are delivered. */
  stop(): void;
}

/** The bytes a docker timestamp prefix takes at most: `2026-11-28T10:01:02.123456789Z` and a space. */
const MAX_TIMESTAMP_BYTES = 40;
const SPACE = 0x20;
const DASH = 0x2d;
const LETTER_T = 0x54;
const CARRIAGE_RETURN = 0x0d;

/**
 * The engine stores a line longer than 16 KiB as several partial messages, and with timestamps
 * on it prefixes each part with its own timestamp (json-file and local drivers, 20.10).
 */
export const PARTIAL_MESSAGE_BYTES = 16 * 1024;
const PARTIAL_SLACK_BYTES = 16;

/** Index of the space that ends a docker timestamp starting at `at`, or -1 if none starts there. */
export function timestampEnd(bytes: Buffer, at: number, end: number): number {
  if (end - at < 21 || bytes[at + 4] !== DASH || bytes[at + 7] !== DASH || bytes[at + 10] !== LETTER_T)
    return -1;
  for (let i = at; i < at + 4; i++) {
    const byte = bytes[i]!;
    if (byte < 0x30 || byte > 0x39) return -1;
  }
  const limit = Math.min(end, at + MAX_TIMESTAMP_BYTES);
  for (let i = at + 11; i < limit; i++) if (bytes[i] === SPACE) return i;
  return -1;
}

/**
 * Joins the parts of a long line whose later parts carry their own timestamps; undefined when
 * there are none. Works on bytes, because the engine cuts parts in the middle of UTF-8 characters.
 */
export function removePartialTimestamps(bytes: Buffer, start: number, end: number): Buffer | undefined {
  let pieces: Buffer[] | undefined;
  let pieceStart = start;
  let at = start + PARTIAL_MESSAGE_BYTES;
  while (at < end) {
    // A part holds 16 KiB, but the json-file driver stores a character cut at the boundary as
    // U+FFFD, which makes the part a few bytes longer: look a little further.
    const limit = Math.min(end, at + PARTIAL_SLACK_BYTES);
    let space = -1;
    for (; at < limit; at++) {
      space = timestampEnd(bytes, at, end);
      if (space !== -1) break;
    }
    if (space === -1) break;
    pieces ??= [];
    pieces.push(bytes.subarray(pieceStart, at));
    pieceStart = space + 1;
    at = pieceStart + PARTIAL_MESSAGE_BYTES;
  }
  if (!pieces) return undefined;
  pieces.push(bytes.subarray(pieceStart, end));
  return Buffer.concat(pieces);
}

/** Opens a streaming GET through dockerode's modem, so even non-follow reads are never buffered whole. */
export function dialStream(
  context: EngineContext,
  options: { path: string; query: Record<string, unknown>; statusCodes: Record<number, true | string> },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    context.docker.modem.dial(
      {
        path: options.path,
        method: 'GET',
        isStream: true,
        statusCodes: options.statusCodes,
        options: options.query,
      },
      (error, stream) => {
        if (error) reject(error);
        else resolve(stream as IncomingMessage);
      },
    );
  });
}

function sinceSeconds(since: Date | number | string): string {
  if (typeof since === 'string') return engineTimestampSeconds(since);
  const seconds = since instanceof Date ? since.getTime() / 1000 : since;
  return seconds.toFixed(3);
}

/**
 * `2026-11-28T10:01:02.123456789Z` as `seconds.nanoseconds`, the engine's own precision: a Date
 * keeps only milliseconds, and `since` must name the exact line to continue from.
 */
export function engineTimestampSeconds(timestamp: string): string {
  const match = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  const whole = match ? Date.parse(`${match[1]}${match[3]}`) : Number.NaN;
  if (!match || Number.isNaN(whole))
    throw new RangeError(`"${timestamp}" is not a timestamp from the engine.`);
  return `${whole / 1000}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/**
 * Whether each container has a TTY, by full ID, for each engine client. A container's TTY is
 * fixed when it is created, and a move in the list opens the selected container's log stream:
 * asked once per container, it saves each later stream a round trip and a ~5 KB inspect.
 */
const knownTty = new WeakMap<EngineContext, Map<string, boolean>>();
/** Containers remembered at most per client, the oldest forgotten first. */
const TTY_KEPT = 2000;

export async function isTty(context: EngineContext, containerId: string, action: string): Promise<boolean> {
  let known = knownTty.get(context);
  const cached = known?.get(containerId);
  if (cached !== undefined) return cached;
  const info = await context.call(action, () => inspectJson(context, containerId));
  const tty = info.Config.Tty === true;
  // Only under the full ID: a name can later be another container's.
  if (info.Id === containerId) {
    if (!known) {
      known = new Map();
      knownTty.set(context, known);
    }
    if (known.size >= TTY_KEPT) known.delete(known.keys().next().value as string);
    known.set(containerId, tty);
  }
  return tty;
}

/** Receives each line as bytes, for a consumer that keeps bytes: no string or object per line. */
export interface LogLineSink {
  /**
   * One line: its text is `bytes[start..end)` (UTF-8, without the newline or a TTY's `\r`), its
   * timestamp `bytes[stampStart..stampEnd)` (empty when not asked for). Read them during the call.
   */
  line(
    stream: OutputStream,
    bytes: Buffer,
    start: number,
    end: number,
    stampStart: number,
    stampEnd: number,
  ): void;
  /** After the `count` lines that arrived in one turn of the event loop: update once per batch. */
  batch(count: number): void;
}

/**
 * Streams a container's logs as lines. `onLines` gets the complete lines in order, in batches
 * (everything that arrived in one turn of the event loop), so a consumer updates once per batch.
 */
export function streamLogs(
  context: EngineContext,
  containerId: string,
  options: LogOptions,
  onLines: (lines: LogLine[]) => void,
): Promise<LogStream> {
  let lines: LogLine[] = [];
  return streamLogLines(context, containerId, options, {
    line(stream, bytes, start, end, stampStart, stampEnd) {
      const text = bytes.toString('utf8', start, end);
      lines.push(
        stampEnd > stampStart
          ? { stream, text, timestamp: bytes.toString('latin1', stampStart, stampEnd) }
          : { stream, text },
      );
    },
    batch() {
      const batch = lines;
      lines = [];
      onLines(batch);
    },
  });
}

/** Streams a container's logs into `sink` as bytes; otherwise as `streamLogs`. */
export async function streamLogLines(
  context: EngineContext,
  containerId: string,
  options: LogOptions,
  sink: LogLineSink,
): Promise<LogStream> {
  const action = `read the logs of ${containerId}`;
  const tty = options.tty ?? (await isTty(context, containerId, action));
  const query: Record<string, string> = {
    stdout: 'true',
    stderr: 'true',
    follow: String(options.follow === true),
    timestamps: String(options.timestamps === true),
    tail: options.tail === undefined ? 'all' : String(options.tail),
  };
  if (options.since !== undefined) query.since = sinceSeconds(options.since);
  const path = `/containers/${encodeURIComponent(containerId)}/logs`;

  const timestamps = options.timestamps === true;
  let count = 0;
  const lineHandler = (stream: OutputStream) => (bytes: Buffer, start: number, end: number) => {
    let stampStart = start;
    let stampEnd = start;
    if (timestamps) {
      const space = timestampEnd(bytes, start, end);
      if (space !== -1) {
        stampEnd = space;
        start = space + 1;
      }
      if (end - start > PARTIAL_MESSAGE_BYTES) {
        const joined = removePartialTimestamps(bytes, start, end);
        if (joined) {
          bytes = Buffer.concat([bytes.subarray(stampStart, stampEnd), joined]);
          stampEnd -= stampStart;
          stampStart = 0;
          start = stampEnd;
          end = bytes.length;
        }
      }
    }
    if (tty && end > start && bytes[end - 1] === CARRIAGE_RETURN) end--;
    sink.line(stream, bytes, start, end, stampStart, stampEnd);
    count++;
  };
  const stdout = new LineSplitter(lineHandler('stdout'));
  const stderr = new LineSplitter(lineHandler('stderr'));
  const frames = tty
    ? undefined
    : new FrameReader((stream, bytes, start, end) =>
        (stream === STDERR ? stderr : stdout).push(bytes, start, end),
      );

  let stopped = false;
  let scheduled: NodeJS.Immediate | undefined;
  const deliver = () => {
    scheduled = undefined;
    if (count === 0 || stopped) return;
    const lines = count;
    count = 0;
    sink.batch(lines);
  };
  const onBody = (bytes: Buffer, start: number, end: number) => {
    if (frames) frames.push(bytes, start, end);
    else stdout.push(bytes, start, end);
    // One batch per event-loop turn spares the consumer an update per line.
    scheduled ??= setImmediate(deliver);
  };

  const response: EndingResponse & { destroy(): void } = await context.call(action, async () => {
    if (canGetDirectly(context.endpoint)) {
      // Paced on the local socket, whose small buffer the pacing is measured against (read-pacer.ts).
      const pacer = context.endpoint.protocol === 'unix' ? new ReadPacer() : undefined;
      return getDirectly(context.endpoint, apiPath(context, path, new URLSearchParams(query)), onBody, {
        pacer,
      });
    }
    const message = await dialStream(context, {
      path: `${path}?`,
      query,
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
    });
    message.on('data', (chunk: Buffer) => onBody(chunk, 0, chunk.length));
    return message;
  });
  const done = streamDone(response, {
    context,
    action,
    what: 'log',
    stopped: () => stopped,
    onEnd: () => {
      stdout.flush();
      stderr.flush();
      if (scheduled) clearImmediate(scheduled);
      deliver();
    },
  });

  return {
    tty,
    done,
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
      response.destroy();
    },
  };
}

/** All requested lines at once, without following. */
export async function readLogs(
  context: EngineContext,
  containerId: string,
  options: Omit<LogOptions, 'follow'> = {},
): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const stream = await streamLogs(context, containerId, { ...options, follow: false }, (batch) => {
    for (const line of batch) lines.push(line);
  });
  await stream.done;
  return lines;
}
