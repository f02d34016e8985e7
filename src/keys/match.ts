/**
 * Key specs and matching. A key spec is a string like `s`, `S`, `ctrl+s`, `shift+tab`, `pagedown`:
 * modifiers `ctrl`, `alt`, `shift` (in that order in the canonical form) joined with `+` to one
 * character or a named key. Letters are case-sensitive on their own (`S` is shift+s); with ctrl or
 * alt their case is ignored (`Ctrl-S` is `ctrl+s`) and shift must be spelled out
 * (`ctrl+shift+s`), because most terminals send Ctrl-S and Ctrl-Shift-S alike.
 */
import { ACTIONS, type Action, SCOPE_PRIORITY, type Scope } from './actions.js';
import type { Keymap } from './bindings.js';

/** The shape of Ink 6.8's `Key` (hooks/use-input.d.ts), declared here so keys/ needs no Ink. */
export interface InkKey {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageDown: boolean;
  pageUp: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
  super?: boolean;
  hyper?: boolean;
  capsLock?: boolean;
  numLock?: boolean;
  eventType?: 'press' | 'repeat' | 'release';
}

/** A key event with nothing pressed: the base for keys built by hand (split reads, tests). */
export const NO_KEY: InkKey = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

export const NAMED_KEYS = [
  'enter',
  'escape',
  'tab',
  'space',
  'backspace',
  'delete',
  'up',
  'down',
  'left',
  'right',
  'pageup',
  'pagedown',
  'home',
  'end',
] as const;

export type NamedKey = (typeof NAMED_KEYS)[number];

const KEY_ALIASES: Record<string, NamedKey> = {
  return: 'enter',
  esc: 'escape',
  del: 'delete',
  pgup: 'pageup',
  pgdn: 'pagedown',
  'page-up': 'pageup',
  'page-down': 'pagedown',
};

const MODIFIER_ALIASES: Record<string, Modifier> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  meta: 'alt',
  option: 'alt',
  shift: 'shift',
};

type Modifier = 'ctrl' | 'alt' | 'shift';

interface Modifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

export type KeySpecResult = { ok: true; spec: string } | { ok: false; error: string };

const MODIFIER_PREFIX = /^(ctrl|control|alt|meta|option|shift)[+-](?=.)/i;

/**
 * Parses a key spec as a person writes it (`Ctrl-S`, `ctrl+s`, `shift+Tab`, `PgDn`, `?`) into its
 * canonical form, or says in a sentence why it is not a key.
 */
export function parseKeySpec(text: string): KeySpecResult {
  if (text === ' ') return { ok: true, spec: 'space' };
  let rest = text.trim();
  if (rest === '') return { ok: false, error: 'An empty string is not a key.' };
  const mods: Modifiers = { ctrl: false, alt: false, shift: false };
  for (let m = MODIFIER_PREFIX.exec(rest); m; m = MODIFIER_PREFIX.exec(rest)) {
    const modifier = MODIFIER_ALIASES[(m[1] ?? '').toLowerCase()];
    if (modifier) mods[modifier] = true;
    rest = rest.slice(m[0].length);
  }
  if ([...rest].length === 1) {
    if (mods.ctrl || mods.alt) rest = rest.toLowerCase();
    if (isControlCharacter(rest)) {
      return { ok: false, error: `"${escapeForMessage(text)}" contains a control character, not a key.` };
    }
    if (rest !== rest.toLowerCase() || rest !== rest.toUpperCase() || mods.ctrl || mods.alt || !mods.shift) {
      return { ok: true, spec: composeSpec(mods, rest) };
    }
    return {
      ok: false,
      error: `"${text}" is not a key: write the character that shift gives (e.g. "?" rather than "shift+/").`,
    };
  }
  const lower = rest.toLowerCase();
  const named = KEY_ALIASES[lower] ?? (NAMED_KEYS as readonly string[]).find((k) => k === lower);
  if (named === undefined) {
    return {
      ok: false,
      error: `"${text}" is not a key: use one character, or one of ${NAMED_KEYS.join(', ')}, with ctrl+, alt+ or shift+ in front.`,
    };
  }
  return { ok: true, spec: composeSpec(mods, named) };
}

/** The canonical form of a key spec, or undefined when it is not one. */
export function normalizeKeySpec(text: string): string | undefined {
  const result = parseKeySpec(text);
  return result.ok ? result.spec : undefined;
}

/**
 * The key spec of a key press as Ink's `useInput` reports it, or undefined for key releases,
 * pastes (several characters at once) and keys berth has no name for.
 */
export function keySpecFromInk(input: string, key: InkKey): string | undefined {
  if (key.eventType === 'release') return undefined;
  const named = namedKeyOf(key);
  // Ink reports meta for a lone Escape; only other keys can carry alt.
  const mods: Modifiers = { ctrl: key.ctrl, alt: key.meta && named !== 'escape', shift: key.shift };
  if (named) return composeSpec(mods, named);
  if (input === ' ') return composeSpec(mods, 'space');
  if ([...input].length !== 1 || isControlCharacter(input)) return undefined;
  if (input.toLowerCase() === input.toUpperCase()) mods.shift = false; // `?` arrives with shift on some keyboards
  return composeSpec(mods, input);
}

function namedKeyOf(key: InkKey): NamedKey | undefined {
  if (key.escape) return 'escape';
  if (key.return) return 'enter';
  if (key.tab) return 'tab';
  if (key.backspace) return 'backspace';
  // Ink names DEL (0x7f), which most terminals send for Backspace, `delete`; both stay distinct here.
  if (key.delete) return 'delete';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  return undefined;
}

/** Builds the canonical spec from modifiers and one character or named key. */
function composeSpec(mods: Modifiers, key: string): string {
  let name = key;
  let shift = mods.shift;
  const isLetter = key.length === 1 && key.toLowerCase() !== key.toUpperCase();
  if (isLetter) {
    if (mods.ctrl || mods.alt) {
      shift = shift || key !== key.toLowerCase();
      name = key.toLowerCase();
    } else {
      name = shift ? key.toUpperCase() : key;
      shift = false;
    }
  }
  const parts: string[] = [];
  if (mods.ctrl) parts.push('ctrl');
  if (mods.alt) parts.push('alt');
  if (shift) parts.push('shift');
  parts.push(name);
  return parts.join('+');
}

type KeyIndex = Map<Scope, Map<string, Action>>;
const indexes = new WeakMap<Keymap, KeyIndex>();

function indexOf(keymap: Keymap): KeyIndex {
  let index = indexes.get(keymap);
  if (!index) {
    index = new Map();
    for (const [action, specs] of Object.entries(keymap) as Array<[Action, readonly string[]]>) {
      const scope = ACTIONS[action].scope;
      let byKey = index.get(scope);
      if (!byKey) {
        byKey = new Map();
        index.set(scope, byKey);
      }
      // The first action listed for a key wins; config.ts reports such conflicts.
      for (const spec of specs) if (!byKey.has(spec)) byKey.set(spec, action);
    }
    indexes.set(keymap, index);
  }
  return index;
}

/**
 * The action `spec` triggers with these scopes active, looking from the most specific scope to
 * `global`. Pass only the modal scope (`dialog`, `terminal`) while one is open, so that global
 * keys such as `q` do not reach past it.
 */
export function actionFor(spec: string, activeScopes: Iterable<Scope>, keymap: Keymap): Action | undefined {
  const active = new Set(activeScopes);
  const index = indexOf(keymap);
  for (const scope of SCOPE_PRIORITY) {
    if (!active.has(scope)) continue;
    const action = index.get(scope)?.get(spec);
    if (action) return action;
  }
  return undefined;
}

/** `actionFor` straight from Ink's `useInput` arguments. */
export function actionForInk(
  input: string,
  key: InkKey,
  activeScopes: Iterable<Scope>,
  keymap: Keymap,
): Action | undefined {
  const spec = keySpecFromInk(input, key);
  return spec === undefined ? undefined : actionFor(spec, activeScopes, keymap);
}

const DISPLAY_NAMES: Record<string, string> = {
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Delete',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
};

/** A canonical spec the way docs write it: `ctrl+s` → `Ctrl-S`, `shift+tab` → `Shift-Tab`. */
export function displayKey(spec: string): string {
  if (spec.length === 1) return spec;
  const parts = spec.split('+');
  // A spec ending in `+` (the plus key with modifiers) splits into an empty last part.
  if (spec.endsWith('++')) parts.splice(-2, 2, '+');
  const hasModifier = parts.length > 1;
  return parts
    .map((part) => DISPLAY_NAMES[part] ?? (hasModifier && part.length === 1 ? part.toUpperCase() : part))
    .join('-');
}

function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function escapeForMessage(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
