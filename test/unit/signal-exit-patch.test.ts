/**
 * berth patches signal-exit (patches/signal-exit+3.0.7.patch), which Ink calls as it first draws:
 * it loaded node:assert (~5 ms of the first frame) to check its one argument. The check is the
 * same; node:assert is loaded only when it fails. In a process of its own, where nothing else has
 * loaded node:assert.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const signalExit = createRequire(import.meta.url).resolve('signal-exit');
const dir = mkdtempSync(path.join(tmpdir(), 'berth-signal-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` after requiring signal-exit as `onExit`; prints what the body returns, as JSON. */
function inChild(body: string): { assertLoaded: boolean; result: unknown } {
  // A script file: `node -e` loads modules of its own.
  const script = path.join(dir, `check-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(
    script,
    `const onExit = require(${JSON.stringify(signalExit)});
     const result = (() => { ${body} })();
     console.log(JSON.stringify({ assertLoaded: process.moduleLoadList.includes('NativeModule assert'), result }));`,
  );
  return JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' }));
}

describe('signal-exit, as patched', () => {
  it('registers an exit handler without loading node:assert', () => {
    const out = inChild('const remove = onExit(() => {}); remove(); return typeof remove;');
    expect(out.result).toBe('function');
    expect(out.assertLoaded).toBe(false);
  });

  it('still rejects a handler that is not a function, with the AssertionError it threw before', () => {
    const out = inChild(
      'try { onExit(42); return "accepted"; } catch (error) { return [error.name, error.code, error.message]; }',
    );
    expect(out.result).toEqual([
      'AssertionError',
      'ERR_ASSERTION',
      'a callback must be provided for exit handler',
    ]);
  });
});
