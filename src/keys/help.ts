/** The help screen's content, generated from the keymap so it can never disagree with it. */
import {
  ACTIONS,
  type Action,
  actionsInScope,
  isActionAllowed,
  SCOPE_TITLES,
  type Scope,
} from './actions.js';
import type { Keymap } from './bindings.js';
import { displayKey } from './match.js';

export interface HelpRow {
  action: Action;
  /** The keys as docs write them, e.g. `q, Ctrl-C`; empty when the action has no key. */
  keys: string;
  description: string;
  /** The action changes the engine and berth runs with --read-only. */
  disabled: boolean;
}

export interface HelpSection {
  scope: Scope;
  title: string;
  rows: HelpRow[];
}

export interface HelpOptions {
  readOnly?: boolean;
}

/** One section per scope, in the order given (put the focused scope first), every action listed. */
export function helpSections(
  keymap: Keymap,
  scopes: readonly Scope[],
  options: HelpOptions = {},
): HelpSection[] {
  return scopes.map((scope) => ({
    scope,
    title: SCOPE_TITLES[scope],
    rows: actionsInScope(scope).map((action) => ({
      action,
      keys: (keymap[action] ?? []).map(displayKey).join(', '),
      description: ACTIONS[action].description,
      disabled: !isActionAllowed(action, options.readOnly ?? false),
    })),
  }));
}

/** Short hints for the status line, e.g. `s stop  K kill`, for the actions given that have a key. */
export function keyHints(keymap: Keymap, actions: readonly Action[], readOnly = false): string {
  return actions
    .filter((a) => isActionAllowed(a, readOnly) && (keymap[a]?.length ?? 0) > 0)
    .map((a) => `${displayKey(keymap[a]?.[0] ?? '')} ${ACTIONS[a].label}`)
    .join('  ');
}
