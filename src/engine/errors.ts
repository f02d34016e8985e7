/**
 * Errors as values: every failure the engine layer reports has a kind and a sentence a person
 * understands. The UI shows `message`; `detail` keeps what the engine or the OS actually said.
 */

export type EngineErrorKind =
  | 'EngineUnreachable'
  | 'PermissionDenied'
  | 'NotFound'
  | 'Conflict'
  | 'NotModified'
  | 'BadRequest'
  | 'BuildFailed'
  | 'ExecFailed'
  | 'EngineTooOld'
  | 'Timeout'
  | 'EngineError';

export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  /** What the engine or the OS said, for logs and the details view. */
  readonly detail: string;
  /** HTTP status from the engine, when there was one. */
  readonly statusCode: number | undefined;

  constructor(kind: EngineErrorKind, message: string, detail = '', statusCode?: number) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
    this.detail = detail;
    this.statusCode = statusCode;
  }
}

export function isEngineError(value: unknown, kind?: EngineErrorKind): value is EngineError {
  return value instanceof EngineError && (kind === undefined || value.kind === kind);
}

/** What was being attempted, so the sentence can name it: "stop web", "the image busybox". */
export interface ErrorContext {
  /** The endpoint in use, e.g. `unix:///var/run/docker.sock`. */
  endpoint?: string;
  /** A short description of the action, e.g. `stop container web`. */
  action?: string;
}

interface ModemError {
  code?: string;
  errno?: number;
  syscall?: string;
  address?: string;
  statusCode?: number;
  reason?: string;
  json?: unknown;
  message?: string;
}

/** The engine's own message from a docker-modem error: `{"message": "..."}` or a string body. */
export function engineMessage(error: ModemError): string {
  const json = error.json;
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') {
    return json.message.trim();
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (Buffer.isBuffer(json)) return json.toString('utf8').trim();
  return (error.reason ?? error.message ?? '').trim();
}

export function unreachable(endpoint: string, detail: string): EngineError {
  const isDefaultSocket = endpoint.startsWith('unix://');
  const fix = isDefaultSocket
    ? 'Is the Docker daemon running? Start it with `sudo systemctl start docker` (or `sudo dockerd`), ' +
      'or point DOCKER_HOST at a running engine.'
    : 'Check that the engine at that address is running and reachable, or change DOCKER_HOST / the docker context.';
  return new EngineError(
    'EngineUnreachable',
    `Cannot connect to the Docker engine at ${endpoint}. ${fix}`,
    detail,
  );
}

export function permissionDenied(endpoint: string, detail: string): EngineError {
  return new EngineError(
    'PermissionDenied',
    `Permission denied on the Docker socket (${endpoint}). Your user may not open it. ` +
      'Either add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again) — ' +
      'note that the docker group is equivalent to root on this machine — or use rootless Docker ' +
      '(https://docs.docker.com/engine/security/rootless/). Do not chmod the socket.',
    detail,
  );
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTSOCK',
  'ECONNABORTED',
]);

/** Turns anything dockerode, docker-modem or the OS throws into an EngineError. */
export function classifyError(error: unknown, context: ErrorContext = {}): EngineError {
  if (error instanceof EngineError) return error;
  const e = (error ?? {}) as ModemError;
  const endpoint = context.endpoint ?? 'the Docker engine';
  // `raw` stays whole in `detail`; the sentences show ids the way docker ps does.
  const raw = engineMessage(e) || String(error);
  const said = shortenIds(raw);
  const what = context.action ? `Could not ${shortenIds(context.action)}: ` : '';

  if (e.code === 'EACCES' || e.code === 'EPERM') return permissionDenied(endpoint, raw);
  if (e.code && CONNECTION_CODES.has(e.code)) return unreachable(endpoint, `${e.code}: ${raw}`);
  if (/socket hang up|connect ECONNREFUSED|ENOENT/.test(raw) && e.statusCode === undefined) {
    return unreachable(endpoint, raw);
  }

  switch (e.statusCode) {
    case 304:
      return new EngineError('NotModified', `${what}${notModifiedSentence(context.action)}`, raw, 304);
    case 400:
      return new EngineError('BadRequest', `${what}${said}`, raw, 400);
    case 404:
      return new EngineError('NotFound', `${what}${said || 'not found'}`, raw, 404);
    case 409:
      return new EngineError('Conflict', `${what}${said}`, raw, 409);
    case 401:
    case 403:
      return new EngineError('PermissionDenied', `${what}${said}`, raw, e.statusCode);
    default:
      break;
  }
  if (e.statusCode && e.statusCode >= 500) {
    // The engine reports some conflicts as 500, e.g. unpausing a container that is not paused.
    if (/is not paused|is not running|is already paused|is paused/i.test(raw)) {
      return new EngineError('Conflict', `${what}${said}`, raw, e.statusCode);
    }
    if (/invalid reference format/i.test(raw)) {
      return new EngineError('BadRequest', `${what}${said}`, raw, e.statusCode);
    }
    return new EngineError('EngineError', `${what}${said}`, raw, e.statusCode);
  }
  return new EngineError('EngineError', `${what}${said}`, raw, e.statusCode);
}

function notModifiedSentence(action?: string): string {
  if (action?.startsWith('stop')) return 'the container is already stopped.';
  if (action?.startsWith('start')) return 'the container is already running.';
  return 'nothing to change.';
}

/** A full id: a container's 64 hex digits, an image's with `sha256:`; after `@` it is a digest. */
const FULL_ID = /(@?)(?:sha256:)?\b([0-9a-f]{64})\b/g;

/** A sentence with each full id cut to the 12 digits docker ps and docker images show. Digests stay. */
export function shortenIds(text: string): string {
  return text.replace(FULL_ID, (match, at: string, hex: string) => (at ? match : hex.slice(0, 12)));
}

/**
 * A sentence about one container or image, naming it as the list does: the engine's messages
 * (and berth's calls) use its id, full or short, where a person knows it by `label`.
 */
export function withName(text: string, id: string, label: string): string {
  const hex = /^(?:sha256:)?([0-9a-f]{64})$/.exec(id)?.[1];
  if (!hex) return text;
  return shortenIds(text).replace(new RegExp(`\\b${hex.slice(0, 12)}\\b`, 'g'), () => label);
}

/**
 * The container changes that can be asked for when the container is already that way; `kill`
 * only as the end of a stop's grace period, when the container may have exited on its SIGTERM.
 */
export type ContainerChange = 'start' | 'stop' | 'pause' | 'unpause' | 'kill';

/**
 * What the container already is when the engine refused `change` for having nothing to do
 * (`already stopped`); undefined for a real failure. `docker stop` on a stopped container and
 * `docker start` on a running one exit 0 (the engine answers 304 Not Modified); pausing a paused
 * one or unpausing one that is not paused is as harmless, though the engine calls it a conflict.
 */
export function alreadyThatWay(change: ContainerChange, error: unknown): string | undefined {
  if (!isEngineError(error)) return undefined;
  if (error.kind === 'NotModified') {
    if (change === 'stop') return 'already stopped';
    if (change === 'start') return 'already running';
  }
  if (error.kind === 'Conflict') {
    if (change === 'pause' && /is already paused/i.test(error.detail)) return 'already paused';
    if (change === 'unpause' && /is not paused/i.test(error.detail)) return 'not paused';
    if (change === 'kill' && /is not running/i.test(error.detail)) return 'already stopped';
  }
  return undefined;
}
