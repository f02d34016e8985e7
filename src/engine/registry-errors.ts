/**
 * What a registry's refusal means, in a sentence: the engine passes on the registry's own words
 * ("manifest unknown", "no basic auth credentials", `dial tcp …: connect: connection refused`),
 * which berth turns into what happened and what to do. Pure: text in, error out.
 */
import { EngineError, type EngineErrorKind } from './errors.js';
import type { RegistryHost } from './registry-auth.js';

export type RegistryProblem =
  /** The registry has no such repository or tag. */
  | 'NotFound'
  /** The registry wants a login, or refused the one given. */
  | 'Unauthorized'
  /** The registry could not be reached, or did not answer in time. */
  | 'Unreachable'
  /** A push of an image that does not exist locally under that name. */
  | 'NotLocal'
  | 'Other';

export class RegistryError extends EngineError {
  readonly problem: RegistryProblem;
  /** The registry host as people know it: `127.0.0.1:5000`, `docker.io`. */
  readonly registry: string;

  constructor(
    problem: RegistryProblem,
    registry: string,
    message: string,
    detail: string,
    kind?: EngineErrorKind,
  ) {
    super(kind ?? KINDS[problem], message, detail);
    this.name = 'RegistryError';
    this.problem = problem;
    this.registry = registry;
  }
}

const KINDS: Record<RegistryProblem, EngineErrorKind> = {
  NotFound: 'NotFound',
  NotLocal: 'NotFound',
  Unauthorized: 'PermissionDenied',
  Unreachable: 'EngineError',
  Other: 'EngineError',
};

export function isRegistryError(value: unknown, problem?: RegistryProblem): value is RegistryError {
  return value instanceof RegistryError && (problem === undefined || value.problem === problem);
}

export interface TransferFailureContext {
  action: 'pull' | 'push';
  /** The reference as berth normalised it: `127.0.0.1:5000/nope/x:1`. */
  reference: string;
  /** The repository path inside the registry: `nope/x`, `library/alpine` is shown as `alpine`. */
  path: string;
  /** The tag or digest asked for. */
  tagOrDigest: string;
  registry: RegistryHost;
  /** Where the credentials sent came from, or undefined when none were sent. */
  credentialSource: string | undefined;
}

// Network failures as Go's net/http words them, and how to say each.
const NETWORK_REASONS: Array<[RegExp, string]> = [
  [/connection refused/, 'connection refused'],
  [/network is unreachable/, 'the network is unreachable (is this machine offline?)'],
  [/no route to host/, 'no route to host'],
  [/no such host/, 'no such host'],
  [
    /server misbehaving|Temporary failure in name resolution|lookup .* i\/o timeout/,
    'its name could not be looked up',
  ],
  [
    /Client\.Timeout exceeded|i\/o timeout|TLS handshake timeout|context deadline exceeded/,
    'it did not answer in time',
  ],
  [/connection reset by peer|EOF$/, 'the connection was dropped'],
];

/** The host the engine actually tried, from `Get "https://registry-1.docker.io/v2/"` or `lookup HOST`. */
export function hostInMessage(raw: string): string | undefined {
  return (
    /(?:Get|Head|Post|Put|Patch) "https?:\/\/([^/"]+)/.exec(raw)?.[1] ??
    /lookup ([^\s:]+)/.exec(raw)?.[1] ??
    /dial tcp (\S+): /.exec(raw)?.[1]
  );
}

function loginCommand(registry: RegistryHost): string {
  return registry.official ? '`docker login`' : `\`docker login ${registry.host}\``;
}

/** The sentence for a registry failure the engine reported with `raw`. */
export function classifyTransferFailure(raw: string, context: TransferFailureContext): RegistryError {
  const { registry, reference, action } = context;
  const where = registry.official ? 'Docker Hub' : `the registry at ${registry.host}`;
  const Where = where.charAt(0).toUpperCase() + where.slice(1);
  const make = (problem: RegistryProblem, message: string) =>
    new RegistryError(problem, registry.host, message, raw);

  if (/does not exist locally|^No such image|tag does not exist/i.test(raw)) {
    return make(
      'NotLocal',
      `There is no local image ${reference} to push: give an image that name first (\`docker tag IMAGE ${reference}\`).`,
    );
  }
  const network = NETWORK_REASONS.find(([pattern]) => pattern.test(raw));
  if (network && /dial tcp|lookup |Client\.Timeout|TLS handshake|i\/o timeout|"https?:\/\//.test(raw)) {
    const host = hostInMessage(raw) ?? registry.host;
    return make('Unreachable', `Cannot reach the registry at ${host}: ${network[1]}.`);
  }
  if (/server gave HTTP response to HTTPS client/.test(raw)) {
    return make(
      'Unreachable',
      `${Where} answers in plain HTTP; the engine uses plain HTTP only for registries on 127.0.0.0/8 ` +
        'or listed under insecure-registries in its daemon.json.',
    );
  }
  if (/x509:|certificate/.test(raw)) {
    return make('Unreachable', `The engine does not trust the certificate of ${where}: ${raw}`);
  }
  // Docker Hub cannot tell "missing" from "private" without a login.
  if (/repository does not exist or may require/.test(raw)) {
    return make(
      'NotFound',
      `${Where} has no repository ${context.path}, or it is private and needs a login: ${loginCommand(registry)}.`,
    );
  }
  if (
    /no basic auth credentials|authentication required|unauthorized|incorrect username or password|denied/i.test(
      raw,
    )
  ) {
    const message = context.credentialSource
      ? `${Where} refused the credentials from ${context.credentialSource}: log in again with ${loginCommand(registry)}.`
      : `${Where} needs a login to ${action} ${reference}: ${loginCommand(registry)}.`;
    return make('Unauthorized', message);
  }
  if (/name unknown|repository name not known/.test(raw)) {
    return make('NotFound', `${Where} has no repository ${context.path} (name unknown).`);
  }
  if (/manifest unknown|not found/.test(raw)) {
    // docker-registry answers "manifest unknown" both for a missing repository and a missing tag.
    return make(
      'NotFound',
      `${Where} has no image ${context.path}${context.tagOrDigest.includes(':') ? '@' : ':'}${context.tagOrDigest}: no such repository or tag there (manifest unknown).`,
    );
  }
  return make('Other', `Could not ${action} ${reference}: ${raw}`);
}
