/**
 * Runs a berth module under plain node, in a process of its own: for V8 settings (src/launch),
 * whose effect a loader such as tsx would blur (it allocates, and collects, on its own account).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);

/**
 * Transpiles `source` (a TypeScript module with no imports of berth's own) to a temporary .mjs
 * for the file's tests; `path()` gives where it is, once the tests have begun.
 */
export function transpiledForPlainNode(source: URL): { path: () => string } {
  let dir = '';
  let modulePath = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-plain-node-'));
    modulePath = path.join(dir, `${path.basename(source.pathname, '.ts')}.mjs`);
    writeFileSync(
      modulePath,
      transformSync(readFileSync(source, 'utf8'), { loader: 'ts', format: 'esm' }).code,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { path: () => modulePath };
}

/** Runs `script` (an ES module's text) under plain node with `flags`; its last line of output, as JSON. */
export async function runPlainNode<T>(script: string, flags: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', script]);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}

/**
 * Script text (for runPlainNode) that counts V8's collections of one kind into `variable` as
 * they happen. gc entries are delivered after the fact: read the count a little later.
 */
export function countingCollections(variable: string, kind: 'MINOR' | 'MAJOR'): string {
  return `
    import { PerformanceObserver, constants } from 'node:perf_hooks';
    let ${variable} = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_${kind}) ${variable}++;
      }
    }).observe({ entryTypes: ['gc'] });
  `;
}
