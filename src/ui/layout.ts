/**
 * Where each pane goes for a terminal size: side by side when there is room, stacked on a
 * narrow terminal. One row is left free below the frame: a frame exactly as tall as the
 * terminal makes Ink clear the whole screen on every update.
 */
import type { Focus } from './screen-state.js';

export interface Layout {
  stacked: boolean;
  /** Rows for the panes (the status line takes one more). */
  bodyHeight: number;
  listWidth: number;
  containersHeight: number;
  imagesHeight: number;
  detailWidth: number;
  detailHeight: number;
}

export const MIN_COLS = 40;
export const MIN_ROWS = 10;
/** Below this many columns the lists and the details stack instead of sitting side by side. */
export const STACK_BELOW_COLS = 90;

export function layoutFor(size: { cols: number; rows: number }, focus: Focus = 'containers'): Layout {
  const bodyHeight = Math.max(4, size.rows - 2);
  if (size.cols < STACK_BELOW_COLS) {
    // Stacked: the lists on top, the details below; the focused half gets the larger share.
    const listsShare = focus === 'details' ? 0.4 : 0.6;
    const listsHeight = Math.max(6, Math.round(bodyHeight * listsShare));
    const containersHeight = Math.max(3, Math.round(listsHeight * 0.62));
    return {
      stacked: true,
      bodyHeight,
      listWidth: size.cols,
      containersHeight,
      imagesHeight: listsHeight - containersHeight,
      detailWidth: size.cols,
      detailHeight: Math.max(3, bodyHeight - listsHeight),
    };
  }
  const listWidth = Math.max(44, Math.min(90, Math.round(size.cols * 0.42)));
  const containersHeight = Math.max(5, Math.round(bodyHeight * 0.62));
  return {
    stacked: false,
    bodyHeight,
    listWidth,
    containersHeight,
    imagesHeight: bodyHeight - containersHeight,
    detailWidth: size.cols - listWidth,
    detailHeight: bodyHeight,
  };
}
