/**
 * Applies the `keys:` section of the config file to the default keymap. Loading the YAML happens
 * elsewhere; this checks what it says and explains every problem in a sentence, keeping a working
 * keymap whatever the file contains.
 */
import { ACTIONS, type Action, ALL_ACTIONS, isAction, SCOPE_TITLES, type Scope } from './actions.js';
import type { Keymap } from './bindings.js';
import { parseKeySpec } from './match.js';

export interface KeymapResult {
  keymap: Keymap;
  /** Readable sentences, one per problem; the keymap is usable even when there are some. */
  errors: string[];
}

export interface KeyConflict {
  key: string;
  actions: [Action, Action];
}

/**
 * Whether two scopes can hear keys at the same time. Dialogs and the terminal pane are modal:
 * they only compete with themselves. The containers and images lists are never focused at once,
 * and logs belong to containers, so those pairs may share keys (`d`, `P`, `t`).
 */
export function canBeActiveTogether(a: Scope, b: Scope): boolean {
  if (a === b) return true;
  const modal = (s: Scope) => s === 'dialog' || s === 'terminal';
  if (modal(a) || modal(b)) return false;
  const pair = new Set<Scope>([a, b]);
  const exclusive = (x: Scope, y: Scope) => pair.has(x) && pair.has(y);
  return !exclusive('containers', 'images') && !exclusive('images', 'logs');
}

/** Every key that two actions able to be active together both claim. */
export function findConflicts(keymap: Keymap): KeyConflict[] {
  const conflicts: KeyConflict[] = [];
  for (const [key, actions] of claimsByKey(keymap)) {
    for (let i = 0; i < actions.length; i++) {
      for (let j = i + 1; j < actions.length; j++) {
        const a = actions[i] as Action;
        const b = actions[j] as Action;
        if (canBeActiveTogether(ACTIONS[a].scope, ACTIONS[b].scope)) conflicts.push({ key, actions: [a, b] });
      }
    }
  }
  return conflicts;
}

/**
 * Rebinds actions: each override is a key spec or a list of them (an empty list unbinds). Unknown
 * actions and invalid keys are reported and ignored (the action keeps its default keys). When a
 * key ends up on two actions that can be active together, an action the user rebound keeps it
 * over one that only has it by default; between equals, the one listed first in actions.ts does.
 */
export function applyOverrides(defaults: Keymap, overrides: Readonly<Record<string, unknown>>): KeymapResult {
  const errors: string[] = [];
  const keymap: Record<Action, string[]> = Object.fromEntries(
    ALL_ACTIONS.map((a) => [a, [...(defaults[a] ?? [])]]),
  ) as Record<Action, string[]>;
  const rebound = new Set<Action>();

  for (const [name, value] of Object.entries(overrides)) {
    if (!isAction(name)) {
      const guess = closestAction(name);
      errors.push(`"${name}" is not an action berth knows${guess ? `; did you mean "${guess}"?` : '.'}`);
      continue;
    }
    const keys = keyList(value);
    if (keys === undefined) {
      errors.push(`${name}: give a key or a list of keys, e.g. ${name}: "ctrl+s" or ${name}: ["s", "f2"].`);
      continue;
    }
    const specs: string[] = [];
    const problems: string[] = [];
    for (const key of keys) {
      const parsed = parseKeySpec(key);
      if (parsed.ok) {
        if (!specs.includes(parsed.spec)) specs.push(parsed.spec);
      } else {
        problems.push(parsed.error);
      }
    }
    if (problems.length > 0) {
      errors.push(`${name} keeps its default keys: ${problems.join(' ')}`);
      continue;
    }
    keymap[name] = specs;
    rebound.add(name);
  }

  for (const [key, claimants] of claimsByKey(keymap)) {
    // Rebound actions first, then the order of actions.ts: the earlier claimant keeps the key.
    const ordered = [...claimants].sort((a, b) => Number(rebound.has(b)) - Number(rebound.has(a)));
    const kept: Action[] = [];
    for (const action of ordered) {
      const winner = kept.find((k) => canBeActiveTogether(ACTIONS[k].scope, ACTIONS[action].scope));
      if (winner === undefined) {
        kept.push(action);
        continue;
      }
      keymap[action] = keymap[action].filter((k) => k !== key);
      errors.push(
        `"${key}" was bound to both ${winner} (${ACTIONS[winner].label}, ${scopeName(winner)}) and ${action} ` +
          `(${ACTIONS[action].label}, ${scopeName(action)}); ${winner} keeps it` +
          (keymap[action].length === 0 ? `, and ${action} has no key left.` : '.'),
      );
    }
  }
  return { keymap, errors };
}

/** For each key, the actions claiming it, in actions.ts order. */
function claimsByKey(keymap: Keymap): Map<string, Action[]> {
  const claims = new Map<string, Action[]>();
  for (const action of ALL_ACTIONS) {
    for (const key of keymap[action] ?? []) {
      const list = claims.get(key) ?? [];
      if (!list.includes(action)) list.push(action);
      claims.set(key, list);
    }
  }
  return claims;
}

function keyList(value: unknown): string[] | undefined {
  // YAML reads `focusImages: 2` as a number: accept it as the key "2".
  const one = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  if (Array.isArray(value)) {
    const keys = value.map(one);
    return keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
  }
  const key = one(value);
  return key === undefined ? undefined : [key];
}

function scopeName(action: Action): string {
  return SCOPE_TITLES[ACTIONS[action].scope].toLowerCase();
}

/** The action whose name is nearest to a misspelling, if one is near enough to be meant. */
function closestAction(name: string): Action | undefined {
  const lower = name.toLowerCase();
  let best: Action | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const action of ALL_ACTIONS) {
    const distance = editDistance(lower, action.toLowerCase());
    if (distance < bestDistance) {
      best = action;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
