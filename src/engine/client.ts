/**
 * The connection to one engine: a dockerode client for the chosen endpoint, the negotiated API
 * version, and `call`, which turns every failure into an EngineError with a sentence.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import Docker from 'dockerode';
import type { Endpoint } from './connection.js';
import { readJson } from './direct-get.js';
import { classifyError, EngineError } from './errors.js';

/** Oldest API berth supports (engine 20.10) and newest it knows. */
export const MIN_API_VERSION = '1.41';
export const MAX_API_VERSION = '1.47';

export interface EngineContext {
  /** Made on first use: a start against a local socket draws its first frame without it (`getJson`). */
  readonly docker: Docker;
  endpoint: Endpoint;
  /** The API version in use after negotiation, e.g. `1.41`. */
  apiVersion: string | undefined;
  /** Runs one engine call; any failure becomes an EngineError naming the action. */
  call<T>(action: string, run: () => Promise<T>): Promise<T>;
}

function readIfSet(file: string | undefined): Buffer | undefined {
  return file ? readFileSync(file) : undefined;
}

/**
 * One agent for every dockerode client of a local socket, as Node's global agent was before
 * (every context, and each retry, makes its client on first use): its settings (keep-alive,
 * last-used socket first, 5 s idle timeout), plus an empty TLS server name. A local socket has
 * none, and without it Node's agent tests the host name against its IPv6 pattern on the first
 * request, whose compile cost ~5 ms.
 */
let localAgent: Agent | undefined;

function localSocketAgent(): Agent {
  localAgent ??= new Agent({
    keepAlive: true,
    scheduling: 'lifo',
    timeout: 5000,
    servername: '',
  } as ConstructorParameters<typeof Agent>[0]);
  return localAgent;
}

export function dockerOptions(endpoint: Endpoint): Docker.DockerOptions {
  switch (endpoint.protocol) {
    case 'unix':
    case 'npipe':
      return { socketPath: endpoint.socketPath, agent: localSocketAgent() } as Docker.DockerOptions;
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return { protocol: 'http', host: endpoint.host, port: endpoint.port };
      return {
        protocol: 'https',
        host: endpoint.host,
        port: endpoint.port,
        ca: readIfSet(tls.ca),
        cert: readIfSet(tls.cert),
        key: readIfSet(tls.key),
        // Without DOCKER_TLS_VERIFY the CLI encrypts but does not check the server.
        ...(tls.verify ? {} : { checkServerIdentity: () => undefined }),
      } as Docker.DockerOptions;
    }
    case 'ssh':
      // docker-modem runs `docker system dial-stdio` on the remote host over ssh2, like the CLI.
      return {
        protocol: 'ssh',
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as Docker.DockerOptions;
  }
}

export function createContext(endpoint: Endpoint): EngineContext {
  let docker: Docker | undefined;
  let apiVersion: string | undefined;
  const context: EngineContext = {
    get docker() {
      if (!docker) {
        docker = new Docker(dockerOptions(endpoint));
        pinModem(docker, apiVersion);
      }
      return docker;
    },
    endpoint,
    get apiVersion() {
      return apiVersion;
    },
    set apiVersion(version) {
      apiVersion = version;
      if (docker) pinModem(docker, version);
    },
    async call(action, run) {
      try {
        return await run();
      } catch (error) {
        throw classifyError(error, { endpoint: endpoint.url, action });
      }
    },
  };
  return context;
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * Picks the highest API version both sides speak, as the docker CLI does, and pins the client
 * to it so request and response shapes stay the ones berth was tested with.
 */
export function negotiateVersion(serverApiVersion: string): string {
  if (compareVersions(serverApiVersion, MIN_API_VERSION) < 0) {
    throw new EngineError(
      'EngineTooOld',
      `The engine speaks API ${serverApiVersion}; berth needs ${MIN_API_VERSION} (Docker Engine 20.10) or newer. ` +
        'Upgrade Docker.',
    );
  }
  return compareVersions(serverApiVersion, MAX_API_VERSION) > 0 ? MAX_API_VERSION : serverApiVersion;
}

/** docker-modem puts `/v1.xx` before each path once its `version` is set. */
function pinModem(docker: Docker, apiVersion: string | undefined): void {
  (docker.modem as unknown as { version: string | undefined }).version = apiVersion && `v${apiVersion}`;
}

/** Pins the client to the version negotiated from the engine's own; returns it. */
export function pinApiVersion(context: EngineContext, serverApiVersion: string): string {
  const chosen = negotiateVersion(serverApiVersion);
  context.apiVersion = chosen;
  return chosen;
}

export async function negotiate(context: EngineContext): Promise<string> {
  const version = await context.call('read the engine version', () =>
    getJson(context, '/version', {}, (docker) => docker.version()),
  );
  return pinApiVersion(context, version.ApiVersion);
}

/**
 * A GET whose answer is JSON: the engine's version and information, the container and image
 * lists, a container's inspect. On a local socket it is asked over a connection of berth's own
 * (direct-get.ts) rather than through dockerode: a start asks only these (and the event stream,
 * events.ts), and so does the first log shown (logs.ts), so neither loads dockerode, docker-modem
 * and Node's HTTP client, nor runs their machinery per request: at 5 containers the first frame
 * came 174 → 125 ms after the spawn (medians of 10 interleaved starts; docs/performance.md,
 * issue 7). Elsewhere (TCP, TLS, ssh) `viaDockerode` asks, over dockerode's kept-alive
 * connections. Call it inside `context.call`, as dockerode's calls are.
 */
export function getJson<T>(
  context: EngineContext,
  path: string,
  query: Record<string, string | boolean | undefined>,
  viaDockerode: (docker: Docker) => Promise<T>,
): Promise<T> {
  if (context.endpoint.protocol !== 'unix') return viaDockerode(context.docker);
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  return readJson<T>(context.endpoint, apiPath(context, path, search));
}

/**
 * `path` as a request line asks it of the engine on berth's own connections (direct-get.ts): under
 * the negotiated API version, as docker-modem puts it, with `query` when it has any.
 */
export function apiPath(context: EngineContext, path: string, query?: URLSearchParams): string {
  const version = context.apiVersion ? `/v${context.apiVersion}` : '';
  return `${version}${path}${query && query.size > 0 ? `?${query}` : ''}`;
}
