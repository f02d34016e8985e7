/**
 * The containers list's CPU/MEM column against the fake engine, drawn in a sized xterm: off by
 * default (nothing read), `m` toggles it, only the running containers on screen are read, and
 * the row still fits an 80-column terminal. The figures themselves are proven against the
 * private dockerd in test/state/list-stats.test.ts and test/e2e/list-stats.test.ts.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { StatsReading } from '../../src/engine/engine.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, type FakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MiB = 1024 * 1024;

/** A reading with the given memory and CPU counters (two CPUs). */
function reading(memoryMiB: number, containerNs = 0, systemNs = 1e9): StatsReading {
  const sample = {
    cpuPercent: 0,
    memoryUsage: memoryMiB * MiB,
    memoryLimit: 2048 * MiB,
    memoryPercent: 0,
    netRx: 0,
    netTx: 0,
    blockRead: 0,
    blockWrite: 0,
    pids: 1,
    time: Date.now(),
  };
  return { sample, cpu: { containerNs, systemNs, onlineCpus: 2 } };
}

/** Readings of a container busy a quarter of the host's CPU time (half of one of its two CPUs). */
function busyReadings(engine: FakeEngine, id: string, memoryMiB: number) {
  let n = 0;
  Object.defineProperty(engine.readings, id, {
    configurable: true,
    enumerable: true,
    get: () => {
      n++;
      return reading(memoryMiB, n * 1e9, n * 4e9);
    },
  });
}

function fixtures(extraRunning = 0): FakeEngine {
  return createFakeEngine({
    containers: [
      fakeContainer({ name: 'web', image: 'nginx:1.27-alpine-with-a-long-tag' }),
      fakeContainer({ name: 'db', state: 'paused', status: 'Up 2 hours (Paused)' }),
      fakeContainer({ name: 'worker', state: 'exited', status: 'Exited (137) 5 minutes ago' }),
      ...Array.from({ length: extraRunning }, (_, i) =>
        fakeContainer({ name: `svc-${String(i + 1).padStart(2, '0')}` }),
      ),
    ],
  });
}

async function open(
  engine: FakeEngine,
  options: { cols?: number; rows?: number; statsColumn?: boolean } = {},
) {
  const model = await startedModel(engine);
  const screen = renderToScreen(appElement(model, { statsColumn: options.statsColumn }), {
    cols: options.cols ?? 160,
    rows: options.rows ?? 45,
  });
  rendered.push(screen);
  await screen.waitFor(/Containers \(\d+\/\d+\)/);
  return screen;
}

const readsOf = (engine: FakeEngine) => engine.calls.filter((c) => c[0] === 'readStats').map((c) => c[1]);
const idOf = (engine: FakeEngine, name: string) => engine.containers.find((c) => c.name === name)!.id;
const rowOf = (screen: RenderedScreen, name: string) =>
  screen
    .screen()
    .split('\n')
    .find((line) => new RegExp(`^│. ?${name} `).test(line)) ?? '';

describe('the CPU/MEM column', () => {
  test('is off by default and reads nothing; m shows it for the running containers only, m again stops it', async () => {
    const engine = fixtures();
    const web = idOf(engine, 'web');
    engine.readings[web] = reading(12.5);
    const screen = await open(engine, { rows: 30 });
    await sleep(300);
    expect(readsOf(engine)).toEqual([]);
    expect(screen.screen()).not.toContain('CPU MEM');

    screen.press('A');
    await screen.waitFor(/worker/);
    screen.press('m');
    await screen.waitFor(/CPU\/MEM column on/);
    await screen.waitFor(/CPU MEM · A: running only/);
    // Running (web), not paused (db) or exited (worker).
    await screen.waitFor(() => rowOf(screen, 'web').includes('12.5MiB'));
    expect(new Set(readsOf(engine))).toEqual(new Set([web]));
    // One reading gives no percentage yet.
    expect(rowOf(screen, 'web')).toMatch(/…\s+12\.5MiB/);
    expect(rowOf(screen, 'worker')).not.toContain('MiB');

    busyReadings(engine, web, 13);
    await screen.waitFor(() => /50\.0%\s+13MiB/.test(rowOf(screen, 'web')), { timeout: 5000 });

    screen.press('m');
    await screen.waitFor(/CPU\/MEM column off/);
    await screen.waitFor(() => !rowOf(screen, 'web').includes('MiB'));
    const reads = readsOf(engine).length;
    await sleep(2300);
    expect(readsOf(engine).length).toBe(reads);
  });

  test('reads only the rows on screen: scrolling to the end reads those and stops reading the first', async () => {
    const engine = fixtures(30);
    for (const c of engine.containers) engine.readings[c.id] = reading(4);
    const screen = await open(engine, { cols: 80, rows: 24, statsColumn: true });
    await screen.waitFor(() => rowOf(screen, 'svc-01').includes('4MiB'));
    const onScreen = (name: string) => rowOf(screen, name) !== '';
    const first = new Set(readsOf(engine));
    const shown = engine.containers.filter((c) => onScreen(c.name)).map((c) => c.id);
    expect(first).toEqual(
      new Set(shown.filter((id) => id !== idOf(engine, 'db') && id !== idOf(engine, 'worker'))),
    );
    expect(first.has(idOf(engine, 'svc-30'))).toBe(false);

    screen.press('G');
    await screen.waitFor(() => rowOf(screen, 'svc-30').includes('4MiB'));
    const before = readsOf(engine).length;
    await sleep(2300);
    const later = new Set(readsOf(engine).slice(before));
    expect(later.has(idOf(engine, 'svc-30'))).toBe(true);
    expect(later.has(idOf(engine, 'svc-01'))).toBe(false);
  });

  test('fits an 80-column terminal: name, state, status, CPU and MEM on one line, the image shortened', async () => {
    const engine = fixtures();
    const web = idOf(engine, 'web');
    engine.readings[web] = reading(12.5);
    const screen = await open(engine, { cols: 80, rows: 24, statsColumn: true });
    await screen.waitFor(() => rowOf(screen, 'web').includes('12.5MiB'));
    const row = rowOf(screen, 'web');
    expect(row).toMatch(/^│▶ web +running +Up 3 minutes +… +12\.5MiB nginx:1\.2…│$/);
    expect(row.length).toBe(80);
    await expect(screen.screen()).toMatchFileSnapshot('__snapshots__/list-stats-80x24.txt');
  });

  test('a narrow list beside the details keeps the CPU cell alone', async () => {
    const engine = fixtures();
    engine.readings[idOf(engine, 'web')] = reading(12.5);
    const screen = await open(engine, { cols: 100, rows: 30, statsColumn: true });
    await screen.waitFor(/CPU · A: all/);
    expect(rowOf(screen, 'web')).toMatch(/Up 3 minutes +… *│/);
    expect(rowOf(screen, 'web')).not.toContain('MiB');
  });
});
