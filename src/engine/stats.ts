/**
 * Resource usage of a container (`docker stats`): the engine's raw JSON, streamed about once a
 * second, turned into the numbers the docker CLI shows, computed the same way.
 */
import type { IncomingMessage } from 'node:http';
import type { EngineContext } from './client.js';
import { LineSplitter } from './line-splitter.js';
import { streamDone } from './stream-done.js';

export interface StatsSample {
  /** Percent of one CPU: a container keeping two cores busy shows 200. */
  cpuPercent: number;
  /** Bytes in use, without the page cache that the kernel can reclaim (as the docker CLI shows it). */
  memoryUsage: number;
  /** Bytes the container may use: its limit, or the host's memory. */
  memoryLimit: number;
  memoryPercent: number;
  /** Bytes received and sent over all networks. */
  netRx: number;
  netTx: number;
  /** Bytes read from and written to block devices. */
  blockRead: number;
  blockWrite: number;
  pids: number;
  /** When the engine read the sample, epoch ms (0 when it has none: the container is not running). */
  time: number;
}

/** The parts of the engine's stats JSON that berth reads (cgroup v1 and v2 shapes). */
export interface RawStats {
  read?: string;
  pids_stats?: { current?: number };
  cpu_stats?: RawCpuStats;
  precpu_stats?: RawCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
}

interface RawCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/**
 * The CPU counters of one reading: what `docker stats` subtracts between two readings. A reading
 * taken alone (one-shot) has no previous one inside it; two taken seconds apart give the
 * percentage over those seconds, by the same formula.
 */
export interface CpuCounters {
  /** Nanoseconds of CPU the container has used since it started. */
  containerNs: number;
  /** Nanoseconds of CPU the whole host has used (all CPUs), as the engine read it. */
  systemNs: number;
  onlineCpus: number;
}

function cpuCounters(cpu: RawCpuStats | undefined): CpuCounters | undefined {
  if (!cpu?.system_cpu_usage) return undefined;
  return {
    containerNs: cpu.cpu_usage?.total_usage ?? 0,
    systemNs: cpu.system_cpu_usage,
    onlineCpus: cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 0,
  };
}

/** The docker CLI's CPU %: the container's share of the host's CPU time between two readings, times the CPUs. */
export function cpuPercentBetween(previous: CpuCounters, current: CpuCounters): number {
  const cpuDelta = current.containerNs - previous.containerNs;
  const systemDelta = current.systemNs - previous.systemNs;
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * current.onlineCpus * 100;
}

function cpuPercent(raw: RawStats): number {
  const current = cpuCounters(raw.cpu_stats);
  // The first sample of a stream has no previous reading: no honest percentage yet.
  const previous = cpuCounters(raw.precpu_stats);
  if (!current || !previous) return 0;
  return cpuPercentBetween(previous, current);
}

/**
 * Usage minus reclaimable cache, as the docker CLI computes it: `total_inactive_file` on cgroup
 * v1, `inactive_file` on v2, and `cache` for engines that report neither.
 */
function memoryUsage(memory: RawStats['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  for (const key of ['total_inactive_file', 'inactive_file']) {
    const value = stats[key];
    if (value !== undefined && value < usage) return usage - value;
  }
  const hasInactive = 'total_inactive_file' in stats || 'inactive_file' in stats;
  const cache = stats.cache;
  if (!hasInactive && cache !== undefined && cache < usage) return usage - cache;
  return usage;
}

function blockIo(raw: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    // v1 says "Read"/"Write", v2 "read"/"write"; "Total" and others are not counted.
    const op = entry.op?.[0];
    if (op === 'r' || op === 'R') read += entry.value ?? 0;
    else if (op === 'w' || op === 'W') write += entry.value ?? 0;
  }
  return { read, write };
}

function readTime(read: string | undefined): number {
  const time = read ? Date.parse(read) : Number.NaN;
  return Number.isFinite(time) && time > 0 ? time : 0;
}

/** Turns the engine's raw stats JSON into the numbers `docker stats` shows. */
export function statsSample(raw: RawStats): StatsSample {
  const memoryLimit = raw.memory_stats?.limit ?? 0;
  const used = memoryUsage(raw.memory_stats);
  let netRx = 0;
  let netTx = 0;
  for (const network of Object.values(raw.networks ?? {})) {
    netRx += network.rx_bytes ?? 0;
    netTx += network.tx_bytes ?? 0;
  }
  const block = blockIo(raw);
  return {
    cpuPercent: cpuPercent(raw),
    memoryUsage: used,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (used / memoryLimit) * 100 : 0,
    netRx,
    netTx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: raw.pids_stats?.current ?? 0,
    time: readTime(raw.read),
  };
}

export interface StatsStream {
  /**
   * Settles when the stream is over: resolves on `stop()`, when the engine ends it, or when the
   * container is not running (the engine then sends one empty sample and holds the stream open);
   * rejects if the connection fails.
   */
  readonly done: Promise<void>;
  stop(): void;
}

/** Streams samples about once a second until stopped. */
export async function streamStats(
  context: EngineContext,
  containerId: string,
  onSample: (sample: StatsSample) => void,
): Promise<StatsStream> {
  const action = `read the stats of ${containerId}`;
  const container = context.docker.getContainer(containerId);
  const response = (await context.call(action, () =>
    container.stats({ stream: true }),
  )) as unknown as IncomingMessage;
  let stopped = false;
  const stop = () => {
    stopped = true;
    response.destroy();
  };
  const splitter = new LineSplitter((bytes, start, end) => {
    if (stopped || end === start) return;
    let raw: RawStats;
    try {
      raw = JSON.parse(bytes.toString('utf8', start, end)) as RawStats;
    } catch {
      return;
    }
    const sample = statsSample(raw);
    // An empty sample means the container is not running; the engine would never send another.
    if (sample.time === 0) stop();
    else onSample(sample);
  });
  response.on('data', (chunk: Buffer) => splitter.push(chunk));
  const done = streamDone(response, {
    context,
    action,
    what: 'stats',
    stopped: () => stopped,
    onEnd: () => splitter.flush(),
  });
  return { done, stop };
}

/** One sample; the engine takes about a second to measure CPU over an interval. */
export async function readStatsOnce(context: EngineContext, containerId: string): Promise<StatsSample> {
  const raw = await context.call(`read the stats of ${containerId}`, () =>
    context.docker.getContainer(containerId).stats({ stream: false }),
  );
  return statsSample(raw as unknown as RawStats);
}

/** One reading taken at once: the figures, and the CPU counters to compare with the next reading. */
export interface StatsReading {
  sample: StatsSample;
  cpu: CpuCounters | undefined;
}

/**
 * One reading without waiting (`one-shot`, API 1.41): the engine reads the counters once instead
 * of sampling twice a second apart, so polling many containers costs the engine least (see
 * docs/performance.md). Its CPU % is 0: compare `cpu` with the previous reading instead.
 * Undefined when the container is not running.
 */
export async function readStatsNow(
  context: EngineContext,
  containerId: string,
): Promise<StatsReading | undefined> {
  const raw = (await context.call(`read the stats of ${containerId}`, () =>
    context.docker.getContainer(containerId).stats({ stream: false, 'one-shot': true }),
  )) as unknown as RawStats;
  const sample = statsSample(raw);
  if (sample.time === 0) return undefined;
  return { sample, cpu: cpuCounters(raw.cpu_stats) };
}
