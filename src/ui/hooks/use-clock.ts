import { useEffect, useMemo, useState } from 'react';
import type { ImageSummary } from '../../engine/engine.js';
import type { ContainerRow } from '../../state/selectors.js';
import { nextChangeIn } from '../format/duration.js';
import { statusChangesIn } from '../format/status.js';
import { parsedStatusOf } from '../panes/container-cells.js';

/** The longest the clock sleeps when nothing shown would change sooner. */
const LONGEST_WAIT = 60 * 60 * 1000;
// The same empty lists every render: a fresh `[]` default would read "now" again on every render.
const NO_ROWS: readonly ContainerRow[] = [];
const NO_IMAGES: readonly ImageSummary[] = [];

/**
 * "Now", for relative ages ("Up 3 minutes", "2 hours ago") in the lists. Read again on each tick
 * and whenever the rows or images change — an old "now" with a status read a moment ago showed
 * it as minutes younger — and kept otherwise: a cursor move renders with the same number, so the
 * rows it did not change are not rendered again. The timer only wakes the screen when some shown
 * text would change, never on a fixed busy loop: a screen of hour-old containers wakes once a
 * minute or less.
 *
 * Each list keeps its own clock (the containers pane over its rows, the images pane over its
 * images): an image's age ticking over renders the images pane alone, not the whole screen.
 */
export function useClock(
  rows: readonly ContainerRow[] = NO_ROWS,
  images: readonly ImageSummary[] = NO_IMAGES,
): number {
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the inputs of the texts, not of Date.now()
  const now = useMemo(() => Date.now(), [tick, rows, images]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick schedules the next one
  useEffect(() => {
    let soonest = LONGEST_WAIT;
    const current = Date.now();
    for (const row of rows) {
      if (row.kind !== 'container') continue;
      const wait = statusChangesIn(parsedStatusOf(row.container), current);
      if (wait !== undefined && wait < soonest) soonest = wait;
    }
    for (const image of images) {
      const wait = nextChangeIn(current - image.created * 1000);
      if (wait < soonest) soonest = wait;
    }
    const timer = setTimeout(() => setTick((t) => t + 1), Math.max(250, soonest + 20));
    return () => clearTimeout(timer);
  }, [rows, images, tick]);
  return now;
}
