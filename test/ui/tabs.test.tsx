/**
 * The container insight tabs against the fake engine, drawn in a sized xterm: the tab bar and
 * `[`/`]`, what each tab shows, that only the shown tab reads the engine (one stats stream, for
 * the selected container, only while Stats is on screen), and that container text is sanitised.
 * The engine side of each tab is proven against the private dockerd in test/state/insight.test.ts.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { ContainerDetails, StatsSample } from '../../src/engine/engine.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, type FakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function details(id: string, name: string): ContainerDetails {
  return {
    id,
    name,
    image: 'busybox:latest',
    imageId: 'sha256:0123456789abcdef',
    created: '2026-11-28T10:00:00.000000001Z',
    state: {
      status: 'running',
      running: true,
      paused: false,
      exitCode: 0,
      pid: 4242,
      startedAt: '2026-11-28T10:00:01.000000001Z',
      finishedAt: '0001-01-01T00:00:00Z',
      oomKilled: false,
      error: '',
    },
    config: {
      cmd: ['sh', '-c', 'httpd -f -p 80'],
      entrypoint: [],
      env: ['PATH=/usr/bin:/bin', 'GREETING=hello from -e', 'EVIL=\x1b]0;pwned\x07title\x1b[2Jcleared'],
      workingDir: '/srv',
      user: '',
      tty: false,
      openStdin: false,
      labels: { 'com.example.team': 'web\x1b[31m-red' },
      exposedPorts: ['80/tcp'],
    },
    restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    ports: [],
    portBindings: [{ privatePort: 80, publicPort: 8080, type: 'tcp' }],
    mounts: [{ type: 'bind', source: '/srv/site', destination: '/www', mode: 'ro', readWrite: false }],
    networks: [
      { name: 'shopnet', ipAddress: '172.18.0.5', gateway: '172.18.0.1', macAddress: '02:42:ac:12:00:05' },
    ],
    init: false,
  };
}

function sample(time: number, cpuPercent: number, netRx: number): StatsSample {
  return {
    cpuPercent,
    memoryUsage: 12 * 1024 * 1024,
    memoryLimit: 512 * 1024 * 1024,
    memoryPercent: (12 / 512) * 100,
    netRx,
    netTx: 0,
    blockRead: 0,
    blockWrite: 0,
    pids: 3,
    time,
  };
}

function fixtures(): FakeEngine {
  const web = fakeContainer({ name: 'web' });
  const worker = fakeContainer({ name: 'worker' });
  return createFakeEngine({
    containers: [web, worker],
    details: { [web.id]: details(web.id, 'web'), [worker.id]: details(worker.id, 'worker') },
    tops: {
      [web.id]: {
        titles: ['PID', 'USER', 'STAT', 'TIME', 'COMMAND'],
        processes: [
          ['4242', 'root', 'Ts', '0:00', 'sleep 1000'],
          ['4250', 'root', 'S', '0:01', 'httpd -f \x1b[2J-p 80'],
        ],
      },
    },
    diffs: {
      [web.id]: [
        { path: '/etc', kind: 'changed' },
        { path: '/etc/hosts.allow', kind: 'added' },
        { path: '/new-file.txt', kind: 'added' },
        { path: '/tmp/old.log', kind: 'deleted' },
      ],
    },
  });
}

async function open(engine: FakeEngine, size: { cols: number; rows: number } = { cols: 160, rows: 45 }) {
  const model = await startedModel(engine);
  const screen = renderToScreen(appElement(model), size);
  rendered.push(screen);
  await screen.waitFor(/▶ web/);
  return screen;
}

/** Focuses the details pane and presses `]` until `title`'s tab is the current one. */
async function showTab(screen: RenderedScreen, steps: number, expected: RegExp) {
  screen.press('enter');
  for (let i = 0; i < steps; i++) screen.press(']');
  return screen.waitFor(expected);
}

describe('the insight tabs', () => {
  test('the tab bar names every tab; ] and [ walk them and wrap round', async () => {
    const screen = await open(fixtures());
    await screen.waitFor(/┌ Logs │ Inspect │ Env │ Stats │ Top │ Files /);
    screen.press('enter');
    screen.press(']');
    await screen.waitFor(/docker inspect web/);
    screen.press('[');
    screen.press('[');
    await screen.waitFor(/docker diff web/);
    screen.press(']');
    await screen.waitFor(/docker logs -f --tail 1000 web/);
  });

  test('Inspect shows the state, command, restart policy, published port, bind mount and network address', async () => {
    const screen = await open(fixtures());
    await showTab(screen, 1, /Networks/);
    const text = screen.screen();
    expect(text).toMatch(/Status +running · pid 4242/);
    expect(text).toMatch(/Command +sh -c 'httpd -f -p 80'/);
    expect(text).toMatch(/Restart +on-failure \(at most 3 retries\)/);
    expect(text).toMatch(/0\.0\.0\.0:8080 → 80\/tcp/);
    expect(text).toMatch(/bind +\/srv\/site → \/www +ro/);
    expect(text).toMatch(/shopnet +172\.18\.0\.5 +gateway 172\.18\.0\.1/);
    expect(text).toMatch(/Finished +—/);
  });

  test('Env lists the variables with escape sequences from the container removed', async () => {
    const screen = await open(fixtures());
    await showTab(screen, 2, /GREETING=hello from -e/);
    expect(screen.screen()).toMatch(/3 variables/);
    expect(screen.screen()).toMatch(/EVIL=titlecleared/);
    expect(screen.rawOutput()).not.toContain('pwned');
    expect(screen.rawOutput()).not.toContain('\x1b[2J');
    expect(screen.screen()).toMatch(/docker inspect --format '\{\{range \.Config\.Env\}\}/);
  });

  test('Stats streams only the selected container, only while shown, and graphs the samples', async () => {
    const engine = fixtures();
    const [web, worker] = engine.containers;
    const screen = await open(engine);
    await sleep(50);
    expect(engine.statsStreams).toEqual([]);
    await showTab(screen, 3, /docker stats web/);
    await screen.waitFor(() => engine.statsStreams.length === 1);
    expect(engine.statsStreams[0]!.id).toBe(web!.id);
    const t0 = Date.now();
    for (let i = 0; i < 8; i++) engine.pushStats(web!.id, sample(t0 + i * 1000, i < 4 ? 0.5 : 75, i * 2000));
    await screen.waitFor(/CPU +75\.00%/);
    const text = screen.screen();
    expect(text).toMatch(/Memory +12MiB \/ 512MiB \(2\.34%\)/);
    expect(text).toMatch(/Net rx +2kB\/s · 14kB total/);
    expect(text).toMatch(/[▁▂▃▄▅▆▇█]{4}/);
    // Another container: the old stream closes, the new one opens.
    screen.press('escape');
    screen.press('j');
    await screen.waitFor(/▶ worker/);
    await screen.waitFor(() => engine.statsStreams.length === 1 && engine.statsStreams[0]!.id === worker!.id);
    // Another tab: nothing streams.
    screen.press('enter');
    screen.press(']');
    await screen.waitFor(/docker top worker/);
    await screen.waitFor(() => engine.statsStreams.length === 0);
  });

  test('Top marks a stopped process (T) and reads again every 2 s only while shown', async () => {
    const engine = fixtures();
    const screen = await open(engine);
    await showTab(screen, 4, /sleep 1000/);
    const text = screen.screen();
    expect(text).toMatch(/PID +USER +STAT +TIME +COMMAND/);
    expect(text).toMatch(/4242 +root +Ts +0:00 +sleep 1000/);
    expect(text).toMatch(/2 processes · S sleeping · T stopped \(SIGSTOP\)/);
    expect(text).toMatch(/httpd -f -p 80/);
    const topCalls = () => engine.calls.filter((c) => c[0] === 'top').length;
    await screen.waitFor(() => topCalls() >= 2, { timeout: 4000 });
    screen.press(']');
    await screen.waitFor(/docker diff web/);
    const after = topCalls();
    await sleep(2300);
    expect(topCalls()).toBe(after);
  });

  test('Files shows the changes as a tree, added, changed and deleted told apart', async () => {
    const screen = await open(fixtures());
    await showTab(screen, 5, /new-file\.txt/);
    const text = screen.screen();
    expect(text).toMatch(/2 added · 1 changed · 1 deleted, against the image/);
    expect(text).toMatch(/C ├─ etc/);
    expect(text).toMatch(/A │ {2}└─ hosts\.allow/);
    expect(text).toMatch(/A ├─ new-file\.txt/);
    expect(text).toMatch(/ {2}└─ tmp/);
    expect(text).toMatch(/D {4}└─ old\.log/);
  });

  test('at 80×24 the tab bar stays whole and Stats fits one line per figure', async () => {
    const engine = fixtures();
    const screen = await open(engine, { cols: 80, rows: 24 });
    await showTab(screen, 3, /docker stats web/);
    expect(screen.screen()).toMatch(/┌ Logs │ Inspect │ Env │ Stats │ Top │ Files /);
    await screen.waitFor(() => engine.statsStreams.length === 1);
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) engine.pushStats(engine.containers[0]!.id, sample(t0 + i * 1000, 40, 0));
    await screen.waitFor(/CPU +40\.00% +[▁▂▃▄▅▆▇█]+/);
    expect(screen.screen()).toMatch(/Block write/);
    await expect(screen.screen()).toMatchFileSnapshot('__snapshots__/tabs-stats-80x24.txt');
  });

  test('j scrolls a long tab and the border says which lines are shown', async () => {
    const engine = fixtures();
    const labels: Record<string, string> = {};
    for (let i = 0; i < 60; i++) labels[`label.${String(i).padStart(2, '0')}`] = `v${i}`;
    engine.details[engine.containers[0]!.id]!.config.labels = labels;
    const screen = await open(engine, { cols: 120, rows: 30 });
    await showTab(screen, 1, /of \d+ ┐/);
    expect(screen.screen()).toMatch(/ 1–\d+ of \d+ /);
    screen.press('G');
    await screen.waitFor(/label\.59=v59/);
    screen.press('g');
    await screen.waitFor(/Status +running/);
  });
});
