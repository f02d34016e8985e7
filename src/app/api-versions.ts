/**
 * The API version berth last negotiated with each engine address, kept in berth's cache folder
 * (`api-versions.json`), so that the next start can ask for the event stream and the lists at
 * once, beside the version question (AppModel's early engine). A wrong or missing entry costs
 * only that head start: AppModel keeps the early answers only when the negotiation agrees.
 */
import { readByEndpoint, writeByEndpoint } from './endpoint-cache.js';

const FILE = 'api-versions.json';

/** The version last negotiated with `endpointUrl`, if any and if it looks like one. */
export function recallApiVersion(cacheDir: string | undefined, endpointUrl: string): string | undefined {
  const version = readByEndpoint(cacheDir, FILE)[endpointUrl];
  return typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : undefined;
}

/** Keeps `apiVersion` for `endpointUrl`; writes only when it changed. Failures are ignored. */
export function rememberApiVersion(
  cacheDir: string | undefined,
  endpointUrl: string,
  apiVersion: string,
): void {
  writeByEndpoint(cacheDir, FILE, endpointUrl, apiVersion);
}
