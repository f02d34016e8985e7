import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { ACTIONS, type Action, ALL_ACTIONS, actionsInScope, type Scope } from '../../src/keys/actions.js';
import { DEFAULT_KEYMAP, type Keymap } from '../../src/keys/bindings.js';
import { applyOverrides, findConflicts } from '../../src/keys/config.js';
import { helpSections, keyHints } from '../../src/keys/help.js';
import {
  actionFor,
  displayKey,
  type InkKey,
  keySpecFromInk,
  NO_KEY,
  normalizeKeySpec,
  parseKeySpec,
} from '../../src/keys/match.js';

/** The scopes the UI makes active for each focus. */
const FOCUS = {
  containers: ['containers', 'lists', 'global'],
  images: ['images', 'lists', 'global'],
  details: ['details', 'global'],
  logs: ['logs', 'details', 'containers', 'global'],
  dialog: ['dialog'],
  terminal: ['terminal'],
} as const satisfies Record<string, readonly Scope[]>;

describe('default bindings follow DESIGN.md', () => {
  test.each([
    ['containers', 'q', 'quit'],
    ['containers', 'ctrl+c', 'quit'],
    ['images', '?', 'help'],
    ['containers', 'tab', 'focusNext'],
    ['containers', 'shift+tab', 'focusPrev'],
    ['images', '1', 'focusContainers'],
    ['containers', '2', 'focusImages'],
    ['containers', ':', 'palette'],
    ['containers', '/', 'filter'],
    ['logs', '/', 'filter'],
    ['containers', 'y', 'copyCommand'],
    ['images', 'y', 'copyCommand'],
    ['containers', 'j', 'cursorDown'],
    ['images', 'down', 'cursorDown'],
    ['containers', 'k', 'cursorUp'],
    ['containers', 'up', 'cursorUp'],
    ['containers', 'g', 'cursorTop'],
    ['containers', 'G', 'cursorBottom'],
    ['containers', 'pageup', 'pageUp'],
    ['images', 'pagedown', 'pageDown'],
    ['containers', 'enter', 'openDetails'],
    ['details', 'escape', 'back'],
    ['details', '[', 'prevTab'],
    ['logs', ']', 'nextTab'],
    ['containers', 'S', 'containerStart'],
    ['containers', 's', 'containerStop'],
    ['containers', 'K', 'containerKill'],
    ['containers', 'p', 'containerPauseToggle'],
    ['containers', 'x', 'containerSignal'],
    ['containers', 'r', 'containerRestart'],
    ['containers', 'd', 'containerRemove'],
    ['containers', 'e', 'containerExec'],
    ['containers', 'E', 'containerExecCommand'],
    ['containers', 'a', 'containerAttach'],
    ['containers', 'c', 'containerCommit'],
    ['containers', 'P', 'containerPrune'],
    ['containers', 'A', 'toggleAll'],
    ['images', 'R', 'imageRun'],
    ['images', 'C', 'imageCreate'],
    ['images', 'b', 'imageBuild'],
    ['images', 't', 'imageTag'],
    ['images', 'd', 'imageRemove'],
    ['images', 'P', 'imagePrune'],
    ['images', 'u', 'imagePush'],
    ['logs', 'f', 'logsFollow'],
    ['logs', 'end', 'logsEnd'],
    ['logs', 't', 'logsTimestamps'],
    ['logs', 'w', 'logsWrap'],
    ['logs', 'ctrl+s', 'logsSave'],
    ['logs', 'n', 'searchNext'],
    ['logs', 'N', 'searchPrev'],
    ['logs', 's', 'containerStop'],
    ['dialog', 'y', 'confirmYes'],
    ['dialog', 'n', 'confirmNo'],
    ['dialog', 'escape', 'confirmNo'],
    ['dialog', 'enter', 'confirmDefault'],
    ['terminal', 'ctrl+f', 'terminalFullScreen'],
  ] as const)('focus on %s: %s → %s', (focus, spec, action) => {
    expect(actionFor(spec, FOCUS[focus], DEFAULT_KEYMAP)).toBe(action);
  });

  test.each([
    ['dialog', 'q'],
    ['dialog', 's'],
    ['terminal', 'q'],
    ['terminal', 'ctrl+c'],
    ['images', 's'],
    ['containers', 'R'],
    ['containers', 'Z'],
    ['details', 'j'],
  ] as const)('focus on %s: %s does nothing', (focus, spec) => {
    expect(actionFor(spec, FOCUS[focus], DEFAULT_KEYMAP)).toBeUndefined();
  });

  test('every default spec is canonical and every action has a key', () => {
    for (const action of ALL_ACTIONS) {
      const specs = DEFAULT_KEYMAP[action];
      expect(specs.length, action).toBeGreaterThan(0);
      for (const spec of specs) expect(normalizeKeySpec(spec), `${action}: ${spec}`).toBe(spec);
    }
  });

  test('the defaults have no conflicts between scopes active together', () => {
    expect(findConflicts(DEFAULT_KEYMAP)).toEqual([]);
  });

  test('read-only mode knows which actions change the engine', () => {
    const changing = ALL_ACTIONS.filter((a) => ACTIONS[a].changesEngine);
    expect(changing).toContain('containerStop');
    expect(changing).toContain('imagePrune');
    expect(changing).toContain('imagePush');
    expect(changing).toContain('containerExec');
    expect(changing).not.toContain('logsSave');
    expect(changing).not.toContain('toggleAll');
    expect(changing).not.toContain('copyCommand');
  });
});

/** A key object as Ink 6.8's useInput builds it (see node_modules/ink/build/hooks/use-input.js). */
function inkKey(fields: Partial<InkKey> = {}): InkKey {
  return { ...NO_KEY, super: false, hyper: false, capsLock: false, numLock: false, ...fields };
}

/** Reports the spec of every key Ink delivers. */
function KeyProbe({ onSpec }: { onSpec: (spec: string | undefined) => void }) {
  useInput((input, key) => onSpec(keySpecFromInk(input, key)));
  return null;
}

describe('keySpecFromInk', () => {
  test.each([
    ['Shift-Tab', '', { tab: true, shift: true }, 'shift+tab'],
    ['Tab', '', { tab: true }, 'tab'],
    ['Ctrl-S', 's', { ctrl: true }, 'ctrl+s'],
    ['Ctrl-C', 'c', { ctrl: true }, 'ctrl+c'],
    ['PgDn', '', { pageDown: true }, 'pagedown'],
    ['PgUp', '', { pageUp: true }, 'pageup'],
    ['uppercase S (legacy: Ink sets shift)', 'S', { shift: true }, 'S'],
    ['uppercase G', 'G', { shift: true }, 'G'],
    ['shift+s from the kitty protocol', 's', { shift: true }, 'S'],
    ['lowercase s', 's', {}, 's'],
    ['? with shift reported', '?', { shift: true }, '?'],
    ['Escape (Ink sets meta too)', '', { escape: true, meta: true }, 'escape'],
    ['Enter', '\r', { return: true }, 'enter'],
    ['Alt-x', 'x', { meta: true }, 'alt+x'],
    ['Alt-X', 'X', { meta: true, shift: true }, 'alt+shift+x'],
    ['down arrow', '', { downArrow: true }, 'down'],
    ['Shift-Up', '', { upArrow: true, shift: true }, 'shift+up'],
    ['End', '', { end: true }, 'end'],
    ['space', ' ', {}, 'space'],
    ['[', '[', {}, '['],
    ['1', '1', {}, '1'],
    ['a CJK character', '日', {}, '日'],
  ])('%s → %s', (_name, input, fields, expected) => {
    expect(keySpecFromInk(input, inkKey(fields))).toBe(expected);
  });

  test.each([
    ['a paste of several characters', 'hello', {}],
    ['a key release (kitty protocol)', 's', { eventType: 'release' as const }],
    ['a bare control character', '\n', {}],
    ['nothing', '', {}],
  ])('%s gives no spec', (_name, input, fields) => {
    expect(keySpecFromInk(input, inkKey(fields))).toBeUndefined();
  });

  test('the bytes a terminal sends reach the right action through real Ink', async () => {
    const seen: Array<string | undefined> = [];
    const app = render(createElement(KeyProbe, { onSpec: (spec) => seen.push(spec) }));
    const sequences = ['\x1b[Z', '\x13', '\x1b[6~', 'S', 'G', '\t', '\r', '\x1b[B', '?', '\x1b[F', 'y'];
    for (const bytes of sequences) {
      app.stdin.write(bytes);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    app.unmount();
    expect(seen).toEqual([
      'shift+tab',
      'ctrl+s',
      'pagedown',
      'S',
      'G',
      'tab',
      'enter',
      'down',
      '?',
      'end',
      'y',
    ]);
  });
});

describe('key specs', () => {
  test.each([
    ['s', 's'],
    ['S', 'S'],
    ['shift+s', 'S'],
    ['Ctrl-S', 'ctrl+s'],
    ['ctrl+S', 'ctrl+s'],
    ['ctrl+shift+s', 'ctrl+shift+s'],
    ['Shift+Tab', 'shift+tab'],
    ['shift-tab', 'shift+tab'],
    ['PgDn', 'pagedown'],
    ['pgup', 'pageup'],
    ['Esc', 'escape'],
    ['return', 'enter'],
    [' ', 'space'],
    ['meta+x', 'alt+x'],
    ['alt+ctrl+x', 'ctrl+alt+x'],
    ['+', '+'],
    ['ctrl++', 'ctrl++'],
    ['-', '-'],
    ['?', '?'],
  ])('%j is %j', (text, spec) => {
    expect(parseKeySpec(text)).toEqual({ ok: true, spec });
  });

  test.each([
    ['', /empty/],
    ['shift+/', /character that shift gives/],
    ['ctrl+space bar', /not a key/],
    ['f13', /not a key/],
    ['\x07', /control character/],
  ])('%j is rejected with a sentence', (text, message) => {
    const result = parseKeySpec(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  test.each([
    ['ctrl+s', 'Ctrl-S'],
    ['shift+tab', 'Shift-Tab'],
    ['pagedown', 'PgDn'],
    ['escape', 'Esc'],
    ['S', 'S'],
    ['ctrl++', 'Ctrl-+'],
  ])('%s is shown as %s', (spec, shown) => {
    expect(displayKey(spec)).toBe(shown);
  });
});

describe('config overrides', () => {
  test('rebinding an action moves its key and leaves the others alone', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, { containerStop: 'ctrl+x', quit: ['Q'] });
    expect(errors).toEqual([]);
    expect(actionFor('ctrl+x', FOCUS.containers, keymap)).toBe('containerStop');
    expect(actionFor('s', FOCUS.containers, keymap)).toBeUndefined();
    expect(actionFor('Q', FOCUS.containers, keymap)).toBe('quit');
    expect(actionFor('q', FOCUS.containers, keymap)).toBeUndefined();
    expect(actionFor('K', FOCUS.containers, keymap)).toBe('containerKill');
    expect(DEFAULT_KEYMAP.containerStop).toEqual(['s']);
  });

  test('numbers from YAML are keys, and an empty list unbinds', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, { focusImages: 3, containerKill: [] });
    expect(errors).toEqual([]);
    expect(keymap.focusImages).toEqual(['3']);
    expect(keymap.containerKill).toEqual([]);
  });

  test('a rebound key taken from another action in the same scope is reported, and the user wins', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, { containerStop: 'x' });
    expect(actionFor('x', FOCUS.containers, keymap)).toBe('containerStop');
    expect(keymap.containerSignal).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/"x" was bound to both containerStop .* and containerSignal/);
    expect(errors[0]).toMatch(/containerSignal has no key left/);
  });

  test('a scope key that would hide a global one is a conflict too', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, { containerRestart: 'q' });
    expect(errors.join(' ')).toMatch(/"q" was bound to both containerRestart .* and quit/);
    expect(keymap.quit).toEqual(['ctrl+c']);
  });

  test('keys may repeat across scopes that are never active together', () => {
    const { errors } = applyOverrides(DEFAULT_KEYMAP, { imageRun: 'x', confirmYes: ['y', 'q'] });
    expect(errors).toEqual([]);
  });

  test('two rebound actions claiming one key: the first in the action list keeps it', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, { containerKill: 'z', containerStop: 'z' });
    expect(actionFor('z', FOCUS.containers, keymap)).toBe('containerStop');
    expect(errors).toHaveLength(1);
  });

  test('unknown actions and invalid keys are explained and ignored', () => {
    const { keymap, errors } = applyOverrides(DEFAULT_KEYMAP, {
      containerStp: 'z',
      containerKill: ['shift+/', 'Z'],
      help: { key: 'h' },
    });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe('"containerStp" is not an action berth knows; did you mean "containerStop"?');
    expect(errors[1]).toMatch(/^containerKill keeps its default keys: "shift\+\/" is not a key/);
    expect(errors[2]).toMatch(/^help: give a key or a list of keys/);
    expect(keymap.containerKill).toEqual(['K']);
    expect(keymap.help).toEqual(['?']);
  });
});

describe('help', () => {
  test('lists every action of each scope asked for, with its keys', () => {
    const scopes: Scope[] = ['containers', 'lists', 'global'];
    const sections = helpSections(DEFAULT_KEYMAP, scopes);
    expect(sections.map((s) => s.scope)).toEqual(scopes);
    for (const section of sections) {
      expect(section.rows.map((r) => r.action)).toEqual(actionsInScope(section.scope));
    }
    const rows = sections.flatMap((s) => s.rows);
    const row = (action: Action) => rows.find((r) => r.action === action);
    expect(row('containerStop')).toMatchObject({
      keys: 's',
      description: 'stop: SIGTERM, then SIGKILL after the grace period',
      disabled: false,
    });
    expect(row('quit')?.keys).toBe('q, Ctrl-C');
    expect(row('focusPrev')?.keys).toBe('Shift-Tab');
    expect(row('cursorDown')?.keys).toBe('j, ↓');
  });

  test('follows the keymap, and marks engine changes disabled in read-only mode', () => {
    const { keymap } = applyOverrides(DEFAULT_KEYMAP, { containerStop: ['ctrl+x', 'F'] });
    const [containers] = helpSections(keymap, ['containers'], { readOnly: true });
    const stop = containers?.rows.find((r) => r.action === 'containerStop');
    expect(stop).toMatchObject({ keys: 'Ctrl-X, F', disabled: true });
    expect(containers?.rows.find((r) => r.action === 'toggleAll')?.disabled).toBe(false);
  });

  test('status-line hints skip what read-only mode disables', () => {
    const keymap: Keymap = DEFAULT_KEYMAP;
    expect(keyHints(keymap, ['containerStop', 'containerKill', 'help'])).toBe('s stop  K kill  ? help');
    expect(keyHints(keymap, ['containerStop', 'help'], true)).toBe('? help');
  });
});
