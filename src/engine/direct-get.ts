/**
 * A streaming GET on a connection of berth's own. The engine flushes every log line as its own
 * HTTP chunk, and Node's HTTP client turns each chunk into a parser callback and a stream event:
 * for 500,000 lines that was ~0.7 s of CPU before berth saw a byte (on a 2-core machine, taken
 * from the engine that is sending them). Here the response is read from the socket in large
 * reads and its chunked body decoded in one pass over each (chunked.ts).
 *
 * The log stream uses it on the local socket and plain TCP; on the local socket the JSON answers
 * (`readJson`, client.ts `getJson`: the version, the lists, a container's inspect) and the event
 * stream (events.ts) use it too, so a start draws its first frame, and its first log, without
 * loading dockerode. TLS and ssh go through dockerode. On the local socket the log stream's reads
 * are paced while a log floods (read-pacer.ts).
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { type BodyHandler, ChunkedDecoder } from './chunked.js';
import type { Endpoint } from './connection.js';
import type { ReadPacer } from './read-pacer.js';

/** Response headers larger than this are not the engine's. */
const MAX_HEAD_BYTES = 64 * 1024;
/** An error body is a short JSON message; more is not kept. */
const MAX_ERROR_BYTES = 64 * 1024;

export function canGetDirectly(endpoint: Endpoint): boolean {
  return endpoint.protocol === 'unix' || (endpoint.protocol === 'tcp' && !endpoint.tls);
}

/**
 * The body of a 2xx answer, as events shaped like Node's IncomingMessage: `end` once the whole
 * body was read, then `close`; `close` alone when the connection was cut; `error`.
 */
export class DirectResponse extends EventEmitter {
  /** The whole body arrived (the last chunk of a chunked body, or the end of any other). */
  complete = false;

  constructor(
    readonly statusCode: number,
    private readonly socket: net.Socket,
  ) {
    super();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** What docker-modem rejects with, so classifyError reads both alike. */
export interface StatusError extends Error {
  statusCode: number;
  json: unknown;
}

function statusError(statusCode: number, body: Buffer): StatusError {
  const text = body.toString('utf8').trim();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  const message = typeof json === 'object' && json && 'message' in json ? String(json.message) : text;
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json });
}

interface Head {
  statusCode: number;
  chunked: boolean;
  /** Content-Length, when given. */
  length: number | undefined;
}

function parseHead(text: string): Head {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match)
    throw new Error(`the engine answered with something other than HTTP: ${statusLine.slice(0, 80)}`);
  let chunked = false;
  let length: number | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
    else if (name === 'content-length') length = Number(value);
  }
  return { statusCode: Number(match[1]), chunked, length };
}

/** Bytes read into one buffer per connection, handed to `onData` as a view of it. */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * Connects, reading into a buffer of the connection's own (Node's `onread`): each read is handed
 * to `onData` straight from the socket, as a view that the next read overwrites, so whatever keeps
 * bytes past the call copies them. A log that prints fast arrives in tens of thousands of small
 * reads, and skipping the stream machinery and a new Buffer on each is time the engine gets on a
 * 2-core machine.
 */
function connect(endpoint: Endpoint, onData: (chunk: Buffer) => void, pacer?: ReadPacer): net.Socket {
  const onread = {
    buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
    callback: pacer
      ? (size: number, buffer: Buffer) => {
          pacer.read(size, () => onData(buffer.subarray(0, size)));
          return true;
        }
      : (size: number, buffer: Buffer) => {
          onData(buffer.subarray(0, size));
          return true;
        },
  };
  if (endpoint.protocol === 'unix') return net.connect({ path: endpoint.socketPath!, onread });
  // URL keeps an IPv6 address in brackets; connect wants it bare.
  return net.connect({ host: endpoint.host!.replace(/^\[(.*)\]$/, '$1'), port: endpoint.port!, onread });
}

export interface GetOptions {
  /** Paces the reads of a stream that can flood (a log on a local socket; read-pacer.ts). */
  pacer?: ReadPacer;
}

/**
 * GETs `path` (with its query) and resolves once the headers are in. The body goes to `onBody`
 * as it arrives, including any that came with the headers (before the promise settles). Rejects
 * with the socket's error, or with a StatusError for a status outside 2xx.
 */
export function getDirectly(
  endpoint: Endpoint,
  path: string,
  onBody: BodyHandler,
  options: GetOptions = {},
): Promise<DirectResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint, (chunk) => onData(chunk), options.pacer);
    let head: Buffer | undefined = Buffer.alloc(0);
    let response: DirectResponse | undefined;
    /** Reads the body bytes of `chunk[start..)` once the headers are in. */
    let readBody: (chunk: Buffer, start: number) => void = () => undefined;
    /** Set for a body that lasts until the connection closes (neither chunked nor sized). */
    let untilClose = false;

    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };

    const readError = (parsed: Head) => {
      const parts: Buffer[] = [];
      let kept = 0;
      const settle = () => fail(statusError(parsed.statusCode, Buffer.concat(parts)));
      const keep: BodyHandler = (bytes, start, end) => {
        if (kept < MAX_ERROR_BYTES) parts.push(Buffer.from(bytes.subarray(start, end)));
        kept += end - start;
      };
      // A proxy may send the error chunked: the message is the decoded body, not its framing.
      const decoder = parsed.chunked ? new ChunkedDecoder(keep) : undefined;
      readBody = (chunk, start) => {
        if (decoder) {
          try {
            decoder.push(chunk, start);
          } catch {
            return settle();
          }
          if (decoder.done) settle();
          return;
        }
        keep(chunk, start, chunk.length);
        if (parsed.length !== undefined && kept >= parsed.length) settle();
      };
      // A chunked error body is read to the end of the connection (`Connection: close`).
      socket.on('end', settle);
      if (parsed.length === 0) settle();
    };

    const readOk = (parsed: Head) => {
      const ok = new DirectResponse(parsed.statusCode, socket);
      response = ok;
      if (parsed.chunked) {
        const decoder = new ChunkedDecoder(onBody);
        readBody = (chunk, start) => {
          if (ok.complete) return;
          try {
            decoder.push(chunk, start);
          } catch (error) {
            socket.destroy(error as Error);
            return;
          }
          if (decoder.done) ok.complete = true;
        };
      } else if (parsed.length === undefined) {
        untilClose = true;
        readBody = (chunk, start) => onBody(chunk, start, chunk.length);
      } else {
        let left = parsed.length;
        ok.complete = left === 0;
        readBody = (chunk, start) => {
          const end = Math.min(chunk.length, start + left);
          if (end > start) onBody(chunk, start, end);
          left -= end - start;
          if (left === 0) ok.complete = true;
        };
      }
      resolve(ok);
    };

    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: berth\r\nConnection: close\r\n\r\n`);
    });
    const onData = (chunk: Buffer) => {
      if (!head) return readBody(chunk, 0);
      // Kept until the headers are whole: a copy, as the read buffer is reused.
      head = Buffer.concat([head, chunk]);
      const headEnd = head.indexOf('\r\n\r\n');
      if (headEnd === -1) {
        if (head.length > MAX_HEAD_BYTES) fail(new Error('the engine sent response headers without an end'));
        return;
      }
      let parsed: Head;
      try {
        parsed = parseHead(head.toString('latin1', 0, headEnd));
      } catch (error) {
        return fail(error as Error);
      }
      const rest = head;
      head = undefined;
      if (parsed.statusCode >= 200 && parsed.statusCode <= 299) readOk(parsed);
      else readError(parsed);
      if (headEnd + 4 < rest.length) readBody(rest, headEnd + 4);
    };
    socket.on('end', () => {
      if (!response) return;
      if (untilClose) response.complete = true;
      if (response.complete) response.emit('end');
    });
    socket.on('error', (error) => {
      if (!response) reject(error);
      else if (response.listenerCount('error') > 0) response.emit('error', error);
    });
    socket.on('close', () => {
      if (response) response.emit('close');
      else reject(new Error('socket hang up'));
    });
  });
}

/** A JSON answer larger than this is not one the engine gives to the GETs that use `readJson`. */
const MAX_JSON_BYTES = 512 * 1024 * 1024;

/**
 * GETs `path` and parses its body as JSON (client.ts `getJson`). Rejects as `getDirectly` does,
 * and with a SyntaxError for a body that is not JSON.
 */
export async function readJson<T>(endpoint: Endpoint, path: string): Promise<T> {
  const parts: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const response = await getDirectly(endpoint, path, (bytes, start, end) => {
    size += end - start;
    if (size > MAX_JSON_BYTES) tooLarge = true;
    // A copy: the socket's buffer is only read during the call.
    else parts.push(Buffer.from(bytes.subarray(start, end)));
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return;
      settled = true;
      run();
    };
    response.on('end', () =>
      settle(() => {
        if (tooLarge)
          return reject(new Error(`the engine's answer to ${path} was larger than ${MAX_JSON_BYTES} bytes`));
        try {
          resolve(JSON.parse(Buffer.concat(parts, size).toString('utf8')) as T);
        } catch (error) {
          reject(error);
        }
      }),
    );
    response.on('error', (error: Error) => settle(() => reject(error)));
    // Closed before the whole body came: the engine went away mid-answer.
    response.on('close', () =>
      settle(() => reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))),
    );
  });
}
