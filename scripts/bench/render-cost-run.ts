/**
 * Runs render-cost.tsx (a cursor move's CPU time inside berth, on a fake engine) as berth runs:
 * bundled by scripts/build.mjs, then in a node process of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const source = fileURLToPath(new URL('./render-cost.tsx', import.meta.url));
const buildScript = fileURLToPath(new URL('../build.mjs', import.meta.url));

export interface RenderCost {
  containers: number;
  moves: number;
  cpuMedianMs: number;
  cpuP95Ms: number;
  wallMedianMs: number;
}

function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.CI;
  delete copy.CONTINUOUS_INTEGRATION;
  return copy;
}

export async function renderCost(containers: number, moves: number): Promise<RenderCost> {
  // Inside the repository, so that the bundle's externals resolve from its node_modules.
  const outdir = mkdtempSync(path.join(path.dirname(source), '.render-cost-'));
  try {
    // Bundled the way berth is (React's production build, the same externals).
    await run(process.execPath, [buildScript, source, outdir]);
    const { stdout } = await run(
      process.execPath,
      [path.join(outdir, 'render-cost.js'), String(containers), String(moves)],
      // Ink draws nothing until exit when it thinks it runs in CI (CI=true in .ci/run).
      { timeout: 120_000, env: withoutCi(process.env) },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RenderCost;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/render-cost-run.ts [containers] [moves]`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [containers = 2000, moves = 60] = process.argv.slice(2).map(Number);
  console.log(await renderCost(containers, moves));
}
