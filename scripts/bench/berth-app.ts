/** berth itself under measurement: `node bin/berth` in a timed pty, and reading its screen. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTimed, type TimedPty } from './pty-driver.js';

const berthBin = fileURLToPath(new URL('../../bin/berth', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function startBerth(
  host: string,
  size: { cols: number; rows: number } = { cols: 160, rows: 45 },
  env: Record<string, string | undefined> = {},
): TimedPty {
  // BENCH_BERTH_BIN measures another build (a copy of an older dist/ with its own launcher).
  const bin = process.env.BENCH_BERTH_BIN ?? berthBin;
  return spawnTimed(process.execPath, [...profileFlags(), bin], {
    ...size,
    cwd: repoRoot,
    env: { DOCKER_HOST: host, ...env },
  });
}

/** The code cache files berth has written under a cache home (XDG_CACHE_HOME). */
export function codeCacheFiles(cacheHome: string): string[] {
  try {
    return readdirSync(path.join(cacheHome, 'berth')).filter((name) => name.endsWith('.v8'));
  } catch {
    return [];
  }
}

/** The containers pane's title once the list is drawn: `Containers (shown/total)`. */
export function showsContainerList(total: number, options: { all?: boolean } = {}) {
  const title = new RegExp(`Containers \\(\\d+/${total}\\)${options.all ? ' all' : ''}`);
  return (screen: string) => title.test(screen);
}

/** The name on the selected row of the containers pane (the first `▶` on screen). */
export function selectedName(screen: string): string | undefined {
  const line = screen.split('\n').find((l) => l.includes('▶'));
  if (!line) return undefined;
  return line
    .slice(line.indexOf('▶') + 1)
    .split('│')[0]
    ?.trim()
    .split(/\s+/)[0];
}

/** `BENCH_CPU_PROFILE=DIR`: each berth the bench starts writes a V8 CPU profile into DIR. */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
