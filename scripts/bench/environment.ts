import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let cacheHome: string | undefined;
/**
 * The bench's own cache folder: berth's V8 code cache (src/launch/load-bundle.ts) is written
 * there by the first start and read by the next, as in a person's ~/.cache, but never theirs.
 */
export function benchCacheHome(): string {
  cacheHome ??= mkdtempSync(path.join(tmpdir(), 'berth-bench-cache-'));
  return cacheHome;
}

/** Removes the bench's cache folder when the run ends: each run starts one of its own. */
export function removeBenchCacheHome(): void {
  if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
  cacheHome = undefined;
}

/**
 * Whether this machine sets NODE_EXTRA_CA_CERTS. Node reads that CA bundle while it boots,
 * before any of a program's code runs (~100 ms for Debian's 140 certificates on this VM), and
 * berth never uses Node's CA store: the engine is reached on a socket or with DOCKER_CERT_PATH's
 * own files. The bench removes it so that start-up figures are berth's own; the report says so.
 */
export const extraCaCertsSet = Boolean(process.env.NODE_EXTRA_CA_CERTS);

/** The environment a program under measurement sees: Ink draws nothing when it thinks it runs in CI. */
export function childEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    TERM: 'xterm-256color',
    // No config file of the user's may change what is measured: the defaults are.
    BERTH_CONFIG: undefined,
    XDG_CONFIG_HOME: '/nonexistent/berth-bench',
    XDG_CACHE_HOME: benchCacheHome(),
    NODE_EXTRA_CA_CERTS: undefined,
    ...overrides,
  };
  delete merged.CI;
  delete merged.CONTINUOUS_INTEGRATION;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}
