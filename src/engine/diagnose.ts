/**
 * The doctor's diagnosis: which endpoint and why, can it be reached, which versions, how much it
 * holds — or, on failure, what is wrong and how to fix it. Used by `berth doctor` and by the UI
 * when the engine cannot be reached.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createContext, type EngineContext, pinApiVersion } from './client.js';
import { ConnectionConfigError, type Endpoint, resolveEndpoint } from './connection.js';
import { EngineError } from './errors.js';
import { type EngineInfo, type EngineVersion, engineInfo, engineVersion } from './system.js';

export interface EngineSelection {
  host?: string;
  context?: string;
}

export type Diagnosis =
  | {
      ok: true;
      endpoint: Endpoint;
      apiVersion: string;
      version: EngineVersion;
      info: EngineInfo;
      context: EngineContext;
    }
  | { ok: false; endpoint?: Endpoint; error: EngineError };

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Chooses the endpoint from flags, the environment and the docker config, like the CLI. */
export function chooseEndpoint(selection: EngineSelection = {}, env = process.env): Endpoint {
  try {
    return resolveEndpoint({
      env,
      homeDir: homedir(),
      readFile: readIfExists,
      exists: existsSync,
      flags: selection,
    });
  } catch (error) {
    if (error instanceof ConnectionConfigError) throw new EngineError('BadRequest', error.message);
    throw error;
  }
}

/** The doctor's diagnosis: what the app connects with (connectToEngine), and the engine's information. */
export async function diagnose(selection: EngineSelection = {}, env = process.env): Promise<Diagnosis> {
  const connection = await connectToEngine(selection, env);
  if (!connection.ok) return connection;
  const { endpoint, context } = connection;
  try {
    const info = await engineInfo(context);
    return { ...connection, info };
  } catch (error) {
    return { ok: false, endpoint, error: asEngineError(error) };
  }
}

export type Connection =
  | { ok: true; endpoint: Endpoint; apiVersion: string; version: EngineVersion; context: EngineContext }
  | { ok: false; endpoint?: Endpoint; error: EngineError };

/**
 * What the full-screen app needs to start, in one request: the endpoint, a client pinned to
 * the negotiated API version, and the engine's version. The doctor's other questions (the
 * engine's information, slow on a busy engine) would only delay the first frame.
 */
export async function connectToEngine(
  selection: EngineSelection = {},
  env = process.env,
): Promise<Connection> {
  let endpoint: Endpoint | undefined;
  try {
    endpoint = chooseEndpoint(selection, env);
    const context = createContext(endpoint);
    const version = await engineVersion(context);
    const apiVersion = pinApiVersion(context, version.apiVersion);
    return { ok: true, endpoint, apiVersion, version, context };
  } catch (error) {
    return { ok: false, endpoint, error: asEngineError(error) };
  }
}

/**
 * A client for the chosen endpoint, pinned without asking the engine to the API version
 * `versionFor` gives for that endpoint (the one a previous start negotiated); undefined when
 * no endpoint can be chosen, there is no such version, or it is not one berth speaks.
 */
export function contextPinnedTo(
  selection: EngineSelection,
  versionFor: (endpoint: Endpoint) => string | undefined,
  env = process.env,
): { context: EngineContext; apiVersion: string } | undefined {
  try {
    const endpoint = chooseEndpoint(selection, env);
    const apiVersion = versionFor(endpoint);
    if (!apiVersion) return undefined;
    const context = createContext(endpoint);
    if (pinApiVersion(context, apiVersion) !== apiVersion) return undefined;
    return { context, apiVersion };
  } catch {
    return undefined;
  }
}

function asEngineError(error: unknown): EngineError {
  return error instanceof EngineError
    ? error
    : new EngineError('EngineError', String((error as Error)?.message ?? error));
}
