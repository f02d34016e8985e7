/**
 * The default keys, exactly as DESIGN.md's Keys table lists them. Specs are canonical (see
 * match.ts); every one can be remapped in the config file (config.ts).
 */
import type { Action } from './actions.js';

/** For each action, the keys that trigger it (none: the action is reachable from the palette only). */
export type Keymap = Readonly<Record<Action, readonly string[]>>;

export const DEFAULT_KEYMAP: Keymap = {
  quit: ['q', 'ctrl+c'],
  help: ['?'],
  focusNext: ['tab'],
  focusPrev: ['shift+tab'],
  focusContainers: ['1'],
  focusImages: ['2'],
  palette: [':'],
  filter: ['/'],
  copyCommand: ['y'],
  redraw: ['ctrl+l'],

  cursorDown: ['j', 'down'],
  cursorUp: ['k', 'up'],
  cursorTop: ['g'],
  cursorBottom: ['G'],
  pageDown: ['pagedown'],
  pageUp: ['pageup'],
  openDetails: ['enter'],

  back: ['escape'],
  prevTab: ['['],
  nextTab: [']'],

  containerStart: ['S'],
  containerStop: ['s'],
  containerKill: ['K'],
  containerPauseToggle: ['p'],
  containerSignal: ['x'],
  containerRestart: ['r'],
  containerRemove: ['d'],
  containerExec: ['e'],
  containerExecCommand: ['E'],
  containerAttach: ['a'],
  containerCommit: ['c'],
  containerPrune: ['P'],
  toggleAll: ['A'],
  toggleStatsColumn: ['m'],

  imageRun: ['R'],
  imageCreate: ['C'],
  imageBuild: ['b'],
  imageTag: ['t'],
  imagePull: ['p'],
  imagePush: ['u'],
  imageRemove: ['d'],
  imagePrune: ['P'],

  logsFollow: ['f'],
  logsEnd: ['end'],
  logsTimestamps: ['t'],
  logsWrap: ['w'],
  logsSave: ['ctrl+s'],
  searchNext: ['n'],
  searchPrev: ['N'],

  confirmYes: ['y'],
  confirmNo: ['n', 'escape'],
  confirmDefault: ['enter'],

  terminalFullScreen: ['ctrl+f'],
};
