/**
 * A/B of two builds on one private engine, interleaved run by run so machine load hits both
 * alike: `tsx scripts/bench/ab.ts LAUNCHER_A LAUNCHER_B [containers]`. For before/after figures
 * of a performance change.
 */

import { createDemoContainers } from '../../test/support/demo-containers.js';
import { importBusybox, startPrivateEngine } from '../../test/support/private-engine.js';
import { createContainers, idlePlans } from './engine-api.js';
import { median } from './measure.js';

const [a, b, countArg = '5'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: ab.ts LAUNCHER_A LAUNCHER_B [containers]');
const total = Number(countArg);
const engine = await startPrivateEngine({ name: 'bench-ab' });
try {
  await importBusybox(engine);
  await createDemoContainers(engine.socketPath);
  if (total > 5) await createContainers(engine.socketPath, idlePlans('ab', total - 5));
  const results: Record<string, { first: number[]; move: number[]; rss: number[] }> = {};
  for (let round = 0; round < 4; round++) {
    for (const launcher of [a, b]) {
      process.env.BENCH_BERTH_BIN = launcher;
      const scenario = await import('./scenarios.js');
      const ff = await scenario.firstFrame(engine, total, 2);
      const moves = await scenario.cursorMoves(engine, total, 12);
      const r = results[launcher] ?? { first: [], move: [], rss: [] };
      results[launcher] = r;
      r.first.push(ff.berthMs);
      r.rss.push(ff.rssMb);
      r.move.push(moves.medianMs);
    }
  }
  for (const [launcher, r] of Object.entries(results)) {
    process.stdout.write(
      `${launcher}: first frame ${median(r.first).toFixed(0)} ms, cursor move ${median(r.move).toFixed(1)} ms, rss ${median(r.rss).toFixed(0)} MB\n`,
    );
  }
} finally {
  await engine.destroy();
}
