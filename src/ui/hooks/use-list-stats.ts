/**
 * The CPU/MEM column's figures for the containers list: a ListStatsModel for the pane's life,
 * told which running containers are on screen after each render, closed when the column is off
 * or the pane goes. The pane re-renders only when a cell's text changes: idle containers whose
 * figures round to the same text cost no redraw at each reading.
 */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Engine } from '../../engine/engine.js';
import { ListStatsModel, type RowStats } from '../../state/list-stats-model.js';
import { statsCells } from '../panes/container-cells.js';

export type StatsCellTexts = ReadonlyMap<string, { cpu: string; memory: string }>;

export interface ListStats {
  /** The cells' text by container id (only containers read so far). */
  cells: StatsCellTexts;
  /** The running containers on screen now; an empty list stops every read. */
  watch(ids: readonly string[]): void;
}

export function useListStats(engine: Engine | undefined, enabled: boolean): ListStats {
  const model = useMemo(() => new ListStatsModel(), []);
  useEffect(() => () => model.close(), [model]);
  useEffect(() => {
    if (!enabled || !engine) model.close();
  }, [model, enabled, engine]);

  const last = useRef<{ rows: ReadonlyMap<string, RowStats>; cells: StatsCellTexts } | undefined>(undefined);
  const snapshot = useCallback(() => {
    const rows = model.store.get();
    if (last.current?.rows === rows) return last.current.cells;
    const cells = new Map([...rows].map(([id, stats]) => [id, statsCells(stats, true)]));
    const previous = last.current?.cells;
    const same =
      previous !== undefined &&
      previous.size === cells.size &&
      [...cells].every(([id, c]) => previous.get(id)?.cpu === c.cpu && previous.get(id)?.memory === c.memory);
    last.current = { rows, cells: same ? previous : cells };
    return last.current.cells;
  }, [model]);
  const cells = useSyncExternalStore(model.store.subscribe, snapshot, snapshot);

  const watch = useCallback(
    (ids: readonly string[]) => {
      if (enabled && engine) model.watch(engine, ids);
      else model.close();
    },
    [model, enabled, engine],
  );
  return { cells, watch };
}
