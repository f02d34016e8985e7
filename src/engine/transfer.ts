/**
 * `docker pull` and `docker push`: checks the name, finds credentials as the CLI does, streams the
 * engine's per-layer progress, and resolves with the manifest digest. Registry refusals become
 * RegistryErrors with a sentence (registry-errors.ts); a registry that never answers is given up
 * on after `responseTimeoutMs`, since the engine itself waits about 25 s for a silent one.
 */
import type { Readable } from 'node:stream';
import type { EngineContext } from './client.js';
import { classifyError, EngineError, engineMessage } from './errors.js';
import { TransferProgressDecoder, type TransferState } from './pull-progress.js';
import { formatReference, type ImageReference, normaliseReference } from './reference.js';
import { type HelperRunner, lookupCredentials, type RegistryCredentials } from './registry-auth.js';
import { classifyTransferFailure, RegistryError, type TransferFailureContext } from './registry-errors.js';

export type { LayerPhase, LayerProgress, TransferState } from './pull-progress.js';
export { formatProgressBar, isLayerDone } from './pull-progress.js';
export { isRegistryError, RegistryError, type RegistryProblem } from './registry-errors.js';

export interface TransferOptions {
  /** Aborting it closes the request; the engine then stops the transfer. */
  signal?: AbortSignal;
  /**
   * How long to wait for the engine's first answer, which comes only after it has reached the
   * registry. Default 30 s.
   */
  responseTimeoutMs?: number;
  /** Where to look for config.json (`DOCKER_CONFIG`, `HOME`); the process's own by default. */
  env?: NodeJS.ProcessEnv;
  /** Runs credential helpers; replaceable in tests. */
  runHelper?: HelperRunner;
}

export interface TransferResult {
  /** The reference as transferred, e.g. `127.0.0.1:5000/berth/busybox:t1`. */
  reference: string;
  /** The manifest digest the registry holds for it. */
  digest: string | undefined;
  /** Sentences about things that got in the way without stopping it (a missing credential helper). */
  warnings: string[];
  /** The final state: every layer and message. */
  state: TransferState;
}

export type TransferProgressListener = (state: TransferState) => void;

/** The person cancelled the transfer: not a failure to report as one. */
export class TransferCancelledError extends EngineError {
  constructor(action: 'pull' | 'push') {
    super('EngineError', `${action} cancelled`);
    this.name = 'TransferCancelledError';
  }
}

export function isTransferCancelled(error: unknown): error is TransferCancelledError {
  return error instanceof TransferCancelledError;
}

const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

function checkedReference(text: string, action: 'pull' | 'push'): ImageReference {
  const parsed = normaliseReference(text);
  if (!parsed.ok) {
    throw new EngineError(
      'BadRequest',
      `"${text}" is not a valid image name: ${parsed.reason}.`,
      parsed.reason,
    );
  }
  if (action === 'push' && parsed.digest !== undefined) {
    throw new EngineError('BadRequest', `Cannot push "${text}": push a tag, not a digest.`);
  }
  return parsed;
}

/** Pulls an image, reporting per-layer progress; resolves with the digest. */
export function pullImage(
  ctx: EngineContext,
  reference: string,
  onProgress: TransferProgressListener = () => {},
  options: TransferOptions = {},
): Promise<TransferResult> {
  return transfer(ctx, 'pull', reference, onProgress, options);
}

/** Pushes a local image to its registry, reporting per-layer progress; resolves with the digest. */
export function pushImage(
  ctx: EngineContext,
  reference: string,
  onProgress: TransferProgressListener = () => {},
  options: TransferOptions = {},
): Promise<TransferResult> {
  return transfer(ctx, 'push', reference, onProgress, options);
}

async function transfer(
  ctx: EngineContext,
  action: 'pull' | 'push',
  text: string,
  onProgress: TransferProgressListener,
  options: TransferOptions,
): Promise<TransferResult> {
  const reference = checkedReference(text, action);
  const name = formatReference(reference);
  const tagOrDigest = reference.digest ?? reference.tag ?? 'latest';
  const { signal } = options;
  if (signal?.aborted) throw new TransferCancelledError(action);

  const lookup = await lookupCredentials(reference, { env: options.env, runHelper: options.runHelper });
  const warnings = lookup.warning ? [lookup.warning] : [];
  const failure: TransferFailureContext = {
    action,
    reference: name,
    path: reference.path,
    tagOrDigest,
    registry: lookup.registry,
    credentialSource: lookup.source,
  };
  const decoder = new TransferProgressDecoder();
  for (const warning of warnings) decoder.note(warning);
  if (warnings.length > 0) onProgress(decoder.snapshot());

  // One controller for both the caller's cancel and berth's own wait for the first answer.
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);

  try {
    let response: Readable;
    try {
      response = await request(ctx, action, reference, tagOrDigest, lookup.credentials ?? {}, abort.signal);
    } catch (error) {
      if (signal?.aborted) throw new TransferCancelledError(action);
      if (timedOut) throw notAnswering(lookup.registry.host, timeoutMs);
      throw requestFailure(ctx, error, failure);
    } finally {
      clearTimeout(timer);
    }
    await readProgress(response, decoder, onProgress, abort.signal);
    if (signal?.aborted) throw new TransferCancelledError(action);
    const state = decoder.snapshot();
    if (state.error !== undefined) throw classifyTransferFailure(state.error, failure);
    return { reference: name, digest: state.digest, warnings, state };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function request(
  ctx: EngineContext,
  action: 'pull' | 'push',
  reference: ImageReference,
  tagOrDigest: string,
  credentials: RegistryCredentials | Record<string, never>,
  abortSignal: AbortSignal,
): Promise<Readable> {
  if (action === 'pull') {
    // The engine takes a digest in `tag` too; without `tag` it would pull every tag.
    return ctx.docker.createImage(credentials, {
      fromImage: reference.repository,
      tag: tagOrDigest,
      abortSignal,
    }) as Promise<Readable>;
  }
  // The engine refuses a push without the X-Registry-Auth header, so an empty one is always sent.
  return ctx.docker.getImage(reference.repository).push({
    tag: tagOrDigest,
    authconfig: credentials,
    abortSignal,
  }) as Promise<Readable>;
}

function notAnswering(host: string, timeoutMs: number): RegistryError {
  return new RegistryError(
    'Unreachable',
    host,
    `Cannot reach the registry at ${host}: it did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    `no answer from the engine within ${timeoutMs} ms`,
    'Timeout',
  );
}

/**
 * What the engine said when it refused the request. For streaming calls docker-modem leaves
 * `json` empty and puts the body in the message: `(HTTP code 500) server error - Get "…": … `.
 */
export function refusalText(error: { json?: unknown; message?: string }): string {
  const fromJson = engineMessage({ json: error.json });
  if (fromJson) return fromJson;
  const body = (error.message ?? '').replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.trim();
  } catch {}
  return body;
}

/** A failure before the stream began: the engine itself unreachable, or the registry's refusal. */
function requestFailure(ctx: EngineContext, error: unknown, failure: TransferFailureContext): EngineError {
  const e = error as { statusCode?: number; json?: unknown; message?: string };
  if (e.statusCode === undefined) {
    return classifyError(error, {
      endpoint: ctx.endpoint.url,
      action: `${failure.action} ${failure.reference}`,
    });
  }
  return classifyTransferFailure(refusalText(e), failure);
}

function readProgress(
  response: Readable,
  decoder: TransferProgressDecoder,
  onProgress: TransferProgressListener,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      signal.removeEventListener('abort', cancel);
      if (decoder.end()) onProgress(decoder.snapshot());
      resolve();
    };
    // Closing the response is what tells the engine to stop.
    const cancel = () => {
      response.destroy();
      resolve();
    };
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel, { once: true });
    response.on('data', (chunk: Buffer) => {
      if (decoder.push(chunk)) onProgress(decoder.snapshot());
    });
    response.once('end', finish);
    response.once('error', (error) => {
      signal.removeEventListener('abort', cancel);
      if (signal.aborted) resolve();
      else reject(classifyError(error));
    });
  });
}
