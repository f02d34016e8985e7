/**
 * Decodes the classic builder's JSON progress stream (engine 20.10, `POST /build` without
 * BuildKit) into build events: which step runs, what it printed, whether the cache served it,
 * the layer it produced and how long it took. Pure: feed it chunks, get events back.
 *
 * The engine's stream, as captured from dockerd 20.10:
 *   {"stream":"Step 2/3 : RUN echo hi"}{"stream":"\n"}       step header, newline sent apart
 *   {"stream":" ---> Running in 0f3c…\n"}                    the step's container
 *   {"stream":"hi\n"}  {"stream":"\u001b[91moops\n\u001b[0m"} output (stderr wrapped in red)
 *   {"stream":"Removing intermediate container 0f3c…\n"}
 *   {"stream":" ---> Using cache\n"}                         instead of running it
 *   {"stream":" ---> 86ef962e8597\n"}                        the layer the step produced
 *   {"aux":{"ID":"sha256:…"}} {"stream":"Successfully built …\n"} {"stream":"Successfully tagged x:1\n"}
 *   {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"…"}
 * Output that does not end in a newline runs straight into the next marker
 * ("abcRemoving intermediate container …"), so markers are also matched at the end of a line.
 */
import { StringDecoder } from 'node:string_decoder';

export type BuildEvent =
  | { type: 'step'; index: number; total: number; instruction: string }
  | { type: 'cached'; step: number }
  | { type: 'output'; step: number; text: string }
  | { type: 'stepDone'; step: number; layerId: string; seconds: number; cached: boolean }
  | { type: 'error'; step: number | undefined; message: string; exitCode: number | undefined }
  | { type: 'tagged'; step: number; tag: string }
  | { type: 'done'; imageId: string };

interface BuildMessage {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
  status?: string;
  progressDetail?: unknown;
  id?: string;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const USING_CACHE = /^ ---> Using cache$/;
const RUNNING_IN = /^(.*?) ---> Running in [0-9a-f]+$/;
const LAYER = /^(.*?) ---> ([0-9a-f]{12,64})$/;
const REMOVING = /^(.*?)Removing intermediate container [0-9a-f]+$/;
const BUILT = /^Successfully built ([0-9a-f]+)$/;
const TAGGED = /^Successfully tagged (.+)$/;
const EXIT_CODE = /returned a non-zero code: (\d+)/;
// The only escape sequences the classic builder adds itself: red around a step's stderr.
const STDERR_COLOUR = /\u001b\[(?:91|0)m/g;

export interface BuildProgressOptions {
  /** Milliseconds clock, for step durations; replaceable in tests. */
  now?: () => number;
}

export class BuildProgressDecoder {
  private readonly now: () => number;
  private readonly utf8 = new StringDecoder('utf8');
  /** JSON text not yet forming a whole object. */
  private pending = '';
  /** Stream text not yet ending in a newline. */
  private line = '';
  private step = 0;
  private stepStarted = 0;
  private stepCached = false;
  private imageId: string | undefined;
  private shortImageId: string | undefined;
  private failed = false;

  constructor(options: BuildProgressOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The step the build is on; 0 before the first. */
  get currentStep(): number {
    return this.step;
  }

  /** Feeds one chunk of the response body; objects may be split across chunks or share one. */
  push(chunk: Buffer | string): BuildEvent[] {
    this.pending += typeof chunk === 'string' ? chunk : this.utf8.write(chunk);
    const events: BuildEvent[] = [];
    for (const text of this.takeObjects()) {
      let message: BuildMessage;
      try {
        message = JSON.parse(text) as BuildMessage;
      } catch {
        // Not JSON (a proxy's error page, say): show it rather than lose it.
        events.push(...this.streamText(`${text}\n`));
        continue;
      }
      events.push(...this.message(message));
    }
    return events;
  }

  /** Call when the body ends: flushes a last partial line and reports the image when all went well. */
  end(): BuildEvent[] {
    const events = this.push(this.utf8.end());
    if (this.pending.trim()) events.push(...this.streamText(`${this.pending}\n`));
    this.pending = '';
    events.push(...this.flushLine());
    const imageId = this.imageId ?? this.shortImageId;
    if (!this.failed && imageId) events.push({ type: 'done', imageId });
    return events;
  }

  /** Splits off every complete top-level JSON object, by tracking braces outside strings. */
  private takeObjects(): string[] {
    const objects: string[] = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let start = -1;
    let consumed = 0;
    for (let i = 0; i < this.pending.length; i++) {
      const c = this.pending[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (c === '}' && depth > 0) {
        depth--;
        if (depth === 0) {
          objects.push(this.pending.slice(start, i + 1));
          consumed = i + 1;
        }
      } else if (depth === 0 && c === '\n') {
        consumed = i + 1;
      }
    }
    this.pending = this.pending.slice(consumed);
    return objects;
  }

  private message(message: BuildMessage): BuildEvent[] {
    if (typeof message.stream === 'string') return this.streamText(message.stream);
    if (message.aux?.ID) {
      this.imageId = message.aux.ID;
      return [];
    }
    if (message.error !== undefined || message.errorDetail) {
      const events = this.flushLine();
      const text = (message.errorDetail?.message ?? message.error ?? '').trim();
      const exitCode = message.errorDetail?.code ?? numberOrUndefined(EXIT_CODE.exec(text)?.[1]);
      this.failed = true;
      events.push({ type: 'error', step: this.step || undefined, message: text, exitCode });
      return events;
    }
    // Pull progress for a FROM image: only the lines without a progress bar say anything.
    if (typeof message.status === 'string' && !message.progressDetail) {
      const text = message.id ? `${message.id}: ${message.status}` : message.status;
      return this.streamText(`${text}\n`);
    }
    return [];
  }

  private streamText(text: string): BuildEvent[] {
    this.line += text.replace(STDERR_COLOUR, '');
    const events: BuildEvent[] = [];
    let newline = this.line.indexOf('\n');
    while (newline !== -1) {
      const line = this.line.slice(0, newline).replace(/\r$/, '');
      this.line = this.line.slice(newline + 1);
      events.push(...this.classify(line));
      newline = this.line.indexOf('\n');
    }
    return events;
  }

  private flushLine(): BuildEvent[] {
    if (this.line === '') return [];
    const line = this.line;
    this.line = '';
    return this.classify(line);
  }

  private output(text: string): BuildEvent[] {
    return text === '' ? [] : [{ type: 'output', step: this.step, text }];
  }

  private classify(line: string): BuildEvent[] {
    const step = STEP.exec(line);
    if (step) {
      this.step = Number(step[1]);
      this.stepStarted = this.now();
      this.stepCached = false;
      return [{ type: 'step', index: this.step, total: Number(step[2]), instruction: step[3] ?? '' }];
    }
    if (USING_CACHE.test(line)) {
      this.stepCached = true;
      return [{ type: 'cached', step: this.step }];
    }
    const running = RUNNING_IN.exec(line);
    if (running) return this.output(running[1] ?? '');
    const removing = REMOVING.exec(line);
    if (removing) return this.output(removing[1] ?? '');
    const layer = LAYER.exec(line);
    if (layer) {
      const seconds = Math.round((this.now() - this.stepStarted) / 100) / 10;
      return [
        ...this.output(layer[1] ?? ''),
        { type: 'stepDone', step: this.step, layerId: layer[2] ?? '', seconds, cached: this.stepCached },
      ];
    }
    const built = BUILT.exec(line);
    if (built) {
      this.shortImageId = built[1];
      return [];
    }
    const tagged = TAGGED.exec(line);
    if (tagged) return [{ type: 'tagged', step: this.step, tag: tagged[1] ?? '' }];
    return this.output(line);
  }
}

function numberOrUndefined(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** Decodes a whole captured stream at once; for tests and for replaying a saved build log. */
export function decodeBuildStream(
  chunks: Array<Buffer | string>,
  options?: BuildProgressOptions,
): BuildEvent[] {
  const decoder = new BuildProgressDecoder(options);
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}
