/**
 * Which engine to talk to, decided like the docker CLI does:
 * DOCKER_HOST, then DOCKER_CONTEXT, then the current context in ~/.docker/config.json,
 * else the default socket. Pure: the environment and the file reader are passed in.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export type Protocol = 'unix' | 'tcp' | 'ssh' | 'npipe';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  /** false when TLS is used without verifying the server (DOCKER_TLS without DOCKER_TLS_VERIFY). */
  verify: boolean;
}

export interface Endpoint {
  protocol: Protocol;
  /** The address as a docker user would write it: `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  url: string;
  socketPath?: string;
  host?: string;
  port?: number;
  username?: string;
  tls?: TlsFiles;
  /** Why this endpoint was chosen, for `berth doctor`. */
  source: string;
  /** The docker context's name, when one was used. */
  context?: string;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface ResolveInput {
  env: Record<string, string | undefined>;
  homeDir: string;
  /** Returns a file's text, or undefined when it does not exist. */
  readFile: (file: string) => string | undefined;
  /** Returns whether a file exists. */
  exists: (file: string) => boolean;
  /** `--host` / `--context` given on berth's command line. */
  flags?: { host?: string; context?: string };
}

export class ConnectionConfigError extends Error {}

export function dockerConfigDir(env: ResolveInput['env'], homeDir: string): string {
  return env.DOCKER_CONFIG || path.join(homeDir, '.docker');
}

export function resolveEndpoint(input: ResolveInput): Endpoint {
  const { env, flags = {} } = input;
  if (flags.host) return parseHost(flags.host, 'the --host option', tlsFromEnv(input));
  if (flags.context) return fromContext(input, flags.context, 'the --context option');
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', tlsFromEnv(input));
  if (env.DOCKER_CONTEXT) return fromContext(input, env.DOCKER_CONTEXT, 'DOCKER_CONTEXT');

  const configDir = dockerConfigDir(env, input.homeDir);
  const configText = input.readFile(path.join(configDir, 'config.json'));
  if (configText) {
    let current: unknown;
    try {
      current = (JSON.parse(configText) as { currentContext?: unknown }).currentContext;
    } catch {
      throw new ConnectionConfigError(`${path.join(configDir, 'config.json')} is not valid JSON.`);
    }
    if (typeof current === 'string' && current && current !== 'default') {
      return fromContext(
        input,
        current,
        `the current docker context in ${path.join(configDir, 'config.json')}`,
      );
    }
  }
  return {
    protocol: 'unix',
    url: `unix://${DEFAULT_SOCKET}`,
    socketPath: DEFAULT_SOCKET,
    source: 'the default socket (no DOCKER_HOST, DOCKER_CONTEXT or current context set)',
  };
}

/** DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, as the docker CLI reads them. */
function tlsFromEnv(input: ResolveInput): TlsFiles | undefined {
  const { env } = input;
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  const certPath = env.DOCKER_CERT_PATH || dockerConfigDir(env, input.homeDir);
  const file = (name: string) => {
    const f = path.join(certPath, name);
    return input.exists(f) ? f : undefined;
  };
  return { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify };
}

/** Parses a DOCKER_HOST value. */
export function parseHost(value: string, source: string, tls?: TlsFiles): Endpoint {
  const trimmed = value.trim();
  const match = /^([a-z]+):\/\/(.*)$/.exec(trimmed);
  if (!match) {
    throw new ConnectionConfigError(
      `${source} is "${value}", which is not an address berth understands. ` +
        'Use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host.',
    );
  }
  const scheme = match[1]!;
  const rest = match[2]!;
  switch (scheme) {
    case 'unix': {
      if (!rest.startsWith('/'))
        throw new ConnectionConfigError(`${source}: a unix socket path must be absolute.`);
      return { protocol: 'unix', url: trimmed, socketPath: rest, source };
    }
    case 'npipe':
      return { protocol: 'npipe', url: trimmed, socketPath: rest.replace(/\//g, '\\'), source };
    case 'tcp':
    case 'http':
    case 'https': {
      const url = new URL(`http://${rest}`);
      const useTls = scheme === 'https' || tls !== undefined;
      const port = url.port ? Number(url.port) : useTls ? 2376 : 2375;
      return {
        protocol: 'tcp',
        url: `tcp://${url.hostname}:${port}`,
        host: url.hostname,
        port,
        tls: useTls ? (tls ?? { verify: true }) : undefined,
        source,
      };
    }
    case 'ssh': {
      const url = new URL(`ssh://${rest}`);
      return {
        protocol: 'ssh',
        url: trimmed,
        host: url.hostname,
        port: url.port ? Number(url.port) : 22,
        username: url.username ? decodeURIComponent(url.username) : undefined,
        source,
      };
    }
    default:
      throw new ConnectionConfigError(
        `${source} uses the scheme "${scheme}://", which berth does not support (unix, tcp, ssh).`,
      );
  }
}

/** A context's folder name is the SHA-256 of its name, as the docker CLI stores it. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function fromContext(input: ResolveInput, name: string, source: string): Endpoint {
  if (name === 'default') {
    return {
      protocol: 'unix',
      url: `unix://${DEFAULT_SOCKET}`,
      socketPath: DEFAULT_SOCKET,
      source: `${source} (the "default" context)`,
      context: 'default',
    };
  }
  const configDir = dockerConfigDir(input.env, input.homeDir);
  const digest = contextDigest(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const text = input.readFile(metaFile);
  if (!text) {
    throw new ConnectionConfigError(
      `${source} names the docker context "${name}", but it does not exist (no ${metaFile}). ` +
        'List contexts with `docker context ls`.',
    );
  }
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(text);
  } catch {
    throw new ConnectionConfigError(`The docker context "${name}" has an unreadable ${metaFile}.`);
  }
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) {
    throw new ConnectionConfigError(`The docker context "${name}" has no docker endpoint.`);
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const tlsFile = (f: string) => (input.exists(path.join(tlsDir, f)) ? path.join(tlsDir, f) : undefined);
  const ca = tlsFile('ca.pem');
  const cert = tlsFile('cert.pem');
  const key = tlsFile('key.pem');
  const tls = ca || cert || key ? { ca, cert, key, verify: !docker.SkipTLSVerify } : undefined;
  const endpoint = parseHost(docker.Host, `the docker context "${name}" (chosen by ${source})`, tls);
  return { ...endpoint, context: name };
}
