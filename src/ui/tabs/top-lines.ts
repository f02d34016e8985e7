/**
 * The Top tab: `docker top` as a table. A process in state `T` (stopped by SIGSTOP) is marked:
 * the container still says "running", so this is the only place it shows.
 */
import type { ProcessTable } from '../../engine/engine.js';
import { clean, type TabLine } from './tab-lines.js';

/** What the first letter of STAT means (procps `ps`). */
export const PROCESS_STATES: Record<string, string> = {
  R: 'running',
  S: 'sleeping',
  D: 'waiting on IO',
  T: 'stopped (SIGSTOP)',
  t: 'stopped by a debugger',
  Z: 'zombie',
  I: 'idle',
  X: 'dead',
};

export function topLines(table: ProcessTable): TabLine[] {
  const titles = table.titles.map(clean);
  const rows = table.processes.map((p) => p.map(clean));
  const stat = titles.findIndex((t) => t === 'STAT' || t === 'S');
  const last = titles.length - 1;
  // Every column but the last (the command) is as wide as its widest cell.
  const widths = titles.map((t, i) =>
    i === last ? 0 : Math.max(t.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const cells = (row: readonly string[]) =>
    row.map((cell, i) => (i === last ? cell : `${cell.padEnd(widths[i]!)}  `));
  const lines: TabLine[] = [[{ text: cells(titles).join(''), tone: 'muted', bold: true }]];
  for (const row of rows) {
    const stopped = stat >= 0 && (row[stat] ?? '').startsWith('T');
    lines.push(
      cells(row).map((text, i) => ({
        text,
        tone: i === stat && stopped ? ('warning' as const) : undefined,
        bold: i === stat && stopped,
      })),
    );
  }
  return lines;
}

/** A one-line summary: how many processes, and what the states present mean. */
export function topSummary(table: ProcessTable): string {
  const stat = table.titles.findIndex((t) => t === 'STAT' || t === 'S');
  const count = table.processes.length;
  const states = new Set(stat >= 0 ? table.processes.map((p) => (p[stat] ?? '')[0] ?? '') : []);
  const legend = [...states]
    .filter((s) => PROCESS_STATES[s])
    .sort()
    .map((s) => `${s} ${PROCESS_STATES[s]}`)
    .join(' · ');
  return `${count} process${count === 1 ? '' : 'es'}${legend ? ` · ${legend}` : ''}`;
}
