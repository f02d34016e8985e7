/**
 * The engine's event stream, kept open: when the connection drops (engine restarted, socket
 * gone) it says so, waits for the engine to answer again, and resumes from the last event seen
 * so nothing that happened in between is missed.
 */
import type { Readable } from 'node:stream';
import { apiPath, type EngineContext } from './client.js';
import { getDirectly } from './direct-get.js';
import { classifyError, type EngineError } from './errors.js';
import { decodeLine, LineSplitter } from './line-splitter.js';

export interface EngineEvent {
  /** `container`, `image`, `network`, `volume`, … */
  type: string;
  /** `create`, `start`, `die`, `exec_start`, … (the part before `: `). */
  action: string;
  /** What follows `: ` in the raw action: the command of an exec, the health status. */
  actionDetail?: string;
  /** The object's id (container id, image id or reference). */
  id: string;
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch (a bigint: a double cannot hold them exactly). */
  timeNano: bigint;
}

export type EventStreamStatus =
  | { state: 'connected' }
  | { state: 'disconnected'; error: EngineError }
  | { state: 'reconnected' };

export interface EventSubscription {
  close(): void;
}

export interface EventOptions {
  onEvent: (event: EngineEvent) => void;
  onStatus?: (status: EventStreamStatus) => void;
  /** Delay before the first retry; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number | string;
}

export function toEngineEvent(raw: RawEvent): EngineEvent {
  const fullAction = raw.Action ?? raw.status ?? '';
  const colon = fullAction.indexOf(': ');
  return {
    type: raw.Type ?? 'container',
    action: colon === -1 ? fullAction : fullAction.slice(0, colon),
    actionDetail: colon === -1 ? undefined : fullAction.slice(colon + 2),
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
    timeNano: BigInt(raw.timeNano ?? (raw.time ?? 0) * 1e9),
  };
}

/** `since` takes seconds with a fractional part: `1700000000.123456789`. */
function sinceArgument(timeNano: bigint): string {
  const seconds = timeNano / 1_000_000_000n;
  const nanos = (timeNano % 1_000_000_000n).toString().padStart(9, '0');
  return `${seconds}.${nanos}`;
}

/** An event carries every label of its object: far more than a log line's cut, never cut. */
const MAX_EVENT_BYTES = 64 * 1024 * 1024;

/** The open event stream, as both ways of opening it give it: ended by `end`, `close` or `error`. */
interface OpenStream {
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): void;
}

/**
 * Opens `GET /events` (from `since`, seconds, when given), handing each line to `onLine`. On a
 * local socket over a connection of berth's own (direct-get.ts), like the lists at start-up
 * (client.ts `getJson`); elsewhere through dockerode. Either way the lines are split on the
 * newline byte before decoding, so a character split across reads stays whole.
 */
async function openStream(
  ctx: EngineContext,
  since: string | undefined,
  onLine: (line: string) => void,
): Promise<OpenStream> {
  const lines = new LineSplitter(
    (bytes, start, end) => onLine(decodeLine(bytes, start, end, false)),
    MAX_EVENT_BYTES,
  );
  if (ctx.endpoint.protocol === 'unix') {
    const query = new URLSearchParams(since === undefined ? {} : { since });
    return getDirectly(ctx.endpoint, apiPath(ctx, '/events', query), (bytes, start, end) =>
      lines.push(bytes, start, end),
    );
  }
  // `since` with nanoseconds is a string; the typings only allow a number.
  const query = since === undefined ? {} : { since };
  const opened = (await ctx.docker.getEvents(query as { since?: number })) as unknown as Readable;
  opened.on('data', (chunk: Buffer) => lines.push(chunk, 0, chunk.length));
  return opened;
}

export function subscribeToEvents(ctx: EngineContext, options: EventOptions): EventSubscription {
  const baseRetry = options.retryMs ?? 250;
  const maxRetry = options.maxRetryMs ?? 2000;
  let closed = false;
  let stream: OpenStream | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let lastTime: bigint | undefined;
  // Events at exactly `lastTime` that were already delivered, so a resume does not repeat them.
  let seenAtLastTime = new Set<string>();
  let everConnected = false;
  let disconnected = false;

  const deliver = (raw: RawEvent) => {
    const event = toEngineEvent(raw);
    const key = `${event.type}/${event.action}/${event.id}/${event.actionDetail ?? ''}`;
    // The engine stamps an event before it queues it, so concurrent operations (a burst of
    // creates) reach the stream slightly out of order: an older event is still a new one. Only
    // events at exactly the resume point can repeat after a reconnect.
    if (lastTime !== undefined && event.timeNano < lastTime) {
      options.onEvent(event);
      return;
    }
    if (lastTime !== undefined && event.timeNano === lastTime) {
      if (seenAtLastTime.has(key)) return;
    } else {
      lastTime = event.timeNano;
      seenAtLastTime = new Set();
    }
    seenAtLastTime.add(key);
    options.onEvent(event);
  };

  const scheduleRetry = (delay: number) => {
    if (closed) return;
    retryTimer = setTimeout(() => void connect(Math.min(delay * 2, maxRetry)), delay);
  };

  const lose = (error: unknown, nextDelay: number) => {
    if (closed) return;
    if (!disconnected) {
      disconnected = true;
      options.onStatus?.({
        state: 'disconnected',
        error: classifyError(error, { endpoint: ctx.endpoint.url, action: 'follow engine events' }),
      });
    }
    scheduleRetry(nextDelay);
  };

  /** One line of the stream: an event as JSON. */
  const readLine = (line: string) => {
    // Lines that came with the answer's headers arrive before `connect` sees the stream: none
    // may reach a subscriber that has closed (the early engine, detached) or the wrong store.
    if (closed) return;
    const text = line.trim();
    if (!text) return;
    try {
      deliver(JSON.parse(text) as RawEvent);
    } catch {
      // A malformed line is skipped; the next one is independent.
    }
  };

  const connect = async (nextDelay: number) => {
    if (closed) return;
    let opened: OpenStream;
    try {
      opened = await openStream(ctx, lastTime === undefined ? undefined : sinceArgument(lastTime), readLine);
    } catch (error) {
      lose(error, nextDelay);
      return;
    }
    if (closed) {
      opened.destroy();
      return;
    }
    stream = opened;
    if (!everConnected) {
      everConnected = true;
      options.onStatus?.({ state: 'connected' });
    } else if (disconnected) {
      disconnected = false;
      options.onStatus?.({ state: 'reconnected' });
    }
    // The start of the stream marks "now" for resuming, even if no event has come yet.
    if (lastTime === undefined) lastTime = BigInt(Date.now()) * 1_000_000n;

    let ended = false;
    const onGone = (error?: Error) => {
      if (ended) return;
      ended = true;
      stream = undefined;
      lose(
        error ?? Object.assign(new Error('the engine closed the event stream'), { code: 'ECONNRESET' }),
        baseRetry,
      );
    };
    opened.on('error', onGone);
    opened.on('end', () => onGone());
    opened.on('close', () => onGone());
  };

  void connect(baseRetry);
  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      stream?.destroy();
    },
  };
}
