/**
 * Registry credentials the way the docker CLI finds them: `config.json` in `$DOCKER_CONFIG` (or
 * `~/.docker`), from `credHelpers[host]`, else `credsStore`, else `auths[host]`. Helpers run as
 * `docker-credential-<name> get` with argv only (no shell). Berth reads credentials, never writes
 * them; a missing or failing helper is reported as a sentence and the transfer goes on without.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ImageReference } from './reference.js';

/** What the engine's `X-Registry-Auth` header carries (the engine's AuthConfig). */
export interface RegistryCredentials {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export interface RegistryHost {
  /** The host people know the registry by, e.g. `127.0.0.1:5000`, `docker.io`. */
  host: string;
  /** The key config.json and credential helpers use: the host, or `https://index.docker.io/v1/`. */
  key: string;
  official: boolean;
}

export interface CredentialLookup {
  registry: RegistryHost;
  credentials: RegistryCredentials | undefined;
  /** Where they came from: `config.json`, `docker-credential-pass`, or undefined when none. */
  source: string | undefined;
  /** A sentence when something got in the way (a helper missing, an unreadable file). */
  warning: string | undefined;
}

/** The subset of `~/.docker/config.json` berth reads. */
export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_DOMAINS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
// A helper name becomes part of a program name: keep it to a plain word.
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The registry a reference points at; a name without a host is on Docker Hub. */
export function registryHostOf(reference: Pick<ImageReference, 'domain'>): RegistryHost {
  const domain = reference.domain;
  if (domain === undefined || DOCKER_HUB_DOMAINS.has(domain)) {
    return { host: 'docker.io', key: DOCKER_HUB_KEY, official: true };
  }
  return { host: domain, key: domain, official: false };
}

/** `https://host:port/v1/` → `host:port`, as the CLI compares config keys (ConvertToHostname). */
export function keyToHostname(key: string): string {
  return key.replace(/^https?:\/\//, '').split('/')[0] ?? key;
}

/** Decodes an `auth` field: base64 of `user:password`. */
export function decodeAuthField(auth: string): { username: string; password: string } | undefined {
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export type CredentialSource =
  | { kind: 'helper'; helper: string }
  | { kind: 'file'; credentials: RegistryCredentials }
  | { kind: 'none' };

/** Which store holds the credentials for `registry`, and the file's own entry when it does. */
export function chooseCredentialSource(config: DockerConfigFile, registry: RegistryHost): CredentialSource {
  const helper =
    config.credHelpers?.[registry.key] ?? config.credHelpers?.[registry.host] ?? config.credsStore;
  if (helper) return { kind: 'helper', helper };
  const auths = config.auths ?? {};
  const entry =
    auths[registry.key] ??
    Object.entries(auths).find(([key]) => keyToHostname(key) === keyToHostname(registry.key))?.[1];
  if (!entry) return { kind: 'none' };
  const decoded = entry.auth ? decodeAuthField(entry.auth) : undefined;
  const username = decoded?.username ?? entry.username;
  const password = decoded?.password ?? entry.password;
  if (!username && !entry.identitytoken) return { kind: 'none' };
  return {
    kind: 'file',
    credentials: {
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}),
      serveraddress: registry.key,
    },
  };
}

/** A helper's `get` answer: `{"ServerURL","Username","Secret"}`; `<token>` marks an identity token. */
export function parseHelperOutput(output: string, registry: RegistryHost): RegistryCredentials | undefined {
  const answer = JSON.parse(output) as { Username?: string; Secret?: string };
  if (!answer.Secret) return undefined;
  if (answer.Username === '<token>') return { identitytoken: answer.Secret, serveraddress: registry.key };
  return { username: answer.Username ?? '', password: answer.Secret, serveraddress: registry.key };
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker');
}

export interface HelperResult {
  /** The process could not be started because the program is not installed. */
  missing?: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type HelperRunner = (program: string, input: string) => Promise<HelperResult>;

/** Runs `program get` with the server address on stdin, as the credential-helper protocol says. */
export const runCredentialHelper: HelperRunner = (program, input) =>
  new Promise((resolve) => {
    const child = execFile(
      program,
      ['get'],
      { timeout: 10_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') resolve({ missing: true, exitCode: 127, stdout: '', stderr: '' });
        else resolve({ exitCode: error ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });

async function readConfig(file: string): Promise<{ config: DockerConfigFile; warning?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {} };
    return {
      config: {},
      warning: `Could not read ${file} (${(error as Error).message}); going on without credentials.`,
    };
  }
  try {
    return { config: JSON.parse(text) as DockerConfigFile };
  } catch {
    return { config: {}, warning: `${file} is not valid JSON; going on without credentials.` };
  }
}

/** Finds the credentials for the registry of `reference`, never failing: problems become a warning. */
export async function lookupCredentials(
  reference: Pick<ImageReference, 'domain'>,
  options: { env?: NodeJS.ProcessEnv; runHelper?: HelperRunner } = {},
): Promise<CredentialLookup> {
  const registry = registryHostOf(reference);
  const file = path.join(dockerConfigDir(options.env), 'config.json');
  const { config, warning } = await readConfig(file);
  const none = (why?: string): CredentialLookup => ({
    registry,
    credentials: undefined,
    source: undefined,
    warning: why,
  });
  if (warning) return none(warning);

  const source = chooseCredentialSource(config, registry);
  if (source.kind === 'none') return none();
  if (source.kind === 'file')
    return { registry, credentials: source.credentials, source: 'config.json', warning: undefined };

  if (!HELPER_NAME.test(source.helper)) {
    return none(
      `${file} names the credential helper "${source.helper}", which is not a valid helper name; going on without credentials.`,
    );
  }
  const program = `docker-credential-${source.helper}`;
  const result = await (options.runHelper ?? runCredentialHelper)(program, registry.key);
  if (result.missing) {
    return none(
      `${file} says credentials for ${registry.host} are kept by ${program}, but that program is not installed; going on without credentials.`,
    );
  }
  if (result.exitCode !== 0) {
    // "credentials not found in native keychain" just means there is no login for this host.
    if (/credentials not found/i.test(result.stdout + result.stderr)) return none();
    const said = (result.stderr || result.stdout).trim();
    return none(
      `${program} could not give the credentials for ${registry.host}${said ? ` (${said})` : ''}; going on without them.`,
    );
  }
  try {
    const credentials = parseHelperOutput(result.stdout, registry);
    return { registry, credentials, source: credentials ? program : undefined, warning: undefined };
  } catch {
    return none(`${program} answered something other than JSON; going on without credentials.`);
  }
}
