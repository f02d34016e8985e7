import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { listContainers, previewContainerPrune, pruneContainers } from '../../src/engine/containers.js';
import { makeContainer, startOwnEngine } from '../support/engine.js';
import type { PrivateEngine } from '../support/private-engine.js';

// Prune removes every stopped container on the engine, so it gets an engine of its own.
let engine: PrivateEngine;
let ctx: EngineContext;
const ignored: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  ({ engine, context: ctx } = await startOwnEngine('prune'));
});
afterAll(async () => {
  await engine?.destroy();
});

test('prune previews exactly the stopped containers, then removes exactly those', async () => {
  const running = await makeContainer(ctx, ignored, { cmd: ['sleep', '1000'] });
  const exited = await makeContainer(ctx, ignored, { cmd: ['true'] });
  const created = await makeContainer(ctx, ignored, { cmd: ['true'], start: false });
  const paused = await makeContainer(ctx, ignored, { cmd: ['sleep', '1000'] });
  await paused.container.pause();
  await exited.container.wait();

  const preview = await previewContainerPrune(ctx);
  expect(preview.containers.map((c) => c.name).sort()).toEqual([created.name, exited.name].sort());

  // Stopped after the preview: not in what the person confirmed, so it must stay.
  const late = await makeContainer(ctx, ignored, { cmd: ['true'] });
  await late.container.wait();

  const result = await pruneContainers(ctx, preview);
  expect(result.removed.sort()).toEqual([created.id, exited.id].sort());
  expect(result.failed).toEqual([]);
  const left = (await listContainers(ctx, { all: true })).map((c) => c.name).sort();
  expect(left).toEqual([running.name, paused.name, late.name].sort());
});

test('a previewed container started before the prune is kept and reported', async () => {
  const c = await makeContainer(ctx, ignored, { cmd: ['sleep', '1000'], start: false });
  const preview = await previewContainerPrune(ctx);
  expect(preview.containers.map((x) => x.id)).toContain(c.id);
  await c.container.start();
  const result = await pruneContainers(ctx, preview);
  expect(result.removed).not.toContain(c.id);
  expect(result.failed.map((f) => [f.id, f.error.kind])).toContainEqual([c.id, 'Conflict']);
  expect((await listContainers(ctx)).map((x) => x.id)).toContain(c.id);
});
