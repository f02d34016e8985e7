/**
 * Decodes the engine's pull and push progress stream (`POST /images/create`, `POST /images/…/push`)
 * into a table of layers, the way the docker CLI draws one progress line per layer. Pure: feed it
 * chunks, read the state.
 *
 * The engine's stream, as captured from dockerd 20.10 against a docker-registry 2.8:
 *   {"status":"Pulling from berth/busybox","id":"t1"}                  id is the tag here, not a layer
 *   {"status":"Pulling fs layer","progressDetail":{},"id":"0b6ac8096370"}
 *   {"status":"Already exists","progressDetail":{},"id":"0b6ac8096370"}
 *   {"status":"Downloading","progressDetail":{"current":36445,"total":1068745},"progress":"[=>  ]…","id":"…"}
 *   {"status":"Verifying Checksum"…}  {"status":"Download complete"…}  {"status":"Extracting",…}
 *   {"status":"Pull complete","progressDetail":{},"id":"0b6ac8096370"}
 *   {"status":"Digest: sha256:…"}  {"status":"Status: Downloaded newer image for 127.0.0.1:5055/berth/busybox:t1"}
 * and for a push:
 *   {"status":"The push refers to repository [127.0.0.1:5055/berth/busybox]"}
 *   {"status":"Preparing"…}  {"status":"Waiting"…}  {"status":"Pushing","progressDetail":{"current":…,"total":…}…}
 *   {"status":"Pushed"…}  {"status":"Layer already exists"…}  {"status":"Mounted from berth/two"…}
 *   {"status":"t1: digest: sha256:… size: 527"}  {"aux":{"Tag":"t1","Digest":"sha256:…","Size":527}}
 * A failure after the transfer started arrives in the stream with status 200:
 *   {"errorDetail":{"message":"no basic auth credentials"},"error":"no basic auth credentials"}
 */
import { StringDecoder } from 'node:string_decoder';
import { humanSize } from '../ui/format/size.js';

export type LayerPhase =
  | 'waiting'
  | 'preparing'
  | 'downloading'
  | 'verifying'
  | 'downloaded'
  | 'extracting'
  | 'pushing'
  | 'retrying'
  /** Pulled and extracted. */
  | 'complete'
  /** Uploaded to the registry. */
  | 'pushed'
  /** Already present where it was going (locally for a pull, in the registry for a push). */
  | 'exists';

export interface LayerProgress {
  /** The short layer id the engine reports, e.g. `0b6ac8096370`. */
  id: string;
  phase: LayerPhase;
  /** The engine's own words for the phase: `Downloading`, `Mounted from berth/two`. */
  status: string;
  /** Bytes done in the current phase, when the engine reported them. */
  current: number | undefined;
  /** Bytes the current phase will move, when known. */
  total: number | undefined;
}

export interface TransferState {
  /** Layers in the order the engine first named them. */
  layers: LayerProgress[];
  /** Lines that are not about one layer: `Pulling from berth/busybox`, `Status: …`. */
  messages: string[];
  /** The manifest digest once the engine reported it. */
  digest: string | undefined;
  /** The engine's failure message when the stream carried an error. */
  error: string | undefined;
}

interface ProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

const PHASES: Array<[RegExp, LayerPhase]> = [
  [/^Pulling fs layer$/, 'waiting'],
  [/^Waiting$/, 'waiting'],
  [/^Preparing$/, 'preparing'],
  [/^Downloading$/, 'downloading'],
  [/^Verifying Checksum$/, 'verifying'],
  [/^Download complete$/, 'downloaded'],
  [/^Extracting$/, 'extracting'],
  [/^Pull complete$/, 'complete'],
  [/^Already exists$/, 'exists'],
  [/^Pushing$/, 'pushing'],
  [/^Pushed$/, 'pushed'],
  [/^Layer already exists$/, 'exists'],
  [/^Mounted from /, 'exists'],
  [/^Retrying in /, 'retrying'],
];

// Messages that carry an `id` that is not a layer: the tag being pulled.
const NOT_A_LAYER = /^Pulling from |^Pulling repository /;
const PULL_DIGEST = /^Digest: (sha256:[0-9a-f]{64})$/;
const PUSH_DIGEST = /: digest: (sha256:[0-9a-f]{64}) size: \d+$/;

export function phaseOf(status: string): LayerPhase | undefined {
  return PHASES.find(([pattern]) => pattern.test(status))?.[1];
}

/** Whether the layer needs nothing more: pulled, pushed, or already there. */
export function isLayerDone(layer: LayerProgress): boolean {
  return layer.phase === 'complete' || layer.phase === 'pushed' || layer.phase === 'exists';
}

export class TransferProgressDecoder {
  private readonly utf8 = new StringDecoder('utf8');
  /** JSON text not yet forming a whole object. */
  private pending = '';
  private readonly layers = new Map<string, LayerProgress>();
  private readonly messages: string[] = [];
  private digest: string | undefined;
  private error: string | undefined;

  /** Feeds one chunk of the response body; returns whether the state changed. */
  push(chunk: Buffer | string): boolean {
    this.pending += typeof chunk === 'string' ? chunk : this.utf8.write(chunk);
    let changed = false;
    // The engine ends each object with "\r\n"; an object is only taken once its line is whole.
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const line = this.pending.slice(0, newline).trim();
      this.pending = this.pending.slice(newline + 1);
      if (line) changed = this.apply(line) || changed;
      newline = this.pending.indexOf('\n');
    }
    return changed;
  }

  /** Takes a last object that arrived without its line end. */
  end(): boolean {
    const rest = (this.pending + this.utf8.end()).trim();
    this.pending = '';
    return rest ? this.apply(rest) : false;
  }

  /** Adds a line of berth's own, e.g. a warning about credentials, among the engine's messages. */
  note(text: string): void {
    this.messages.push(text);
  }

  /** A copy of the current state, safe to keep while decoding goes on. */
  snapshot(): TransferState {
    return {
      layers: [...this.layers.values()].map((layer) => ({ ...layer })),
      messages: [...this.messages],
      digest: this.digest,
      error: this.error,
    };
  }

  private apply(line: string): boolean {
    let message: ProgressMessage;
    try {
      message = JSON.parse(line) as ProgressMessage;
    } catch {
      // Not JSON: keep it as a message rather than lose what the engine said.
      this.messages.push(line);
      return true;
    }
    if (message.errorDetail || message.error) {
      this.error = message.errorDetail?.message ?? message.error ?? 'unknown error';
      return true;
    }
    if (message.aux?.Digest) {
      this.digest = message.aux.Digest;
      return true;
    }
    const status = message.status;
    if (status === undefined) return false;
    if (message.id && !NOT_A_LAYER.test(status)) {
      this.applyLayer(message.id, status, message.progressDetail);
      return true;
    }
    const digest = PULL_DIGEST.exec(status) ?? PUSH_DIGEST.exec(status);
    if (digest?.[1]) this.digest = digest[1];
    this.messages.push(message.id ? `${message.id}: ${status}` : status);
    return true;
  }

  private applyLayer(id: string, status: string, detail: ProgressMessage['progressDetail']) {
    const layer = this.layers.get(id) ?? {
      id,
      phase: 'waiting' as LayerPhase,
      status,
      current: undefined,
      total: undefined,
    };
    const phase = phaseOf(status);
    if (phase !== undefined && phase !== layer.phase) {
      // A new phase counts its own bytes (extracting starts again from zero).
      layer.current = undefined;
      layer.total = undefined;
      layer.phase = phase;
    }
    layer.status = status;
    if (detail?.current !== undefined) layer.current = detail.current;
    if (detail?.total !== undefined && detail.total > 0) layer.total = detail.total;
    if (phase === 'downloaded' || isLayerDone(layer)) {
      layer.current = undefined;
      layer.total = undefined;
    }
    this.layers.set(id, layer);
  }
}

/** Decodes a whole captured stream at once. */
export function decodeTransferStream(text: string): TransferState {
  const decoder = new TransferProgressDecoder();
  decoder.push(text);
  decoder.end();
  return decoder.snapshot();
}

/**
 * The docker CLI's progress text for a layer (jsonmessage's JSONProgress.String without the time
 * left): `[=====>      ]  1.2MB/4.3MB`, with `width` cells of `=` (the CLI uses 50). Empty when
 * the engine gave no byte counts; only the count when it gave no total, or a count past the total.
 */
export function formatProgressBar(layer: Pick<LayerProgress, 'current' | 'total'>, width = 50): string {
  const current = layer.current ?? 0;
  const total = layer.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  const done = humanSize(current, 4);
  if (total <= 0) return done.padStart(8);
  // Whole percent first, as the CLI does (`int(current/total*100) / 2` at width 50).
  const percent = Math.floor((current / total) * 100);
  const filled = Math.min(width, Math.floor((percent * width) / 100));
  const bar = `[${'='.repeat(filled)}>${' '.repeat(width - filled)}] `;
  const numbers = current > total ? done.padStart(8) : `${done.padStart(8)}/${humanSize(total, 4)}`;
  return bar + numbers;
}
