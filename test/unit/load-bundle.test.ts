/**
 * The launcher's code cache (src/launch/load-bundle.ts): a bundle runs the same with or without
 * it, the cache is written once and taken by the next start, a rebuilt bundle never meets an old
 * cache, and nothing about the cache can stop berth from starting.
 */

import { isAscii } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCacheDir, loadBundle, readSource } from '../../src/launch/load-bundle.js';

interface Exports {
  answer: () => number;
  dependency: () => string;
  file: string;
}

const loaderPath = fileURLToPath(new URL('../../src/launch/load-bundle.ts', import.meta.url));

/**
 * A start in a process of its own, as berth's are. Within one process V8 keeps what it compiled
 * and would take the same source again from memory, whatever the cache file holds.
 */
function startInChild(options: { save: boolean }): { accepted: boolean; answer: number; file: string } {
  const script = `
    import { loadBundle } from ${JSON.stringify(loaderPath)};
    const loaded = loadBundle(${JSON.stringify(bundle)}, { cacheDir: ${JSON.stringify(cacheDir)} });
    const answer = loaded.exports.answer();
    if (${options.save}) loaded.saveCodeCache();
    console.log(JSON.stringify({ accepted: loaded.cacheAccepted, answer, file: loaded.cacheFile }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

let dir: string;
let bundle: string;
let cacheDir: string;

// A CommonJS bundle as esbuild writes one: it sets exports, requires a file beside it.
function writeBundle(answer: number, padding = ''): void {
  writeFileSync(
    bundle,
    `"use strict";${padding}
const helper = require('./helper.cjs');
function answer() { return ${answer}; }
module.exports = { answer, dependency: () => helper.name, file: __filename };
`,
  );
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-load-bundle-'));
  bundle = path.join(dir, 'app.cjs');
  cacheDir = path.join(dir, 'cache');
  writeFileSync(path.join(dir, 'helper.cjs'), 'module.exports = { name: "helper beside the bundle" };');
  writeBundle(42);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadBundle', () => {
  it('runs the bundle as CommonJS: its exports, require relative to it, __filename', () => {
    const loaded = loadBundle<Exports>(bundle, { cacheDir });
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.exports.dependency()).toBe('helper beside the bundle');
    expect(loaded.exports.file).toBe(bundle);
  });

  it('writes the cache once asked, and the next start takes it', () => {
    const first = startInChild({ save: true });
    expect(first.accepted).toBe(false);
    expect(readdirSync(cacheDir)).toEqual([path.basename(first.file)]);

    const second = startInChild({ save: true });
    expect(second.file).toBe(first.file);
    expect(second.accepted).toBe(true);
    expect(second.answer).toBe(42);
  });

  it('writes nothing until asked', () => {
    startInChild({ save: false });
    expect(readdirSync(dir)).not.toContain('cache');
  });

  it('gives a rebuilt bundle a cache of its own and removes the old one', () => {
    const first = loadBundle<Exports>(bundle, { cacheDir });
    first.saveCodeCache();
    // The same length, so only the name (size, mtime, inode) tells the builds apart.
    writeBundle(43);
    utimesSync(bundle, new Date(), new Date(Date.now() + 5000));

    const rebuilt = loadBundle<Exports>(bundle, { cacheDir });
    expect(rebuilt.cacheFile).not.toBe(first.cacheFile);
    expect(rebuilt.cacheAccepted).toBe(false);
    expect(rebuilt.exports.answer()).toBe(43);
    rebuilt.saveCodeCache();
    expect(readdirSync(cacheDir)).toEqual([path.basename(rebuilt.cacheFile ?? '')]);
  });

  it('keeps the caches of other bundles in the same folder', () => {
    const other = path.join(dir, 'other.cjs');
    writeFileSync(other, 'module.exports = { answer: () => 7 };');
    loadBundle<Exports>(other, { cacheDir }).saveCodeCache();
    loadBundle<Exports>(bundle, { cacheDir }).saveCodeCache();
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('compiles as usual when the cache file is damaged, and writes a good one', () => {
    const first = startInChild({ save: true });
    writeFileSync(first.file, 'not V8 code');

    const second = startInChild({ save: true });
    expect(second.accepted).toBe(false);
    expect(second.answer).toBe(42);
    expect(startInChild({ save: false }).accepted).toBe(true);
  });

  it('runs without a cache when the folder cannot be written', () => {
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'berth'), 'a file where the folder would go');
    const loaded = loadBundle<Exports>(bundle, { cacheDir: path.join(cacheDir, 'berth') });
    expect(() => loaded.saveCodeCache()).not.toThrow();
    expect(loaded.exports.answer()).toBe(42);
  });

  it.skipIf(process.getuid?.() === 0)('runs without a cache in a read-only folder', () => {
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o500);
    const loaded = loadBundle<Exports>(bundle, { cacheDir });
    expect(() => loaded.saveCodeCache()).not.toThrow();
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('with caching off, reads and writes nothing', () => {
    const loaded = loadBundle<Exports>(bundle, { cacheDir: undefined });
    loaded.saveCodeCache();
    expect(loaded.cacheFile).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['app.cjs', 'helper.cjs']);
  });
});

describe('readSource', () => {
  it('reads ASCII and UTF-8 text alike', () => {
    const ascii = path.join(dir, 'ascii.cjs');
    const utf8 = path.join(dir, 'utf8.cjs');
    writeFileSync(ascii, 'module.exports = "plain \\u2013 ascii";');
    writeFileSync(utf8, 'module.exports = "caf\u00e9 \u2013 \u{1F433}"; // a comment \u2014 with a dash');
    expect(readSource(ascii)).toBe('module.exports = "plain \\u2013 ascii";');
    expect(readSource(utf8)).toBe(
      'module.exports = "caf\u00e9 \u2013 \u{1F433}"; // a comment \u2014 with a dash',
    );
  });

  it('runs a bundle with text outside ASCII as written', () => {
    writeFileSync(bundle, 'module.exports = { answer: () => "\u2013 caf\u00e9 \u{1F433}" }; // \u2014');
    expect(loadBundle<{ answer: () => string }>(bundle, { cacheDir }).exports.answer()).toBe(
      '\u2013 caf\u00e9 \u{1F433}',
    );
  });

  it('is given an all-ASCII bundle by the build (the fast read)', () => {
    const built = readFileSync(fileURLToPath(new URL('../../dist/berth.cjs', import.meta.url)));
    expect(isAscii(built)).toBe(true);
  });
});

describe('defaultCacheDir', () => {
  it('is $XDG_CACHE_HOME/berth, else ~/.cache/berth, and off with BERTH_CODE_CACHE=0', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' })).toBe('/x/cache/berth');
    expect(defaultCacheDir({ HOME: '/home/a' })).toBe('/home/a/.cache/berth');
    expect(defaultCacheDir({ HOME: '/home/a', BERTH_CODE_CACHE: '0' })).toBeUndefined();
  });
});
