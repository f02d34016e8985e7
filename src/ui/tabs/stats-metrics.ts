/**
 * The Stats tab's series: CPU, memory, network and block IO from the sample history, each with
 * its current value written the way `docker stats` writes it, and a scale for its graph.
 */
import type { StatsSample } from '../../engine/engine.js';
import { ratesOf } from '../../state/stats-model.js';
import { binarySize, humanSize } from '../format/size.js';
import { niceMax } from './graph.js';

export interface Metric {
  label: string;
  values: number[];
  /** The graph's top. */
  max: number;
  maxText: string;
  current: string;
}

function rateMetric(
  label: string,
  samples: readonly StatsSample[],
  counter: (s: StatsSample) => number,
): Metric {
  const values = ratesOf(samples, counter);
  const last = samples[samples.length - 1];
  const max = niceMax(values);
  return {
    label,
    values,
    max,
    maxText: `${humanSize(max)}/s`,
    current: `${humanSize(values[values.length - 1] ?? 0)}/s · ${humanSize(last ? counter(last) : 0)} total`,
  };
}

export function statsMetrics(samples: readonly StatsSample[]): Metric[] {
  const last = samples[samples.length - 1];
  const cpu = samples.map((s) => s.cpuPercent);
  const memory = samples.map((s) => s.memoryUsage);
  const cpuMax = niceMax(cpu, 100);
  // Bytes in binary units do not round to 1-2-5 steps: a quarter of headroom reads as well.
  const memoryMax = Math.max(1, ...memory) * 1.25;
  return [
    {
      label: 'CPU',
      values: cpu,
      max: cpuMax,
      maxText: `${cpuMax}%`,
      current: `${(last?.cpuPercent ?? 0).toFixed(2)}%`,
    },
    {
      label: 'Memory',
      values: memory,
      max: memoryMax,
      maxText: binarySize(memoryMax),
      current: last
        ? `${binarySize(last.memoryUsage)} / ${binarySize(last.memoryLimit)} (${last.memoryPercent.toFixed(2)}%)`
        : '—',
    },
    rateMetric('Net rx', samples, (s) => s.netRx),
    rateMetric('Net tx', samples, (s) => s.netTx),
    rateMetric('Block read', samples, (s) => s.blockRead),
    rateMetric('Block write', samples, (s) => s.blockWrite),
  ];
}
