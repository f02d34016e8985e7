// Rewrites of esbuild's output text that esbuild has no option for, run by scripts/build.mjs on
// what it writes. Each is checked by test/unit/bundle-text.test.ts.

/**
 * Leaves a bundle all ASCII, which the launcher reads ~6 ms faster (src/launch/load-bundle.ts,
 * readSource). esbuild writes strings, templates and names as ASCII (its default charset), but
 * copies the comments it keeps and regular expressions as they are: an en dash in a comment made
 * the whole 2 MB text UTF-16 in V8. What is left outside ASCII is written as \u escapes: plain
 * text in a comment, the same character in a regular expression (a pair of them, one astral
 * character, with the u flag).
 */
export function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The namespace objects __toESM made, by module: one map for each import mode. One line, so that
// the source map's lines still match the bundle's.
const MEMOIZED_TO_ESM = [
  'var __toESMMade = [new WeakMap(), new WeakMap()];',
  'var __toESM = (mod, isNodeMode, target) => {',
  'if (target !== void 0 || mod === null || (typeof mod !== "object" && typeof mod !== "function")) return __toESMFresh(mod, isNodeMode, target);',
  'var made = __toESMMade[isNodeMode ? 1 : 0], exported = Object.getOwnPropertyNames(mod).length, entry = made.get(mod);',
  'if (entry === void 0 || entry.exported !== exported) made.set(mod, entry = { exported, namespace: __toESMFresh(mod, isNodeMode) });',
  'return entry.namespace; }; ',
].join(' ');

/**
 * esbuild imports a CommonJS module into an ES module through its `__toESM` helper, which makes a
 * new namespace object, a getter for each export, for every module that imports it. berth's
 * modules import React 49 times, and React has ~50 exports: ~2,500 getters made at start-up,
 * ~6 ms of the first frame (CPU profile, issue 7). Here a module's namespace is made once for
 * each import mode and shared. It is made anew when the module has gained exports since (one
 * imported while it was still loading, in a require cycle), as esbuild would have.
 */
export function memoizeToESM(text) {
  const definitions = text.match(/^var __toESM = \(/gm) ?? [];
  if (definitions.length === 0) return text;
  if (definitions.length > 1)
    throw new Error(`expected one __toESM helper in esbuild's output, found ${definitions.length}`);
  return text.replace(/^var __toESM = \(/m, `${MEMOIZED_TO_ESM}var __toESMFresh = (`);
}
