/**
 * Which row of each list is selected, as the lists draw it.
 *
 * The screen's state (screen-state.ts) says which container and which image are wanted; the rows
 * they land on are resolved here, by the lists and by the screen alike. A cursor move is published
 * to a store (`Cursor`) that the lists read themselves, so the move's own frame renders the list
 * and nothing else: the rest of the screen (the details pane, the status line's hint) follows it in
 * a transition (MainScreen's `dispatch`). A move rendered the whole screen before, 27 components
 * for the two rows and the status line that changed (issue 7).
 */
import type { ImageSummary } from '../engine/engine.js';
import type { ContainerRow } from '../state/selectors.js';
import { Store } from '../state/store.js';
import type { ScreenState } from './screen-state.js';

export type Selected = ScreenState['selected'];

/** The wanted container and image, published the moment a key moves them. */
export type Cursor = Store<Selected>;

export function createCursor(selected: Selected): Cursor {
  return new Store(selected);
}

export const isContainerRow = (r: ContainerRow) => r.kind === 'container';

/**
 * Where each recently wanted container was last seen in the list, so the list and the screen
 * agree on the neighbour that takes its place. By key: while a move is in its transition the
 * screen still resolves the old key and the list the new one, and neither may overwrite the other.
 */
const lastPlaces = new Map<string, number>();
/** Enough for the keys a screen and its list resolve at once, and a few moves behind them. */
const PLACES_KEPT = 8;

/**
 * The index of the selected container's row: the wanted one; when it went away (removed,
 * filtered out), its neighbour where it was rather than the top; with none wanted, the first
 * container. -1 when the rows hold no container.
 */
export function selectedContainerIndex(rows: readonly ContainerRow[], wanted: string | undefined): number {
  let index = wanted === undefined ? -1 : rows.findIndex((r) => r.key === wanted && isContainerRow(r));
  const lastIndex = wanted === undefined ? undefined : lastPlaces.get(wanted);
  if (index === -1 && lastIndex !== undefined) index = nearestSelectable(rows, lastIndex);
  if (index === -1) index = rows.findIndex(isContainerRow);
  if (index !== -1 && wanted !== undefined && rows[index]!.key === wanted) {
    lastPlaces.delete(wanted);
    lastPlaces.set(wanted, index);
    if (lastPlaces.size > PLACES_KEPT) lastPlaces.delete(lastPlaces.keys().next().value as string);
  }
  return index;
}

function nearestSelectable(rows: readonly ContainerRow[], index: number): number {
  // The row that took its place, else the one before it.
  for (let i = index; i < rows.length; i++) if (isContainerRow(rows[i]!)) return i;
  for (let i = Math.min(index, rows.length) - 1; i >= 0; i--) if (isContainerRow(rows[i]!)) return i;
  return -1;
}

/** The index of the selected image: the wanted one, else the first. -1 with no images. */
export function selectedImageIndex(images: readonly ImageSummary[], wanted: string | undefined): number {
  const index = wanted === undefined ? -1 : images.findIndex((i) => i.id === wanted);
  return index === -1 ? (images.length > 0 ? 0 : -1) : index;
}
