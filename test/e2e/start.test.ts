/**
 * What a person sees while berth starts. The first frame waits a moment for the engine's lists
 * (src/app/run-app.tsx), so that with a local engine it is the list itself; an engine that does
 * not answer must not leave the screen blank: "Connecting…" is drawn, and q still quits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { disposeAppsAfterEach, startApp } from '../support/pty-app.js';

disposeAppsAfterEach();

let server: net.Server | undefined;
let folder: string | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A socket that takes connections and never answers: an engine that hangs. */
async function silentEngine(): Promise<string> {
  folder = mkdtempSync(path.join(tmpdir(), 'berth-silent-'));
  const socketPath = path.join(folder, 'docker.sock');
  const sockets: net.Socket[] = [];
  server = net.createServer((socket) => {
    sockets.push(socket);
  });
  server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((resolve) => server?.listen(socketPath, resolve));
  return `unix://${socketPath}`;
}

describe('starting', () => {
  test('an engine that does not answer: "Connecting…" is drawn, not a blank screen, and q quits', async () => {
    const host = await silentEngine();
    const app = startApp({
      args: [],
      env: { DOCKER_HOST: host, DOCKER_CONTEXT: undefined },
      cols: 100,
      rows: 30,
    });
    // The first frame waits 150 ms for the engine; the rest is the start itself, on a busy machine.
    await app.waitFor('Connecting to the Docker engine…', { timeout: 3000 });
    app.press('q');
    expect((await app.exited).exitCode).toBe(0);
  });
});
