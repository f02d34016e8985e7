/**
 * The screen's own state — focus, filters, selection, the open dialog, the log view — as a
 * reducer: every key's effect on the screen is a pure transition, tested without rendering.
 */
import type { Overlay } from './overlays/overlay.js';
import type { LogViewState } from './panes/log-window.js';
import { type DetailTab, stepTab } from './tabs/detail-tabs.js';
import { type ImageTab, stepImageTab } from './tabs/image-tabs.js';

export type Focus = 'containers' | 'images' | 'details';
export type ListName = 'containers' | 'images';

export interface ScreenState {
  focus: Focus;
  /** The list the details pane belongs to (the last list focused). */
  lastList: ListName;
  showAll: boolean;
  filters: Record<ListName, string>;
  /** Which line is taking typed text: a list filter or the log search. */
  editing: ListName | 'search' | undefined;
  selected: Record<ListName, string | undefined>;
  overlay: Overlay | undefined;
  logView: LogViewState;
  search: { query: string; matchIndex: number | undefined };
  /** The container tab the details pane shows (Logs, Inspect, Env, Stats, Top, Files). */
  tab: DetailTab;
  /** The image tab the details pane shows (History, Inspect, Containers). */
  imageTab: ImageTab;
  /** The first line shown in a scrolling tab other than Logs. */
  tabScroll: number;
  /** The containers list shows the CPU/MEM column. */
  statsColumn: boolean;
}

export const initialScreenState: ScreenState = {
  focus: 'containers',
  lastList: 'containers',
  showAll: false,
  filters: { containers: '', images: '' },
  editing: undefined,
  selected: { containers: undefined, images: undefined },
  overlay: undefined,
  logView: { follow: true, topLine: 0, wrap: false, timestamps: false },
  search: { query: '', matchIndex: undefined },
  tab: 'logs',
  imageTab: 'history',
  tabScroll: 0,
  statsColumn: false,
};

export type ScreenEvent =
  | { type: 'focus'; focus: Focus }
  | { type: 'focusNext' }
  | { type: 'focusPrev' }
  | { type: 'toggleAll' }
  | { type: 'toggleStatsColumn' }
  | { type: 'select'; list: ListName; key: string | undefined }
  | { type: 'startEditing'; target: ListName | 'search' }
  /** Changes the text being edited; a function, so keys arriving before a re-render all count. */
  | { type: 'editText'; edit: (text: string) => string }
  | { type: 'stopEditing'; keep: boolean }
  /** Esc on a list with a filter kept: show everything again. */
  | { type: 'clearFilter'; list: ListName }
  | { type: 'openOverlay'; overlay: Overlay }
  /** Closes `overlay` if it is still the open one (a dialog may have opened the next already). */
  | { type: 'closeOverlay'; overlay?: Overlay }
  | { type: 'logView'; view: Partial<LogViewState> }
  | { type: 'searchMatch'; matchIndex: number | undefined }
  | { type: 'switchTab'; delta: number }
  | { type: 'switchImageTab'; delta: number }
  | { type: 'tabScroll'; top: number };

const ORDER: Focus[] = ['containers', 'images', 'details'];

function focusOn(state: ScreenState, focus: Focus): ScreenState {
  return { ...state, focus, lastList: focus === 'details' ? state.lastList : focus, editing: undefined };
}

export function screenReducer(state: ScreenState, event: ScreenEvent): ScreenState {
  switch (event.type) {
    case 'focus':
      return focusOn(state, event.focus);
    case 'focusNext':
      return focusOn(state, ORDER[(ORDER.indexOf(state.focus) + 1) % ORDER.length]!);
    case 'focusPrev':
      return focusOn(state, ORDER[(ORDER.indexOf(state.focus) + ORDER.length - 1) % ORDER.length]!);
    case 'toggleAll':
      return { ...state, showAll: !state.showAll };
    case 'toggleStatsColumn':
      return { ...state, statsColumn: !state.statsColumn };
    case 'select':
      if (state.selected[event.list] === event.key) return state;
      return { ...state, selected: { ...state.selected, [event.list]: event.key }, tabScroll: 0 };
    case 'startEditing':
      if (event.target === 'search')
        return { ...state, editing: 'search', search: { query: '', matchIndex: undefined } };
      return { ...state, editing: event.target, filters: { ...state.filters, [event.target]: '' } };
    case 'editText': {
      if (state.editing === 'search')
        return { ...state, search: { ...state.search, query: event.edit(state.search.query) } };
      if (!state.editing) return state;
      return {
        ...state,
        filters: { ...state.filters, [state.editing]: event.edit(state.filters[state.editing]) },
      };
    }
    case 'stopEditing': {
      if (state.editing === 'search') {
        return event.keep
          ? { ...state, editing: undefined }
          : { ...state, editing: undefined, search: { query: '', matchIndex: undefined } };
      }
      if (!state.editing) return state;
      const filters = event.keep ? state.filters : { ...state.filters, [state.editing]: '' };
      return { ...state, editing: undefined, filters };
    }
    case 'clearFilter':
      if (!state.filters[event.list]) return state;
      return { ...state, filters: { ...state.filters, [event.list]: '' } };
    case 'openOverlay':
      return { ...state, overlay: event.overlay };
    case 'closeOverlay':
      if (event.overlay && state.overlay !== event.overlay) return state;
      return { ...state, overlay: undefined };
    case 'logView':
      return { ...state, logView: { ...state.logView, ...event.view } };
    case 'searchMatch':
      return { ...state, search: { ...state.search, matchIndex: event.matchIndex } };
    case 'switchTab':
      return { ...state, tab: stepTab(state.tab, event.delta), tabScroll: 0 };
    case 'switchImageTab':
      return { ...state, imageTab: stepImageTab(state.imageTab, event.delta), tabScroll: 0 };
    case 'tabScroll':
      return state.tabScroll === event.top ? state : { ...state, tabScroll: event.top };
  }
}
