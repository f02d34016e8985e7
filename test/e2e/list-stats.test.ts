/**
 * The containers list's CPU/MEM column in the real app (`bin/berth` in a pty) against an engine
 * of this file's own: `m` shows it, a busy loop reads above half a core in its row and an idle
 * container near zero, each with its memory.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { makeContainer, startOwnEngine } from '../support/engine.js';
import { disposeAppsAfterEach } from '../support/pty-app.js';
import { openBerth, removeAllContainers } from './berth-session.js';

disposeAppsAfterEach();

let own: Awaited<ReturnType<typeof startOwnEngine>>;
let context: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  own = await startOwnEngine('e2e-list-stats');
  context = own.context;
});
afterAll(async () => {
  if (context) await removeAllContainers(context);
  await own?.engine.destroy();
});

/** The CPU % and memory cells of `name`'s row: `│  name  running  Up 3 seconds  62.4%  1.2MiB`. */
function figures(screen: string, name: string): { cpu: number; memory: string } | undefined {
  const row = screen.split('\n').find((line) => new RegExp(`^│. ${name} `).test(line));
  const match = row && / (\d+(?:\.\d)?)% +(\d+(?:\.\d+)?[KMG]?i?B)/.exec(row);
  return match ? { cpu: Number(match[1]), memory: match[2]! } : undefined;
}

describe('the CPU/MEM column through keys', () => {
  test('m shows a busy loop above half a core and an idle container near zero', async () => {
    await makeContainer(context, cleanup, { name: 'spinner', cmd: ['sh', '-c', 'while :; do :; done'] });
    await makeContainer(context, cleanup, { name: 'napper', cmd: ['sleep', '100000'] });
    const app = await openBerth(own.engine.host, { cols: 160, rows: 36 });
    await app.waitFor(/Containers \(2\/2\)/);
    expect(app.screen()).not.toMatch(/\d%/);
    app.press('m');
    await app.waitFor(/CPU MEM · A: all/);
    // Two readings 2 s apart make the first percentage; on a loaded machine one interval may
    // give the loop less than its core, so any of the next few will do.
    await app.waitFor(() => (figures(app.screen(), 'spinner')?.cpu ?? 0) > 50, { timeout: 15_000 });
    const idle = figures(app.screen(), 'napper');
    expect(idle?.cpu).toBeLessThan(5);
    expect(idle?.memory).toMatch(/iB$/);
  });
});
