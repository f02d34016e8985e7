/**
 * The build's rewrites of esbuild's output (scripts/bundle-text.mjs), on real esbuild output:
 * the text left all ASCII means the same, and esbuild's CommonJS-import helper, memoised, still
 * gives every importer the module's exports.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types.
import { asciiOnly, memoizeToESM } from '../../scripts/bundle-text.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'berth-bundle-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(sources: Record<string, string>): void {
  for (const [name, text] of Object.entries(sources)) writeFileSync(path.join(dir, name), text);
}

/** Bundles `entry` as berth's build does (CommonJS, for Node), rewritten, and runs it. */
async function bundleAndRun(
  entry: string,
  rewrite: (text: string) => string,
): Promise<Record<string, unknown>> {
  const result = await build({
    entryPoints: [path.join(dir, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
  });
  const text = rewrite(result.outputFiles[0]?.text ?? '');
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(text, { module, exports: module.exports, WeakMap, Object });
  return module.exports;
}

describe('asciiOnly', () => {
  it('leaves nothing outside ASCII, and the code means the same', async () => {
    files({
      'text.mjs': `/** A kept comment \u2013 with an en dash. */
export class Label {
  /** The label's text \u2014 shown as is. */
  text = 'caf\u00e9 \u2013 \u{1F433}';
}
export const boxes = (text) => /^[\u2500-\u257f]+$/u.test(text);
export const whale = (text) => /^\u{1F433}$/u.test(text);`,
    });
    const plain = await bundleAndRun('text.mjs', (text) => text);
    const ascii = await bundleAndRun('text.mjs', (text) => {
      // The case this is for: esbuild keeps such comments as they are.
      expect(text).toMatch(/[^\x00-\x7f]/);
      const rewritten = asciiOnly(text);
      expect(rewritten).not.toMatch(/[^\x00-\x7f]/);
      return rewritten;
    });
    const Label = ascii.Label as new () => { text: string };
    expect(new Label().text).toBe('caf\u00e9 \u2013 \u{1F433}');
    for (const module of [plain, ascii]) {
      const boxes = module.boxes as (text: string) => boolean;
      const whale = module.whale as (text: string) => boolean;
      expect([boxes('\u250c\u2500\u2510'), boxes('abc'), whale('\u{1F433}'), whale('\ud83d')]).toEqual([
        true,
        false,
        true,
        false,
      ]);
    }
  });
});

describe('memoizeToESM', () => {
  it('makes a CommonJS module namespace once for all its importers', async () => {
    files({
      'lib.cjs': 'exports.answer = 42; exports.name = "lib";',
      'first.mjs': 'import * as lib from "./lib.cjs"; export const first = lib;',
      'second.mjs': 'import * as lib from "./lib.cjs"; export const second = lib;',
      'entry.mjs': `import { first } from './first.mjs'; import { second } from './second.mjs';
        export const same = first === second; export const answers = [first.answer, second.answer, first.default.name];`,
    });
    const before = await bundleAndRun('entry.mjs', (text) => text);
    expect(before.same).toBe(false);
    const after = await bundleAndRun('entry.mjs', memoizeToESM);
    expect(after.same).toBe(true);
    expect(after.answers).toEqual([42, 42, 'lib']);
  });

  it('gives a later importer the exports a module added after an earlier import (a require cycle)', async () => {
    files({
      'cyclic.cjs': 'exports.early = 1; require("./during.mjs"); exports.late = 2;',
      'during.mjs':
        'import * as cyclic from "./cyclic.cjs"; export const seenDuring = Object.keys(cyclic).sort();',
      'entry.mjs': `import * as cyclic from './cyclic.cjs'; import { seenDuring } from './during.mjs';
        export const seen = [seenDuring, cyclic.late];`,
    });
    const after = await bundleAndRun('entry.mjs', memoizeToESM);
    expect(after.seen).toEqual([['default', 'early'], 2]);
  });

  it('leaves output without the helper as it is, and refuses output it does not know', () => {
    expect(memoizeToESM('var x = 1;')).toBe('var x = 1;');
    expect(() => memoizeToESM('var __toESM = (a) => a;\nvar __toESM = (b) => b;')).toThrow(
      /one __toESM helper/,
    );
  });
});
