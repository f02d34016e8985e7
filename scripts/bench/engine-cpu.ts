/**
 * CPU used by a private engine: dockerd (its pid file), its children (containerd) and the
 * containerd shims serving its containers, which answer the stats requests. Seconds from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuSecondsOf } from './measure.js';

export interface EngineCpu {
  dockerd: number;
  /** dockerd, containerd and the shims. */
  total: number;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The engine's processes now: dockerd, its descendants, and the shims started for it (reparented to init). */
export function engineProcesses(dir: string): { dockerd: number; all: number[] } {
  const dockerd = Number(readFileSync(`${dir}/docker.pid`, 'utf8').trim());
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const all = new Set([dockerd]);
  // Descendants, parents before children: /proc lists pids in ascending order, mostly.
  for (let grew = true; grew; ) {
    grew = false;
    for (const pid of pids) {
      const parent = parentOf(pid);
      if (!all.has(pid) && parent !== undefined && all.has(parent)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) && !all.has(pid)) {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('containerd-shim')) all.add(pid);
      }
    } catch {}
  }
  return { dockerd, all: [...all] };
}

/** CPU seconds used so far by the given engine processes (gone ones count as 0). */
export function engineCpuSeconds(processes: { dockerd: number; all: number[] }): EngineCpu {
  const of = (pid: number) => {
    try {
      return cpuSecondsOf(pid);
    } catch {
      return 0;
    }
  };
  return { dockerd: of(processes.dockerd), total: processes.all.reduce((sum, pid) => sum + of(pid), 0) };
}
