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
 * Where the wanted container was last seen in the list: shared by every resolution, so the list
 * and the screen agree on the neighbour that takes its place.
 */
let lastPlace: { key: string; index: number } | undefined;

/**
 * The index of the selected container's row: the wanted one; when it went away (removed,
 * filtered out), its neighbour where it was rather than the top; with none wanted, the first
 * container. -1 when the rows hold no container.
 */
export function selectedContainerIndex(rows: readonly ContainerRow[], wanted: string | undefined): number {
  let index = wanted === undefined ? -1 : rows.findIndex((r) => r.key === wanted && isContainerRow(r));
  if (index === -1 && wanted !== undefined && lastPlace?.key === wanted) {
    index = nearestSelectable(rows, lastPlace.index);
  }
  if (index === -1) index = rows.findIndex(isContainerRow);
  if (index !== -1 && wanted !== undefined && rows[index]!.key === wanted) lastPlace = { key: wanted, index };
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
