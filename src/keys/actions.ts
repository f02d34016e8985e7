/**
 * Every action a key can trigger, as data: components ask "which action is this key?" and never
 * test raw keys, so the keymap can be remapped, listed in help, and disabled in --read-only mode.
 */

/**
 * Where an action applies. `global` works everywhere outside dialogs and the terminal pane;
 * `lists` in the containers and images lists; `details` in the right-hand pane; `dialog` and
 * `terminal` are modal and replace every other scope while open.
 */
export type Scope = 'global' | 'lists' | 'containers' | 'images' | 'details' | 'logs' | 'dialog' | 'terminal';

export interface ActionInfo {
  scope: Scope;
  /** A word or two for the status-line hints and the palette, e.g. `stop`. */
  label: string;
  /** What the action does, for the help screen. */
  description: string;
  /** Changes the engine's state; disabled in --read-only mode. */
  changesEngine: boolean;
}

const action = (scope: Scope, label: string, description: string, changesEngine = false): ActionInfo => ({
  scope,
  label,
  description,
  changesEngine,
});

/** Every action, in the order help lists them within a scope. */
export const ACTIONS = {
  quit: action('global', 'quit', 'quit (asks when an interactive session is open)'),
  help: action('global', 'help', 'help: every key of the focused pane'),
  focusNext: action('global', 'next pane', 'move focus to the next pane'),
  focusPrev: action('global', 'previous pane', 'move focus to the previous pane'),
  focusContainers: action('global', 'containers', 'focus the containers list'),
  focusImages: action('global', 'images', 'focus the images list'),
  palette: action('global', 'palette', 'command palette: any action by name, e.g. :prune, :build ./app'),
  filter: action('global', 'filter', 'filter the focused list (Esc clears) or search the logs'),
  copyCommand: action('global', 'copy command', 'copy the equivalent docker CLI command'),
  redraw: action('global', 'redraw', 'redraw the whole screen (after another program wrote over it)'),

  cursorDown: action('lists', 'down', 'move down'),
  cursorUp: action('lists', 'up', 'move up'),
  cursorTop: action('lists', 'top', 'move to the first item'),
  cursorBottom: action('lists', 'bottom', 'move to the last item'),
  pageDown: action('lists', 'page down', 'move one page down'),
  pageUp: action('lists', 'page up', 'move one page up'),
  openDetails: action('lists', 'details', 'focus the detail pane (Esc returns to the list)'),

  back: action('details', 'back', 'return to the list'),
  prevTab: action('details', 'previous tab', 'show the previous tab'),
  nextTab: action('details', 'next tab', 'show the next tab'),

  containerStart: action('containers', 'start', 'start', true),
  containerStop: action('containers', 'stop', 'stop: SIGTERM, then SIGKILL after the grace period', true),
  containerKill: action('containers', 'kill', 'kill: SIGKILL (asks first)', true),
  containerPauseToggle: action('containers', 'pause', 'pause / unpause (freeze every process)', true),
  containerSignal: action(
    'containers',
    'signal',
    'send a signal: SIGTERM, SIGKILL, SIGSTOP, SIGCONT, SIGHUP, SIGINT, SIGUSR1, SIGUSR2',
    true,
  ),
  containerRestart: action('containers', 'restart', 'restart', true),
  containerRemove: action('containers', 'remove', 'remove (asks; offers force and volumes)', true),
  containerExec: action('containers', 'exec', 'exec sh in an embedded terminal', true),
  containerExecCommand: action(
    'containers',
    'exec command',
    'exec a command you type (e.g. redis-cli)',
    true,
  ),
  containerAttach: action('containers', 'attach', "attach to the main process's input and output", true),
  containerCommit: action('containers', 'commit', 'commit to an image (asks for repo:tag and a CMD)', true),
  containerPrune: action('containers', 'prune', 'prune stopped containers (preview, then confirm)', true),
  toggleAll: action('containers', 'all', 'toggle all containers / running only'),
  toggleStatsColumn: action(
    'containers',
    'CPU/MEM',
    'show / hide the CPU and memory column (the running containers on screen, read every 2 s)',
  ),

  imageRun: action('images', 'run', 'run: a command, name, -e, -p, --rm; interactive or detached', true),
  imageCreate: action('images', 'create', 'create a container (a command, name, -e, -p)', true),
  imageBuild: action('images', 'build', 'build from a directory (asks for the path and the tag)', true),
  imageTag: action('images', 'tag', 'tag', true),
  imagePull: action('images', 'pull', 'pull an image from a registry (asks for the name)', true),
  imagePush: action('images', 'push', 'push the image to a registry (asks which of its names)', true),
  imageRemove: action('images', 'remove', 'remove (asks)', true),
  imagePrune: action('images', 'prune', 'prune dangling images', true),

  logsFollow: action('logs', 'follow', 'follow the log on / off'),
  logsEnd: action('logs', 'end', 'back to the end of the log, following'),
  logsTimestamps: action('logs', 'timestamps', 'show / hide timestamps'),
  logsWrap: action('logs', 'wrap', 'wrap long lines on / off'),
  logsSave: action('logs', 'save', 'save the log to a file'),
  searchNext: action('logs', 'next match', 'next search match'),
  searchPrev: action('logs', 'previous match', 'previous search match'),

  confirmYes: action('dialog', 'yes', 'confirm'),
  confirmNo: action('dialog', 'no', 'cancel'),
  confirmDefault: action('dialog', 'default', 'take the default answer (No for anything destructive)'),

  terminalFullScreen: action('terminal', 'full screen', 'toggle the terminal pane full screen'),
} as const satisfies Record<string, ActionInfo>;

export type Action = keyof typeof ACTIONS;

export const ALL_ACTIONS = Object.keys(ACTIONS) as Action[];

export function isAction(name: string): name is Action {
  return Object.hasOwn(ACTIONS, name);
}

/** Scopes from the most specific to `global`: the order keys are looked up in. */
export const SCOPE_PRIORITY: readonly Scope[] = [
  'terminal',
  'dialog',
  'logs',
  'details',
  'containers',
  'images',
  'lists',
  'global',
];

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  lists: 'Lists',
  containers: 'Containers',
  images: 'Images',
  details: 'Detail pane',
  logs: 'Logs',
  dialog: 'Dialogs',
  terminal: 'Terminal pane',
};

/** The actions of one scope, in help order. */
export function actionsInScope(scope: Scope): Action[] {
  return ALL_ACTIONS.filter((a) => ACTIONS[a].scope === scope);
}

/** Whether `action` may run: in --read-only mode nothing that changes the engine does. */
export function isActionAllowed(action: Action, readOnly: boolean): boolean {
  return !readOnly || !ACTIONS[action].changesEngine;
}
