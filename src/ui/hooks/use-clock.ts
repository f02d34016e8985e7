import { useEffect, useState } from 'react';
import type { ContainerRow } from '../../state/selectors.js';
import { statusChangesIn } from '../format/status.js';
import { parsedStatusOf } from '../panes/container-cells.js';

/** Image ages and anything else relative change at most this often when no status is shown. */
const LONGEST_WAIT = 60 * 60 * 1000;

/**
 * "Now", for relative ages ("Up 3 minutes"). It ticks only when some shown text would change,
 * never on a fixed busy loop: a screen of hour-old containers wakes up once a minute or less.
 */
export function useClock(rows: readonly ContainerRow[]): number {
  const [now, setNow] = useState(Date.now);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick (`now`) schedules the next one
  useEffect(() => {
    let soonest = LONGEST_WAIT;
    const current = Date.now();
    for (const row of rows) {
      if (row.kind !== 'container') continue;
      const wait = statusChangesIn(parsedStatusOf(row.container), current);
      if (wait !== undefined && wait < soonest) soonest = wait;
    }
    const timer = setTimeout(() => setNow(Date.now()), Math.max(250, soonest + 20));
    return () => clearTimeout(timer);
  }, [rows, now]);
  return now;
}
