/**
 * What one container row says, as plain cells: pure, so the columns are unit-tested and the
 * component only lays them out. Wider terminals get more columns.
 */
import type { ContainerEntry } from '../../state/containers-store.js';
import type { RowStats } from '../../state/list-stats-model.js';
import { sanitizeForTerminal } from '../../terminal/sanitize.js';
import { binarySize } from '../format/size.js';
import { formatStatus, type ParsedStatus, parseStatus } from '../format/status.js';

export interface ContainerColumns {
  name: number;
  state: number;
  status: number;
  image: number;
  ports: number;
  /** The optional CPU/MEM column's cells (0: not shown). */
  cpu: number;
  memory: number;
}

/** `100.0%` or `1600%`; `12.34MiB`. */
const CPU_WIDTH = 6;
const MEMORY_WIDTH = 8;
/** Rows narrower than this show the CPU cell alone; narrower than the CPU's minimum, neither. */
const MEMORY_FROM = 52;
const CPU_FROM = 40;

/**
 * Column widths for a pane `width` wide (inside its border, after the 2-cell marker). With
 * `stats`, the CPU and MEM cells are set aside first and the others share what is left as they
 * would share a narrower pane, so the image gives up most (at 80 columns: name 15, status 24,
 * image 10 instead of 19, 26, 20). A narrow list (side by side below ~125 columns) keeps the
 * CPU cell only; one under 40 cells (a stacked terminal under 44 columns) shows neither.
 */
export function containerColumns(width: number, options: { stats?: boolean } = {}): ContainerColumns {
  const full = Math.max(10, width - 2);
  const cpu = options.stats && full >= CPU_FROM ? CPU_WIDTH : 0;
  const memory = options.stats && full >= MEMORY_FROM ? MEMORY_WIDTH : 0;
  const inner = full - (cpu ? cpu + 1 : 0) - (memory ? memory + 1 : 0);
  return { ...textColumns(inner), cpu, memory };
}

function textColumns(inner: number): Omit<ContainerColumns, 'cpu' | 'memory'> {
  const state = 8;
  if (inner < 52) {
    const name = Math.max(6, Math.floor((inner - state - 2) * 0.45));
    return { name, state, status: Math.max(4, inner - name - state - 2), image: 0, ports: 0 };
  }
  const name = Math.min(28, Math.floor(inner * 0.25));
  // "Up About a minute (Paused)" and "Exited (137) 2 seconds ago" are 26 wide: status before image.
  // "Exited (137) About a minute ago" is 31: a row with room for it and an image name of 16 or
  // more (side by side on a terminal of ~190 columns, or stacked on one of 84) shows it whole.
  const statusMax = inner >= 80 ? 31 : 26;
  const status = Math.max(12, Math.min(statusMax, inner - name - state - 3 - 10));
  const rest = inner - name - state - status - 3;
  const ports = inner >= 110 ? Math.min(30, Math.floor(rest * 0.45)) : 0;
  const image = Math.max(0, rest - ports - (ports ? 1 : 0));
  return { name, state, status, image, ports };
}

export function fitCell(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return width <= 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export function portsText(c: ContainerEntry): string {
  return c.ports
    .map((p) =>
      p.publicPort
        ? `${p.ip && p.ip !== '0.0.0.0' ? `${p.ip}:` : ''}${p.publicPort}->${p.privatePort}/${p.type}`
        : `${p.privatePort}/${p.type}`,
    )
    .join(', ');
}

// Entries are replaced whenever the engine reports a change, so each is parsed once.
const parsedStatuses = new WeakMap<ContainerEntry, ParsedStatus>();

export function parsedStatusOf(c: ContainerEntry): ParsedStatus {
  let parsed = parsedStatuses.get(c);
  if (!parsed) {
    parsed = parseStatus(c.status, c.statusReadAt);
    parsedStatuses.set(c, parsed);
  }
  return parsed;
}

/** The engine's status text, kept true as time passes ("Up 3 minutes" → "Up 4 minutes"). */
export function liveStatus(c: ContainerEntry, now: number): string {
  return formatStatus(parsedStatusOf(c), now);
}

/** The CPU and MEM cells: blank for a container not read (not running), `…` until its first figure. */
// The same objects every time, so a memoised row without a reading does not render again.
const AWAITING_STATS = Object.freeze({ cpu: '…', memory: '' });
const NO_STATS = Object.freeze({ cpu: '', memory: '' });

export function statsCells(stats: RowStats | undefined, running: boolean): { cpu: string; memory: string } {
  if (!stats) return running ? AWAITING_STATS : NO_STATS;
  const p = stats.cpuPercent;
  const cpu = p === undefined ? '…' : `${p >= 100 ? p.toFixed(0) : p.toFixed(1)}%`;
  return { cpu, memory: binarySize(stats.memoryUsage) };
}

export function containerCells(c: ContainerEntry, columns: ContainerColumns, now: number) {
  // Names, images and commands come from whoever created the container: never trust them.
  const clean = (s: string) => sanitizeForTerminal(s, { keepColors: false });
  return {
    name: fitCell(clean(c.name), columns.name),
    state: fitCell(c.state, columns.state),
    status: fitCell(liveStatus(c, now), columns.status),
    image: fitCell(clean(c.image), columns.image),
    ports: fitCell(portsText(c), columns.ports),
  };
}
