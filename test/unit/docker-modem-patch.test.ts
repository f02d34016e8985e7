/**
 * berth patches docker-modem (patches/docker-modem+5.0.7.patch): a request's options are
 * formatted for the debug log only when that log is on. docker-modem formatted them in full
 * (showHidden, no depth limit: the agent and its sockets) for every request, ~19 ms on berth's
 * first. Against the private engine, in a process of its own, with util.inspect counted.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);

async function inspectsPerVersionCall(debugOn: boolean): Promise<{ inspects: number; version: string }> {
  const script = `
    const util = require('node:util');
    if (${debugOn}) require('debug').enable('modem');
    let inspects = 0;
    const realInspect = util.inspect;
    util.inspect = (...args) => { inspects++; return realInspect(...args); };
    const Docker = require('dockerode');
    const docker = new Docker({ socketPath: new URL(process.env.DOCKER_HOST).pathname });
    docker.version().then((v) => console.log(JSON.stringify({ inspects, version: v.Version })));
  `;
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, DOCKER_HOST: inject('dockerHost'), DEBUG: '' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('docker-modem, as patched', () => {
  it('formats no request for the debug log while that log is off', async () => {
    const off = await inspectsPerVersionCall(false);
    expect(off.version).toMatch(/^\d+\.\d+/);
    expect(off.inspects).toBe(0);
  });

  it('still logs each request when the debug log is on', async () => {
    const on = await inspectsPerVersionCall(true);
    expect(on.inspects).toBeGreaterThan(0);
  });
});
