/**
 * When a streaming answer from the engine (logs, stats) is over: it resolves when the engine
 * ended it or after the consumer stopped it, and rejects with a sentence when the connection
 * failed or was cut. Never an unhandled rejection: nobody may be awaiting it.
 */
import type { EngineContext } from './client.js';
import { classifyError } from './errors.js';

export interface StreamDoneOptions {
  context: EngineContext;
  /** For the error sentence, e.g. `read the logs of web`. */
  action: string;
  /** What the stream carries, for "the engine closed the … stream". */
  what: string;
  stopped: () => boolean;
  /** Runs once the engine ended the stream, before `done` resolves: flush what is buffered. */
  onEnd?: () => void;
}

/** The events of Node's IncomingMessage that tell how a response ended (direct-get.ts has them too). */
export interface EndingResponse {
  /** The whole body arrived. */
  readonly complete: boolean;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export function streamDone(response: EndingResponse, options: StreamDoneOptions): Promise<void> {
  const { context, action } = options;
  const done = new Promise<void>((resolve, reject) => {
    response.on('end', () => {
      options.onEnd?.();
      resolve();
    });
    response.on('error', (error) => {
      if (options.stopped()) resolve();
      else reject(classifyError(error, { endpoint: context.endpoint.url, action }));
    });
    // A destroyed response emits close without end.
    response.on('close', () => {
      if (options.stopped() || response.complete) resolve();
      else reject(classifyError(new Error(`the engine closed the ${options.what} stream`), { action }));
    });
  });
  done.catch(() => undefined);
  return done;
}
