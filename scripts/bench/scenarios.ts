/**
 * Each measurement of `npm run bench`, with its baseline measured right beside it, on a private
 * engine the caller has populated.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createContext, negotiate } from '../../src/engine/client.js';
import { parseHost } from '../../src/engine/connection.js';
import { openExecSession } from '../../src/engine/exec.js';
import { codeCacheFiles, selectedName, showsContainerList, startBerth } from './berth-app.js';
import { createContainers, idlePlans, request, waitForExit, watchEvents } from './engine-api.js';
import { engineCpuSeconds, engineProcesses } from './engine-cpu.js';
import { benchCacheHome } from './environment.js';
import { cpuSecondsOf, median, memoryOf, percentile, sleep, timeCommand } from './measure.js';
import { spawnTimed } from './pty-driver.js';

const run = promisify(execFile);
const ingestScript = fileURLToPath(new URL('./log-ingest.ts', import.meta.url));

export interface Engine {
  host: string;
  socketPath: string;
}

/** The docker CLI used for the baselines. */
export const DOCKER = process.env.BENCH_DOCKER ?? 'docker';

const docker = (engine: Engine, ...args: string[]) => ['-H', engine.host, ...args];

export interface FirstFrame {
  berthMs: number;
  /** The first start after an install or a rebuild: no code cache yet (src/launch/load-bundle.ts). */
  coldMs: number;
  dockerPsMs: number;
  rssMb: number;
}

/** Waits (up to `timeoutMs`) until berth has saved a code cache under `cacheHome`. */
async function codeCacheSaved(cacheHome: string, before: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (codeCacheFiles(cacheHome).length <= before && Date.now() < until) await sleep(50);
}

/**
 * Spawn → the first frame showing the container list, berth in node-pty read through
 * @xterm/headless; `docker ps -a` spawn → exit (its whole list printed). Medians of `runs`,
 * after one unmeasured warm-up of each, which also leaves berth's code cache written, as any
 * start after the first finds it. Resident memory 1 s after the first frame. The cold start
 * (an empty cache folder of its own) is measured once, first.
 */
export async function firstFrame(engine: Engine, total: number, runs: number): Promise<FirstFrame> {
  const coldHome = mkdtempSync(path.join(tmpdir(), 'berth-bench-cold-'));
  let coldMs: number;
  const cold = startBerth(engine.host, undefined, { XDG_CACHE_HOME: coldHome });
  try {
    coldMs = (await cold.waitFor(showsContainerList(total))) - cold.spawnedAt;
    await codeCacheSaved(coldHome, 0, 5000);
  } finally {
    await cold.kill();
    rmSync(coldHome, { recursive: true, force: true });
  }

  const berth: number[] = [];
  const rss: number[] = [];
  const ps: number[] = [];
  const first = 1;
  for (let i = 0; i < runs + first; i++) {
    const cachesBefore = codeCacheFiles(benchCacheHome()).length;
    const app = startBerth(engine.host);
    try {
      const shown = await app.waitFor(showsContainerList(total));
      await sleep(1000);
      if (i >= first) {
        berth.push(shown - app.spawnedAt);
        rss.push(memoryOf(app.pid).rssMb);
      } else {
        // A build without a code cache (an older one, through BENCH_BERTH_BIN) writes none.
        await codeCacheSaved(benchCacheHome(), cachesBefore, 3000);
      }
    } finally {
      await app.kill();
    }
    const psMs = await timeCommand(DOCKER, docker(engine, 'ps', '-a'));
    if (i >= first) ps.push(psMs);
  }
  return { berthMs: median(berth), coldMs, dockerPsMs: median(ps), rssMb: median(rss) };
}

export interface CursorMoves {
  medianMs: number;
  p95Ms: number;
  samples: number;
  /** Bytes berth wrote to the terminal per move: the move's frame and those after it. */
  bytesPerMove: number;
}

/**
 * Key → the frame showing the selection one row down (or up), measured from outside: from the write of
 * `j` to the pty until the arrival of the output chunk after which the selected row changed
 * (so it includes Ink's input handling, React, layout, and the write). All containers shown (`A`).
 */
export async function cursorMoves(engine: Engine, total: number, presses: number): Promise<CursorMoves> {
  const app = startBerth(engine.host);
  try {
    await app.waitFor(showsContainerList(total));
    app.write('A');
    await app.waitFor(showsContainerList(total, { all: true }));
    await sleep(500);
    const samples: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < presses; i++) {
      const bytesBefore = app.bytesReceived();
      const before = selectedName(app.screen());
      // Down and up in turn: every press moves, however short the list.
      const pressed = app.write(i % 2 === 0 ? 'j' : 'k');
      const moved = await app.waitFor((s) => selectedName(s) !== before, 5000);
      samples.push(moved - pressed);
      // About a person's pace. A key's frame is drawn at once whatever came before it (the Ink
      // patch's handleInput), so the pause no longer has to clear Ink's 30 fps throttle.
      await sleep(120);
      bytes.push(app.bytesReceived() - bytesBefore);
    }
    return {
      medianMs: median(samples),
      p95Ms: percentile(samples, 95),
      samples: samples.length,
      bytesPerMove: median(bytes),
    };
  } finally {
    await app.kill();
  }
}

export interface Burst {
  catchUpMs: number;
  dockerPsMs: number;
}

/**
 * `count` containers created at once through the raw API while berth shows all containers: from
 * the arrival of the last `create` event (at this process) to the arrival of the frame whose
 * title counts them all. Baseline: `docker ps -a` right after, spawn → exit.
 */
export async function burst(engine: Engine, count: number): Promise<Burst> {
  const app = startBerth(engine.host);
  try {
    await app.waitFor(showsContainerList(0));
    app.write('A');
    await app.waitFor(showsContainerList(0, { all: true }));
    await sleep(500);
    const events = await watchEvents(engine.socketPath, 'create');
    const caughtUp = app.waitFor((s) => s.includes(`Containers (${count}/${count}) all`), 120_000);
    await createContainers(engine.socketPath, idlePlans('burst', count), count);
    const lastEvent = await events.nth(count);
    const shown = await caughtUp;
    events.close();
    const dockerPsMs = await timeCommand(DOCKER, docker(engine, 'ps', '-a'));
    return { catchUpMs: Math.max(0, shown - lastEvent), dockerPsMs };
  } finally {
    await app.kill();
  }
}

/** A container command printing `lines` log lines of about 25 bytes (an access log). */
function printLines(lines: number, before = '', after = ''): string[] {
  const awk = `awk 'BEGIN{for(i=1;i<=${lines};i++)print "GET /page/" i " 200 " i%50 "ms"}'`;
  return ['sh', '-c', [before, awk, after].filter(Boolean).join('; ')];
}

export interface LogIngest {
  lines: number;
  /** As the Logs tab reads a stopped container with timestamps hidden: what `docker logs` asks. */
  berthLinesPerSecond: number;
  dockerLinesPerSecond: number;
  /** berth asking with follow and timestamps (a running container, `t` on). */
  berthFollowTimestampsLinesPerSecond: number;
  /** `docker logs -f -t`: the same request. */
  dockerSameRequestLinesPerSecond: number;
}

/**
 * A container that printed `lines` lines and exited; its whole log read by `docker logs` (output
 * to /dev/null) and by berth's pipeline in a child process (scripts/bench/log-ingest.ts), as the
 * Logs tab asks; then both again with follow and timestamps (`docker logs -f -t`, berth with `t`
 * on a running container). Medians of `runs` each, alternating, after one warm-up of each.
 */
export async function logIngest(engine: Engine, lines: number, runs: number): Promise<LogIngest> {
  const [id] = await createContainers(engine.socketPath, [
    { name: 'bench-log-ingest', cmd: printLines(lines), start: true },
  ]);
  await waitForExit(engine.socketPath, id!);
  const berth: number[] = [];
  const cli: number[] = [];
  const berthSame: number[] = [];
  const same: number[] = [];
  const read = async (...flags: string[]) => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', ingestScript, engine.host, id!, String(lines), ...flags],
      {
        maxBuffer: 1 << 20,
      },
    );
    const result = JSON.parse(stdout) as { ms: number; lines: number; error?: string };
    if (result.error || result.lines !== lines) {
      throw new Error(
        `berth read ${result.lines} of ${lines} lines${result.error ? `: ${result.error}` : ''}`,
      );
    }
    return result.ms;
  };
  for (let i = 0; i <= runs; i++) {
    const berthMs = await read();
    const cliMs = await timeCommand(DOCKER, docker(engine, 'logs', id!));
    const berthSameMs = await read('--follow', '--timestamps');
    const sameMs = await timeCommand(DOCKER, docker(engine, 'logs', '-f', '-t', id!));
    if (i > 0) {
      berth.push(berthMs);
      cli.push(cliMs);
      berthSame.push(berthSameMs);
      same.push(sameMs);
    }
  }
  return {
    lines,
    berthLinesPerSecond: lines / (median(berth) / 1000),
    dockerLinesPerSecond: lines / (median(cli) / 1000),
    berthFollowTimestampsLinesPerSecond: lines / (median(berthSame) / 1000),
    dockerSameRequestLinesPerSecond: lines / (median(same) / 1000),
  };
}

export interface LogMemory {
  lines: number;
  rssMb: number;
  peakMb: number;
  seconds: number;
}

/**
 * berth following a container while it prints `lines` lines (it waits `delaySeconds` first, so
 * berth is following from the start); resident memory once the last line is on screen.
 */
export async function logMemory(engine: Engine, lines: number, delaySeconds = 3): Promise<LogMemory> {
  await createContainers(engine.socketPath, [
    {
      name: 'bench-log-flood',
      cmd: printLines(lines, `sleep ${delaySeconds}`, 'exec sleep 1000000'),
      start: true,
    },
  ]);
  const app = startBerth(engine.host);
  try {
    const first = await app.waitFor((s) => s.includes('GET /page/'), 30_000);
    const last = await app.waitFor((s) => s.includes(`/page/${lines} `), 600_000);
    await sleep(1000);
    return { lines, ...memoryOf(app.pid), seconds: (last - first) / 1000 };
  } finally {
    await app.kill();
    await request(engine.socketPath, 'POST', '/containers/bench-log-flood/kill').catch(() => undefined);
  }
}

export interface Idle {
  berthPercent: number;
  dockerEventsPercent: number;
  seconds: number;
}

/**
 * CPU used by berth showing `running` running containers, from /proc/PID/stat over `seconds`,
 * beside `docker events` (the CLI's way to watch) over the same seconds. Percent of one core.
 */
export async function idleCpu(engine: Engine, running: number, seconds: number): Promise<Idle> {
  const app = startBerth(engine.host);
  const events = spawnTimed(DOCKER, docker(engine, 'events'), { cols: 160, rows: 45 });
  try {
    await app.waitFor(showsContainerList(running));
    await sleep(3000);
    const berth0 = cpuSecondsOf(app.pid);
    const cli0 = cpuSecondsOf(events.pid);
    await sleep(seconds * 1000);
    const percent = (used: number) => (used / seconds) * 100;
    return {
      berthPercent: percent(cpuSecondsOf(app.pid) - berth0),
      dockerEventsPercent: percent(cpuSecondsOf(events.pid) - cli0),
      seconds,
    };
  } finally {
    await app.kill();
    await events.kill();
  }
}

/** Resident memory of a bare Node process (the floor under any Node program), in MB. */
export async function bareNodeRss(): Promise<number> {
  const { stdout } = await run(process.execPath, [
    '-e',
    "setTimeout(() => console.log(require('fs').readFileSync('/proc/self/status','utf8').match(/VmRSS:\\s+(\\d+)/)[1]), 1000)",
  ]);
  return Number(stdout.trim()) / 1024;
}

export interface ExecEcho {
  dockerMedianMs: number;
  apiMedianMs: number;
  /** undefined when berth's figure could not be taken; `berthNote` says why. */
  berthMedianMs?: number;
  berthNote?: string;
  samples: number;
}

const KEYS = 'abcdefghij';

/**
 * Keystroke → its echo, for `sh` in container `name`: `docker exec -it` in node-pty (bytes in →
 * the echoed byte out), the API exec session berth uses (`openExecSession`), and, once `e` opens
 * a terminal pane, berth itself (key → the echoed character on berth's screen).
 */
export async function execEcho(engine: Engine, name: string, samples: number): Promise<ExecEcho> {
  // docker exec -it, in a pty as a person runs it.
  const cli = spawnTimed(DOCKER, docker(engine, 'exec', '-it', name, 'sh'), { cols: 80, rows: 24 });
  const dockerTimes: number[] = [];
  try {
    await cli.waitFor((s) => s.includes('/ #'), 10_000);
    await sleep(200);
    for (let i = 0; i < samples; i++) {
      const key = KEYS[i % KEYS.length]!;
      const echoed = cli.nextOutput((chunk) => chunk.includes(key));
      const typed = cli.write(key);
      dockerTimes.push((await echoed) - typed);
      if (i % KEYS.length === KEYS.length - 1) cli.write('\x15');
      await sleep(30);
    }
    cli.write('\x15exit\r');
  } finally {
    await cli.kill();
  }

  // The API's hijacked exec stream, as berth's engine layer opens it.
  const context = createContext(parseHost(engine.host, 'the benchmark engine'));
  await negotiate(context);
  const session = await openExecSession(context, name, ['sh'], { cols: 80, rows: 24 });
  const apiTimes: number[] = [];
  try {
    const { performance } = await import('node:perf_hooks');
    const waiters = new Set<(chunk: Buffer, at: number) => void>();
    let output = '';
    session.onData((chunk) => {
      const at = performance.now();
      output += chunk.toString('latin1');
      for (const waiter of [...waiters]) waiter(chunk, at);
    });
    for (let tries = 0; !output.includes('/ #') && tries < 100; tries++) await sleep(50);
    await sleep(200);
    for (let i = 0; i < samples; i++) {
      const key = KEYS[i % KEYS.length]!;
      const echoed = new Promise<number>((resolve) => {
        const waiter = (chunk: Buffer, at: number) => {
          if (!chunk.includes(key)) return;
          waiters.delete(waiter);
          resolve(at);
        };
        waiters.add(waiter);
      });
      const typed = performance.now();
      session.write(key);
      apiTimes.push((await echoed) - typed);
      if (i % KEYS.length === KEYS.length - 1) session.write('\x15');
      await sleep(30);
    }
  } finally {
    await session.close();
  }

  return {
    dockerMedianMs: median(dockerTimes),
    apiMedianMs: median(apiTimes),
    ...(await berthExecEcho(engine, name, samples)),
    samples,
  };
}

/** berth's own echo, when `e` on the selected container opens a shell in a terminal pane. */
async function berthExecEcho(
  engine: Engine,
  name: string,
  samples: number,
): Promise<{ berthMedianMs?: number; berthNote?: string }> {
  const app = startBerth(engine.host);
  try {
    await app.waitFor((s) => selectedName(s) !== undefined);
    for (let moves = 0; selectedName(app.screen()) !== name && moves < 20; moves++) {
      const before = selectedName(app.screen());
      app.write('j');
      await app.waitFor((s) => selectedName(s) !== before, 2000).catch(() => undefined);
    }
    if (selectedName(app.screen()) !== name) return { berthNote: `could not select ${name}` };
    app.write('e');
    try {
      // The prompt, alone on its line inside the terminal pane's border.
      await app.waitFor((s) => /\/ # *(│|$)/m.test(s), 5000);
    } catch {
      return { berthNote: 'pending issue 4 (`e` opened no shell prompt)' };
    }
    await sleep(300);
    const times: number[] = [];
    let typed = '';
    for (let i = 0; i < samples; i++) {
      const key = KEYS[i % KEYS.length]!;
      typed += key;
      const line = `/ # ${typed}`;
      const pressed = app.write(key);
      try {
        times.push((await app.waitFor((s) => s.includes(line), 5000)) - pressed);
      } catch {
        return { berthNote: `the terminal pane did not echo "${key}" within 5 s` };
      }
      if (typed.length === KEYS.length) {
        app.write('\x15');
        typed = '';
        await app.waitFor((s) => !s.includes(`/ # ${KEYS[0]}`), 5000).catch(() => undefined);
      }
      await sleep(30);
    }
    return { berthMedianMs: median(times) };
  } finally {
    await app.kill();
  }
}

/** Versions for the report: the CLI used for baselines and the engine. */
export async function dockerVersions(engine: Engine): Promise<{ cli: string; engine: string }> {
  const { stdout } = await run(
    DOCKER,
    docker(engine, 'version', '--format', '{{.Client.Version}} {{.Server.Version}}'),
  );
  const [cli = '?', server = '?'] = stdout.trim().split(' ');
  return { cli, engine: server };
}

export interface StatsColumnCost {
  /** Running containers on screen (the column reads only those). */
  shown: number;
  seconds: number;
  /** Percent of one core, column off then on. */
  berthOff: number;
  berthOn: number;
  dockerdOff: number;
  dockerdOn: number;
  /** dockerd, containerd and the shims. */
  engineOff: number;
  engineOn: number;
  /** The baseline: `docker stats` showing as many of the running containers, the CLI in a pty. */
  cliStats: number;
  dockerdStats: number;
  engineStats: number;
}

/** The column-on and `docker stats` windows alternate this many times, sharing the measured time. */
const STATS_ROUNDS = 2;

type ProcessCost = { client: number; dockerd: number; engine: number };

function meanCost(costs: readonly ProcessCost[]): ProcessCost {
  const mean = (pick: (c: ProcessCost) => number) =>
    costs.reduce((sum, c) => sum + pick(c), 0) / costs.length;
  return { client: mean((c) => c.client), dockerd: mean((c) => c.dockerd), engine: mean((c) => c.engine) };
}

/** The CPU/MEM figures on berth's screen (` 0.3% `, ` 12% `). */
const statsFiguresOn = (screen: string) => screen.match(/ \d+(\.\d)?% /g)?.length ?? 0;

/**
 * What the CPU/MEM column costs: berth in a 160×38 terminal, whose list shows 20 rows, over an
 * engine of at least `running` running containers; berth's CPU and the engine's (dockerd, and
 * dockerd + containerd + shims) over `seconds` with the column off, then over `seconds` with it
 * on (`m`), beside the same over `seconds` of `docker stats` naming as many running containers
 * as berth showed figures for: what the docker CLI makes the engine do to show the same (a
 * stream per container, each sampled every second). The column-on and `docker stats` windows
 * alternate (STATS_ROUNDS each, berth's column off while the CLI runs), so that a change in the
 * machine's speed falls on both. `settleMs` after the first frame; a second after the figures
 * show, before each window.
 */
export async function statsColumnCost(
  engine: Engine & { dir: string },
  running: number,
  seconds: number,
  settleMs = 2000,
): Promise<StatsColumnCost> {
  const processes = engineProcesses(engine.dir);
  /** Percent of a core over `windowSeconds`: the client `pid`, dockerd, and the whole engine. */
  const measure = async (pid: number, windowSeconds: number): Promise<ProcessCost> => {
    const client0 = cpuSecondsOf(pid);
    const engine0 = engineCpuSeconds(processes);
    await sleep(windowSeconds * 1000);
    const engine1 = engineCpuSeconds(processes);
    const percent = (used: number) => (used / windowSeconds) * 100;
    return {
      client: percent(cpuSecondsOf(pid) - client0),
      dockerd: percent(engine1.dockerd - engine0.dockerd),
      engine: percent(engine1.total - engine0.total),
    };
  };
  const perWindow = seconds / STATS_ROUNDS;
  const settle = Math.min(1000, settleMs);

  const dockerStats = async (names: readonly string[]): Promise<ProcessCost> => {
    const cli = spawnTimed(DOCKER, docker(engine, 'stats', ...names), { cols: 160, rows: 38 });
    try {
      // Every row has its figures (the CLI shows -- until a container's first sample).
      await cli.waitFor((s) => (s.match(/\d+\.\d+%/g)?.length ?? 0) >= names.length * 2, 20_000);
      await sleep(settle);
      return await measure(cli.pid, perWindow);
    } finally {
      await cli.kill();
    }
  };

  const app = startBerth(engine.host, { cols: 160, rows: 38 });
  let shown = 0;
  let names: string[] = [];
  let off: ProcessCost;
  const on: ProcessCost[] = [];
  const stats: ProcessCost[] = [];
  try {
    await app.waitFor(showsContainerList(running));
    await sleep(settleMs);
    off = await measure(app.pid, seconds);
    for (let round = 0; round < STATS_ROUNDS; round++) {
      app.write('m');
      await app.waitFor((s) => statsFiguresOn(s) > 0, 10_000);
      await sleep(settle);
      if (round === 0) {
        shown = statsFiguresOn(app.screen());
        const { stdout } = await run(
          DOCKER,
          docker(engine, 'ps', '--filter', 'status=running', '--format', '{{.Names}}'),
        );
        names = stdout.trim().split('\n').filter(Boolean).slice(0, shown);
        if (names.length < shown)
          throw new Error(`docker ps lists ${names.length} running containers; berth showed ${shown}`);
      }
      on.push(await measure(app.pid, perWindow));
      app.write('m');
      await app.waitFor((s) => statsFiguresOn(s) === 0, 10_000);
      stats.push(await dockerStats(names));
    }
  } finally {
    await app.kill();
  }
  const columnOn = meanCost(on);
  const cli = meanCost(stats);
  return {
    shown,
    seconds,
    berthOff: off.client,
    berthOn: columnOn.client,
    dockerdOff: off.dockerd,
    dockerdOn: columnOn.dockerd,
    engineOff: off.engine,
    engineOn: columnOn.engine,
    cliStats: cli.client,
    dockerdStats: cli.dockerd,
    engineStats: cli.engine,
  };
}
