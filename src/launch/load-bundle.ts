/**
 * Loads berth's CommonJS bundle (dist/berth.cjs) through a V8 code cache.
 *
 * Compiling the bundle is most of berth's start-up: V8 parses 2 MB of JavaScript, then compiles
 * each function the first time it runs (React's reconciler, Ink, the panes). Node 20 has no
 * compile cache of its own (module.enableCompileCache came in 22.1), but node:vm can hand V8 the
 * code a previous run compiled (`cachedData`). The cache is written once, by the first run that
 * gets as far as drawing the container list, so it holds the functions a start needs; later runs
 * skip their compilation. V8 checks that the data fits this V8 version and these flags, and the
 * file's name carries the bundle's size, modification time and inode and Node's version, so a
 * rebuilt bundle or another Node never meets an old cache.
 *
 * Everything here is an optimisation: any failure (no home folder, a read-only cache folder, a
 * rejected cache) falls back to compiling as usual. BERTH_CODE_CACHE=0 turns it off.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

export interface LoadedBundle<Exports> {
  exports: Exports;
  /** The cache file this bundle uses; undefined when caching is off. */
  cacheFile: string | undefined;
  /** Whether V8 took the cached code: the bundle's functions were not compiled again. */
  cacheAccepted: boolean;
  /**
   * Writes the code compiled so far to the cache file, unless the cache was accepted (it holds
   * what a start needs already). Call it once the app has done what every start does.
   */
  saveCodeCache(): void;
}

export interface LoadOptions {
  /** The folder for cache files; undefined turns the cache off. */
  cacheDir: string | undefined;
}

/** berth's cache folder: `$XDG_CACHE_HOME/berth` or `~/.cache/berth`; undefined with no home. */
export function berthCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : safeHomedir());
  return base ? path.join(base, 'berth') : undefined;
}

/** Where the code cache goes: berth's cache folder, or undefined when BERTH_CODE_CACHE=0. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.BERTH_CODE_CACHE === '0' ? undefined : berthCacheDir(env);
}

function safeHomedir(): string | undefined {
  try {
    return path.join(homedir(), '.cache');
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits, as hex: a short stable name part, without loading node:crypto at start-up. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The cache file's name: which bundle (its path), and which build of it under which Node. */
function cacheNames(bundlePath: string, cacheDir: string): { prefix: string; file: string } {
  const stat = statSync(bundlePath);
  const build = `${stat.size}:${stat.mtimeMs}:${stat.ino}:${process.version}:${process.arch}`;
  const prefix = `code-${shortHash(path.resolve(bundlePath))}-`;
  return { prefix, file: path.join(cacheDir, `${prefix}${shortHash(build)}.v8`) };
}

function readIfPresent(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The bundle's text. The build writes it as ASCII (scripts/build.mjs), and ASCII is read as
 * Latin-1, which V8 keeps at one byte a character: 2 MB read this way took ~4 ms, against ~6 ms
 * decoded as UTF-8, and ~10 ms when one character outside Latin-1 (an en dash in a comment) made
 * V8 hold the whole text at two bytes a character. Any other text is decoded as UTF-8.
 */
export function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

export function loadBundle<Exports>(bundlePath: string, options: LoadOptions): LoadedBundle<Exports> {
  const source = readSource(bundlePath);
  let names: { prefix: string; file: string } | undefined;
  try {
    names = options.cacheDir ? cacheNames(bundlePath, options.cacheDir) : undefined;
  } catch {
    names = undefined;
  }
  const cachedData = readIfPresent(names?.file);
  // The wrapper Node's own CommonJS loader puts around a module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  const cacheAccepted = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as Exports };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundlePath),
    module,
    bundlePath,
    path.dirname(bundlePath),
  );

  let saved = cacheAccepted;
  return {
    exports: module.exports,
    cacheFile: names?.file,
    cacheAccepted,
    saveCodeCache() {
      if (saved || !names || !options.cacheDir) return;
      saved = true;
      writeCache(options.cacheDir, names, script.createCachedData());
    },
  };
}

function writeCache(cacheDir: string, names: { prefix: string; file: string }, data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // Older builds' caches of this same bundle are of no more use.
    for (const name of readdirSync(cacheDir)) {
      const file = path.join(cacheDir, name);
      if (name.startsWith(names.prefix) && file !== names.file) rmSync(file, { force: true });
    }
    // Written aside, then renamed: a berth starting meanwhile reads a whole file or none.
    const partial = `${names.file}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, names.file);
  } catch {
    // A cache that cannot be written costs the next start its compile time, nothing more.
  }
}
