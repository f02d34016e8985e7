/**
 * The API version berth last negotiated with each engine address, kept in berth's cache folder
 * (`api-versions.json`), so that the next start can ask for the event stream and the lists at
 * once, beside the version question (AppModel's early engine). A wrong or missing entry costs
 * only that head start: AppModel keeps the early answers only when the negotiation agrees.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = 'api-versions.json';
/** Addresses kept at most, the most recently changed last: a test engine's socket is new each run. */
const MAX_ENTRIES = 32;

function read(cacheDir: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(cacheDir, FILE), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The version last negotiated with `endpointUrl`, if any and if it looks like one. */
export function recallApiVersion(cacheDir: string | undefined, endpointUrl: string): string | undefined {
  if (!cacheDir) return undefined;
  const version = read(cacheDir)[endpointUrl];
  return typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : undefined;
}

/** Keeps `apiVersion` for `endpointUrl`; writes only when it changed. Failures are ignored. */
export function rememberApiVersion(
  cacheDir: string | undefined,
  endpointUrl: string,
  apiVersion: string,
): void {
  if (!cacheDir) return;
  const versions = read(cacheDir);
  if (versions[endpointUrl] === apiVersion) return;
  delete versions[endpointUrl];
  versions[endpointUrl] = apiVersion;
  const addresses = Object.keys(versions);
  for (const old of addresses.slice(0, Math.max(0, addresses.length - MAX_ENTRIES))) delete versions[old];
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const partial = path.join(cacheDir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(partial, `${JSON.stringify(versions, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, path.join(cacheDir, FILE));
  } catch {
    // The next start asks the version first, as it would without this file.
  }
}
