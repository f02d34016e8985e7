/** Pure views of the state: what each list shows, in which order. Unit-tested. */
import type { ContainerState, ImageSummary } from '../engine/engine.js';
import { compareNames } from './compare-names.js';
import type { ContainerEntry, ContainersState } from './containers-store.js';

export type ContainerRow =
  | { kind: 'group'; key: string; project: string; count: number }
  | { kind: 'container'; key: string; container: ContainerEntry };

/** Running first, then the frozen, the starting, the stopped. */
const STATE_ORDER: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

export interface ContainerView {
  /** `docker ps -a` rather than `docker ps`. */
  showAll: boolean;
  /** Case-insensitive substring of name, image, compose project or id. */
  filter: string;
}

export function matchesFilter(c: ContainerEntry, filter: string): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return (
    c.name.toLowerCase().includes(f) ||
    c.image.toLowerCase().includes(f) ||
    (c.composeProject?.toLowerCase().includes(f) ?? false) ||
    c.id.startsWith(f)
  );
}

export function isShownByDefault(c: ContainerEntry): boolean {
  return c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
}

function byStateThenName(a: ContainerEntry, b: ContainerEntry): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareNames(a.name, b.name);
}

/**
 * The containers list: sorted by state then name; grouped under their compose project when
 * any container has one (standalone ones first, under their own heading).
 */
export function containerRows(all: Iterable<ContainerEntry>, view: ContainerView): ContainerRow[] {
  const shown = [...all].filter(
    (c) => (view.showAll || isShownByDefault(c)) && matchesFilter(c, view.filter),
  );
  const groups = new Map<string, ContainerEntry[]>();
  const standalone: ContainerEntry[] = [];
  for (const c of shown) {
    if (c.composeProject) {
      const list = groups.get(c.composeProject) ?? [];
      list.push(c);
      groups.set(c.composeProject, list);
    } else standalone.push(c);
  }
  const toRows = (list: ContainerEntry[]): ContainerRow[] =>
    list.sort(byStateThenName).map((container) => ({ kind: 'container', key: container.id, container }));
  if (groups.size === 0) return toRows(standalone);
  const rows: ContainerRow[] = [];
  if (standalone.length > 0) {
    rows.push({ kind: 'group', key: 'group:', project: '', count: standalone.length });
    rows.push(...toRows(standalone));
  }
  for (const project of [...groups.keys()].sort(compareNames)) {
    const list = groups.get(project)!;
    rows.push({ kind: 'group', key: `group:${project}`, project, count: list.length });
    rows.push(...toRows(list));
  }
  return rows;
}

/** The list's counts; the engine's own total while only the running containers are listed. */
export function containerCounts(state: ContainersState): { running: number; total: number } {
  const counts = countContainers(state.byId.values());
  return state.partialTotal === undefined
    ? counts
    : { ...counts, total: Math.max(counts.total, state.partialTotal) };
}

export function countContainers(all: Iterable<ContainerEntry>): { running: number; total: number } {
  let running = 0;
  let total = 0;
  for (const c of all) {
    total++;
    if (c.state === 'running') running++;
  }
  return { running, total };
}

export function filterImages(images: readonly ImageSummary[], filter: string): ImageSummary[] {
  if (!filter) return [...images];
  const f = filter.toLowerCase();
  return images.filter((i) => i.repoTags.some((t) => t.toLowerCase().includes(f)) || i.shortId.startsWith(f));
}

/**
 * Moves a selection by `delta` among selectable rows, keeping it on the same item when the
 * list changes under it (selection is by key, not by index).
 */
export function moveSelection<T extends { key: string }>(
  rows: readonly T[],
  selectedKey: string | undefined,
  delta: number | 'top' | 'bottom',
  selectable: (row: T) => boolean = () => true,
): string | undefined {
  // Walks from the selected row instead of listing the selectable keys: a move in a list of
  // 2,000 made two arrays of 2,000, garbage that the collector then paused a later key for.
  const first = () => rows.find(selectable)?.key;
  if (delta === 'top') return first();
  if (delta === 'bottom') return rows.findLast(selectable)?.key;
  const at = selectedKey === undefined ? -1 : rows.findIndex((r) => r.key === selectedKey);
  if (at === -1 || !selectable(rows[at]!)) return first();
  const step = Math.sign(delta);
  let landed = at;
  for (let i = at + step, left = Math.abs(delta); left > 0 && i >= 0 && i < rows.length; i += step) {
    if (selectable(rows[i]!)) {
      landed = i;
      left--;
    }
  }
  return rows[landed]!.key;
}
