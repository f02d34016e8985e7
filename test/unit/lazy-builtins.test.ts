/**
 * Built-ins loaded on first use (src/launch/lazy-module.ts, the `lazy-builtins` plugin of
 * scripts/build.mjs): the stand-in behaves as the module in each way the bundle uses one, and a
 * berth that talks to the engine over its socket never loads `https`, `tls`, `child_process`,
 * `crypto`, `zlib` or `assert`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { lazyModule } from '../../src/launch/lazy-module.js';
import { makeContainer, runCleanup, testContext } from '../support/engine.js';
import { type PtyApp, startApp } from '../support/pty-app.js';

const run = promisify(execFile);

function counted<T extends object>(real: T) {
  const loads = { count: 0 };
  const module = lazyModule(() => {
    loads.count++;
    return real;
  });
  return { loads, module };
}

describe('lazyModule', () => {
  it('loads the module once, on the first property read', () => {
    const { loads, module } = counted({ answer: () => 42, name: 'real' });
    expect(loads.count).toBe(0);
    expect(module.answer()).toBe(42);
    expect(module.name).toBe('real');
    expect('answer' in module).toBe(true);
    expect(loads.count).toBe(1);
  });

  it('calls through when the module is a function (assert)', () => {
    const real = Object.assign((value: unknown) => `called with ${value}`, { equal: () => 'equal' });
    const { loads, module } = counted(real);
    expect((module as unknown as (v: unknown) => string)(1)).toBe('called with 1');
    expect(module.equal()).toBe('equal');
    expect(loads.count).toBe(1);
  });

  it('works as an ES-module namespace made the way esbuild makes one, loading on use', () => {
    const { loads, module } = counted({ createHash: (text: string) => `hash of ${text}` });
    // esbuild's __toESM(mod, 1): an object on mod's prototype, with mod's own keys copied.
    const namespace = Object.create(Object.getPrototypeOf(module));
    for (const key of Object.getOwnPropertyNames(module)) {
      Object.defineProperty(namespace, key, { get: () => (module as Record<string, unknown>)[key] });
    }
    Object.defineProperty(namespace, 'default', { value: module });
    expect(loads.count).toBe(0);
    expect(namespace.createHash('x')).toBe('hash of x');
    expect(namespace.default.createHash('y')).toBe('hash of y');
    expect(loads.count).toBe(1);
  });

  it('serves as a prototype whose users set their own properties (docker-modem)', () => {
    const real = { request: () => 'real request', Agent: class Agent {} };
    const { module } = counted(real);
    // docker-modem: `h.prototype = https; h = new h();` then `h.request = …`.
    const wrapped = Object.create(module) as Record<string, unknown>;
    wrapped.request = () => 'wrapped request';
    expect((wrapped.request as () => string)()).toBe('wrapped request');
    expect(real.request()).toBe('real request');
    expect(wrapped.Agent).toBe(real.Agent);
  });

  it('reports the real own keys once loaded', () => {
    const { module } = counted({ a: 1, b: 2 });
    expect(Object.keys(module)).toEqual([]);
    expect(module.a).toBe(1);
    expect(Object.keys(module)).toEqual(['a', 'b']);
  });
});

/**
 * Runs the bundle in a pty against the test engine through a file that first runs `prelude`
 * (given the report file's path as a string literal; `writeFileSync` is in scope), which writes
 * the watched built-ins there; `drive` presses keys until berth quits. Resolves with the report.
 */
async function loadedInSession(
  prelude: (report: string) => string,
  drive: (app: PtyApp) => Promise<void>,
): Promise<string[]> {
  const bundle = fileURLToPath(new URL('../../dist/berth.cjs', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-lazy-builtins-'));
  const report = path.join(dir, 'loaded.json');
  const file = path.join(dir, 'berth.cjs');
  writeFileSync(
    file,
    `const { writeFileSync } = require('node:fs');
    ${prelude(JSON.stringify(report))}
    require(${JSON.stringify(bundle)}).main(['node', 'berth']).then((code) => process.exit(code));`,
  );
  try {
    const app = startApp({
      command: process.execPath,
      args: [file],
      env: { DOCKER_HOST: inject('dockerHost'), NODE_EXTRA_CA_CERTS: undefined, XDG_CONFIG_HOME: dir },
    });
    await drive(app);
    expect((await app.exited).exitCode).toBe(0);
    expect(existsSync(report), `berth ended without its report:\n${app.screen()}`).toBe(true);
    return JSON.parse(readFileSync(report, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the bundle', () => {
  it('asks the engine for its version and info without loading https, http, tls, child_process, crypto, zlib or assert', async () => {
    const bundle = fileURLToPath(new URL('../../dist/berth.cjs', import.meta.url));
    const script = `
      const { main } = require(${JSON.stringify(bundle)});
      main(['node', 'berth', 'doctor']).then((code) => {
        const watched = /^NativeModule (https|http|tls|child_process|crypto|zlib|assert)$/;
        console.log(JSON.stringify({ code, loaded: process.moduleLoadList.filter((m) => watched.test(m)) }));
      });
    `;
    // Node itself loads crypto at boot to read NODE_EXTRA_CA_CERTS (set on some machines).
    const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
    // A file, not `node -e`: evaluating -e loads crypto.
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-lazy-builtins-'));
    const file = path.join(dir, 'doctor.cjs');
    writeFileSync(file, script);
    const { stdout } = await run(process.execPath, [file], {
      env: { ...env, DOCKER_HOST: inject('dockerHost') },
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    // doctor printed the engine's version: it really talked to the engine.
    expect(stdout).toMatch(/Engine: +Docker Engine/);
    expect(result).toEqual({ code: 0, loaded: [] });
  });

  it('draws the container list without loading https, http, tls, child_process, crypto, zlib, assert or fs/promises', async () => {
    // What is loaded when the first whole screen is written (the list), and nothing later.
    const loaded = await loadedInSession(
      (report) => `const write = process.stdout.write.bind(process.stdout);
      let reported = false;
      process.stdout.write = (chunk, ...rest) => {
        if (!reported && String(chunk).includes('Containers (')) {
          reported = true;
          const watched = /^NativeModule (https|http|tls|child_process|crypto|zlib|assert|fs\\/promises)$/;
          writeFileSync(${report}, JSON.stringify(process.moduleLoadList.filter((m) => watched.test(m))));
        }
        return write(chunk, ...rest);
      };`,
      async (app) => {
        await app.waitFor(/Containers \(/);
        app.press('q');
      },
    );
    expect(loaded).toEqual([]);
  });

  it("shows a container's logs, its TTY asked of the engine, without loading http", async () => {
    const context = await testContext();
    const cleanup: Array<() => Promise<unknown>> = [];
    try {
      const { name } = await makeContainer(context, cleanup, {
        cmd: ['sh', '-c', 'echo lazy-log-line; exec sleep 600'],
      });
      // What the whole session loaded, written as it ends: the list, a filter, the log, quit.
      const loaded = await loadedInSession(
        (report) => `process.on('exit', () => {
          const watched = /^NativeModule (https|http|tls)$/;
          writeFileSync(${report}, JSON.stringify(process.moduleLoadList.filter((m) => watched.test(m))));
        });`,
        async (app) => {
          await app.waitFor(/Containers \(/);
          app.type(`/${name}`);
          app.press('enter');
          await app.waitFor(/lazy-log-line/);
          app.press('q');
        },
      );
      expect(loaded).toEqual([]);
    } finally {
      await runCleanup(cleanup);
    }
  });
});
