import { describe, expect, test } from 'vitest';
import { type RawStats, statsSample } from '../../src/engine/stats.js';

/** Recorded from engine 20.10 on cgroup v1 (a busybox container; trimmed of unused keys). */
const cgroupV1: RawStats = {
  read: '2026-11-28T01:06:52.269962551Z',
  pids_stats: { current: 3 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 4096 },
      { op: 'Write', value: 8192 },
      { op: 'Sync', value: 12288 },
      { op: 'Async', value: 0 },
      { op: 'Total', value: 12288 },
      { op: 'Read', value: 1000 },
    ],
  },
  cpu_stats: {
    cpu_usage: { total_usage: 2_249_397_631, percpu_usage: [1_106_558_474, 1_142_839_157] },
    system_cpu_usage: 758_920_000_000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 1_249_397_631, percpu_usage: [606_558_474, 642_839_157] },
    system_cpu_usage: 756_920_000_000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 3_600_000,
    stats: { cache: 1_000_000, inactive_file: 600_000, total_inactive_file: 800_000, total_cache: 1_000_000 },
    limit: 25_276_514_304,
  },
  networks: { eth0: { rx_bytes: 5338, tx_bytes: 648 }, eth1: { rx_bytes: 100, tx_bytes: 2 } },
};

/** The cgroup v2 shape (engine 20.10+ on a unified hierarchy): no percpu_usage, no total_* keys. */
const cgroupV2: RawStats = {
  read: '2026-11-28T01:07:00.000000000Z',
  pids_stats: { current: 1 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'read', value: 3_244_032 },
      { op: 'write', value: 4096 },
    ],
  },
  cpu_stats: { cpu_usage: { total_usage: 504_000_000 }, system_cpu_usage: 9_854_870_000_000, online_cpus: 4 },
  precpu_stats: {
    cpu_usage: { total_usage: 4_000_000 },
    system_cpu_usage: 9_850_870_000_000,
    online_cpus: 4,
  },
  memory_stats: {
    usage: 6_651_904,
    stats: { anon: 241_664, file: 3_244_032, inactive_file: 860_160, active_file: 2_383_872 },
    limit: 8_217_579_520,
  },
  networks: { eth0: { rx_bytes: 1_000_000, tx_bytes: 2_000 } },
};

describe('statsSample computes what docker stats shows', () => {
  test.each([
    {
      name: 'cgroup v1',
      raw: cgroupV1,
      // 1e9 ns of CPU over 2e9 ns of system time on 2 CPUs → 100% (one core busy)
      cpuPercent: 100,
      // usage minus total_inactive_file, not minus cache or inactive_file
      memoryUsage: 3_600_000 - 800_000,
      memoryLimit: 25_276_514_304,
      netRx: 5438,
      netTx: 650,
      blockRead: 5096,
      blockWrite: 8192,
      pids: 3,
      time: Date.parse('2026-11-28T01:06:52.269Z'),
    },
    {
      name: 'cgroup v2',
      raw: cgroupV2,
      // 5e8 / 4e9 × 4 CPUs × 100
      cpuPercent: 50,
      memoryUsage: 6_651_904 - 860_160,
      memoryLimit: 8_217_579_520,
      netRx: 1_000_000,
      netTx: 2_000,
      blockRead: 3_244_032,
      blockWrite: 4096,
      pids: 1,
      time: Date.parse('2026-11-28T01:07:00Z'),
    },
  ])('$name', ({ raw, name: _name, ...expected }) => {
    const sample = statsSample(raw);
    expect(sample.cpuPercent).toBeCloseTo(expected.cpuPercent, 6);
    expect(sample).toMatchObject({ ...expected, cpuPercent: sample.cpuPercent });
    expect(sample.memoryPercent).toBeCloseTo((expected.memoryUsage / expected.memoryLimit) * 100, 9);
  });

  test.each([
    {
      name: 'online_cpus missing: the number of per-CPU counters is used',
      raw: {
        cpu_stats: { cpu_usage: { total_usage: 300, percpu_usage: [1, 1, 1] }, system_cpu_usage: 1200 },
        precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 600 },
      },
      cpuPercent: (300 / 600) * 3 * 100,
    },
    {
      name: 'first sample of a stream (no previous reading) is 0, not a lifetime average',
      raw: {
        cpu_stats: { cpu_usage: { total_usage: 5_000 }, system_cpu_usage: 10_000, online_cpus: 2 },
        precpu_stats: { cpu_usage: {} },
      },
      cpuPercent: 0,
    },
    {
      name: 'an idle container is 0',
      raw: {
        cpu_stats: { cpu_usage: { total_usage: 5_000 }, system_cpu_usage: 20_000, online_cpus: 2 },
        precpu_stats: { cpu_usage: { total_usage: 5_000 }, system_cpu_usage: 10_000 },
      },
      cpuPercent: 0,
    },
  ])('cpu: $name', ({ raw, cpuPercent }) => {
    expect(statsSample(raw as RawStats).cpuPercent).toBeCloseTo(cpuPercent, 9);
  });

  test.each<{ name: string; stats: Record<string, number> | undefined; usage: number; expected: number }>([
    { name: 'old engine with only cache', stats: { cache: 300 }, usage: 1000, expected: 700 },
    {
      name: 'inactive file larger than usage is ignored',
      stats: { inactive_file: 2000 },
      usage: 1000,
      expected: 1000,
    },
    {
      name: 'v1 with total_inactive_file larger than usage falls back to inactive_file',
      stats: { total_inactive_file: 5000, inactive_file: 100, cache: 400 },
      usage: 1000,
      expected: 900,
    },
    { name: 'no stats at all', stats: undefined, usage: 1000, expected: 1000 },
  ])('memory: $name', ({ stats, usage, expected }) => {
    const sample = statsSample({ memory_stats: { usage, limit: 4000, stats } });
    expect(sample.memoryUsage).toBe(expected);
    expect(sample.memoryPercent).toBeCloseTo((expected / 4000) * 100, 9);
  });

  test('the empty sample of a stopped container is all zeros with no time', () => {
    const stopped = {
      read: '0001-01-01T00:00:00Z',
      pids_stats: {},
      blkio_stats: { io_service_bytes_recursive: null },
      cpu_stats: { cpu_usage: { total_usage: 0 } },
      precpu_stats: { cpu_usage: { total_usage: 0 } },
      memory_stats: {},
    };
    expect(statsSample(stopped)).toEqual({
      cpuPercent: 0,
      memoryUsage: 0,
      memoryLimit: 0,
      memoryPercent: 0,
      netRx: 0,
      netTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 0,
      time: 0,
    });
  });
});
