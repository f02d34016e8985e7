/**
 * Small JSON files in berth's cache folder that keep one value for each engine address, for the
 * next start (api-versions.ts, container-counts.ts). Every failure is ignored: a value missing or
 * damaged costs the next start only the head start it would have given.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Addresses kept at most, the most recently changed last: a test engine's socket is new each run. */
const MAX_ENTRIES = 32;

/** The file's values by address; empty when there is no file or it is damaged. */
export function readByEndpoint(cacheDir: string | undefined, file: string): Record<string, unknown> {
  if (!cacheDir) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(cacheDir, file), 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Keeps `value` for `endpointUrl`; writes only when it changed. */
export function writeByEndpoint(
  cacheDir: string | undefined,
  file: string,
  endpointUrl: string,
  value: unknown,
): void {
  if (!cacheDir) return;
  const values = readByEndpoint(cacheDir, file);
  if (values[endpointUrl] === value) return;
  delete values[endpointUrl];
  values[endpointUrl] = value;
  const addresses = Object.keys(values);
  for (const old of addresses.slice(0, Math.max(0, addresses.length - MAX_ENTRIES))) delete values[old];
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // Written aside, then renamed: a berth starting meanwhile reads a whole file or none.
    const partial = path.join(cacheDir, `${file}.${process.pid}.tmp`);
    writeFileSync(partial, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, path.join(cacheDir, file));
  } catch {
    // The next start goes without this value, as it would without the file.
  }
}
