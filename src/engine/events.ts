/**
 * The engine's event stream, kept open: when the connection drops (engine restarted, socket
 * gone) it says so, waits for the engine to answer again, and resumes from the last event seen
 * so nothing that happened in between is missed.
 */
import type { Readable } from 'node:stream';
import type { EngineContext } from './client.js';
import { classifyError, type EngineError } from './errors.js';

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

export function subscribeToEvents(ctx: EngineContext, options: EventOptions): EventSubscription {
  const baseRetry = options.retryMs ?? 250;
  const maxRetry = options.maxRetryMs ?? 2000;
  let closed = false;
  let stream: Readable | undefined;
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

  const connect = async (nextDelay: number) => {
    if (closed) return;
    let opened: Readable;
    try {
      const query = lastTime === undefined ? {} : { since: sinceArgument(lastTime) };
      // `since` with nanoseconds is a string; the typings only allow a number.
      opened = (await ctx.docker.getEvents(query as { since?: number })) as unknown as Readable;
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

    let pending = '';
    opened.setEncoding('utf8');
    opened.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line) {
          try {
            deliver(JSON.parse(line) as RawEvent);
          } catch {
            // A malformed line is skipped; the next one is independent.
          }
        }
        newline = pending.indexOf('\n');
      }
    });
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
