/**
 * Starts one private engine for the whole test run and hands its socket to the tests through
 * `inject('dockerHost')`. Tests that need to stop an engine start a second one of their own.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { importBusybox, type PrivateEngine, startPrivateEngine } from './private-engine.js';

let engine: PrivateEngine | undefined;

export async function setup(project: TestProject) {
  // End-to-end tests run bin/berth, which runs the bundle: build it once for the run.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  engine = await startPrivateEngine({ name: 'tests' });
  await importBusybox(engine);
  project.provide('dockerHost', engine.host);
  project.provide('engineDir', engine.dir);
}

export async function teardown() {
  await engine?.destroy();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string;
    engineDir: string;
  }
}
