import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tar from 'tar-fs';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { isEngineError } from '../../src/engine/errors.js';
import {
  containersUsingImage,
  imageHistory,
  inspectImage,
  listImages,
  previewImagePrune,
  pruneImages,
  removeImage,
  tagImage,
} from '../../src/engine/images.js';
import { runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await runCleanup(cleanup);
});

/** Builds a Dockerfile straight through dockerode (not berth's build), returning the image id. */
async function buildRaw(dockerfile: string, tag: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-img-'));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  const stream = await ctx.docker.buildImage(tar.pack(dir), { t: tag, forcerm: true });
  const events = await new Promise<Array<{ aux?: { ID?: string }; error?: string }>>((resolve, reject) =>
    ctx.docker.modem.followProgress(stream, (err, out) => (err ? reject(err) : resolve(out))),
  );
  rmSync(dir, { recursive: true, force: true });
  const failure = events.find((e) => e.error);
  if (failure) throw new Error(failure.error);
  const id = events.find((e) => e.aux?.ID)?.aux?.ID;
  if (!id) throw new Error(`no image id in ${JSON.stringify(events)}`);
  return id;
}

function removeLater(ref: string) {
  cleanup.push(() =>
    ctx.docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined),
  );
}

async function tagsOf(id: string): Promise<string[]> {
  return (await listImages(ctx)).find((image) => image.id === id)?.repoTags ?? [];
}

describe('listing and inspecting', () => {
  test('the list shows busybox:latest with its size, not dangling', async () => {
    const images = await listImages(ctx);
    const busybox = images.find((image) => image.repoTags.includes('busybox:latest'));
    expect(busybox).toBeDefined();
    expect(busybox?.size).toBeGreaterThan(0);
    expect(busybox?.dangling).toBe(false);
    expect(busybox?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(busybox?.shortId).toBe(busybox?.id.slice(7, 19));
    expect(busybox?.created).toBeGreaterThan(1_000_000_000);
    expect(busybox?.created).toBeLessThan(Date.now() / 1000 + 60);
  });

  test('inspecting busybox shows its default command sh', async () => {
    const details = await inspectImage(ctx, 'busybox');
    expect(details.config.cmd).toEqual(['sh']);
    expect(details.repoTags).toContain('busybox:latest');
    expect(details.os).toBe('linux');
    expect(details.size).toBeGreaterThan(0);
  });

  test('inspecting an image that does not exist is NotFound', async () => {
    await expect(inspectImage(ctx, uniqueName('nothere'))).rejects.toMatchObject({ kind: 'NotFound' });
  });

  test('the config of a built image lists its env, ports, workdir, labels, user and entrypoint', async () => {
    const tag = `${uniqueName('cfg')}:v1`;
    removeLater(tag);
    await buildRaw(
      'FROM busybox\nENV A=1\nEXPOSE 8080/tcp\nWORKDIR /srv\nLABEL team=berth\nUSER nobody\nENTRYPOINT ["echo"]\n',
      tag,
    );
    const { config } = await inspectImage(ctx, tag);
    expect(config.env).toContain('A=1');
    expect(config.exposedPorts).toEqual(['8080/tcp']);
    expect(config.workingDir).toBe('/srv');
    expect(config.labels).toEqual({ team: 'berth' });
    expect(config.user).toBe('nobody');
    expect(config.entrypoint).toEqual(['echo']);
  });
});

describe('history', () => {
  test('a built image has one row per step, newest first, with the Dockerfile instruction', async () => {
    const tag = `${uniqueName('hist')}:v1`;
    removeLater(tag);
    const id = await buildRaw('FROM busybox\nRUN echo layered > /layer\nCMD ["cat","/layer"]\n', tag);
    const base = await imageHistory(ctx, 'busybox:latest');
    const history = await imageHistory(ctx, tag);
    expect(history).toHaveLength(base.length + 2);
    expect(history[0]?.id).toBe(id);
    expect(history[0]?.tags).toEqual([tag]);
    expect(history[0]?.createdBy).toBe('CMD ["cat" "/layer"]');
    expect(history[0]?.createdByRaw).toMatch(/^\/bin\/sh -c #\(nop\) +CMD/);
    expect(history[0]?.size).toBe(0);
    expect(history[1]?.createdBy).toBe('RUN echo layered > /layer');
    expect(history[1]?.size).toBeGreaterThan(0);
    expect(history[2]?.id).toBe(base[0]?.id);
  });
});

describe('tagging', () => {
  test('a new tag points at the same image, and both tags list it', async () => {
    const target = `${uniqueName('tagged')}:v1`;
    removeLater(target);
    await tagImage(ctx, 'busybox:latest', target);
    const images = await listImages(ctx);
    const busybox = images.find((image) => image.repoTags.includes('busybox:latest'));
    expect(busybox?.repoTags).toContain(target);
    expect((await inspectImage(ctx, target)).id).toBe(busybox?.id);
  });

  test('a bare target name is tagged latest', async () => {
    const repo = uniqueName('bare');
    removeLater(`${repo}:latest`);
    await tagImage(ctx, 'busybox', repo);
    expect((await inspectImage(ctx, `${repo}:latest`)).repoTags).toContain(`${repo}:latest`);
  });

  test.each([
    ['Bad Name', 'cannot contain spaces'],
    ['UPPER', 'repository names must be lowercase'],
    ['busybox:', 'tag'],
  ])('tagging as %j is refused with the reason before the engine is asked', async (target, reason) => {
    const before = await tagsOf((await inspectImage(ctx, 'busybox')).id);
    const getImage = vi.spyOn(ctx.docker, 'getImage');
    const error = await tagImage(ctx, 'busybox', target).catch((e: unknown) => e);
    expect(isEngineError(error, 'BadRequest')).toBe(true);
    expect((error as Error).message).toContain(reason);
    expect(getImage).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(await tagsOf((await inspectImage(ctx, 'busybox')).id)).toEqual(before);
  });

  test("the engine's own answer to an invalid reference is classified BadRequest", async () => {
    const error = await ctx
      .call('tag busybox', () => ctx.docker.getImage('busybox').tag({ repo: 'Bad Name' }))
      .catch((e: unknown) => e);
    expect(isEngineError(error, 'BadRequest')).toBe(true);
    expect((error as Error).message).toContain('invalid reference format');
  });

  test('tagging an image that does not exist is NotFound', async () => {
    await expect(tagImage(ctx, uniqueName('nothere'), uniqueName('x'))).rejects.toMatchObject({
      kind: 'NotFound',
    });
  });
});

describe('removing', () => {
  test('removing one of several tags only untags it', async () => {
    const target = `${uniqueName('untag')}:v1`;
    removeLater(target);
    await tagImage(ctx, 'busybox', target);
    const removed = await removeImage(ctx, target);
    expect(removed).toEqual([{ untagged: target }]);
    expect((await inspectImage(ctx, 'busybox:latest')).repoTags).not.toContain(target);
    await expect(inspectImage(ctx, target)).rejects.toMatchObject({ kind: 'NotFound' });
  });

  test('an image a stopped container uses is a Conflict naming the container; with force it goes', async () => {
    const tag = `${uniqueName('used')}:v1`;
    removeLater(tag);
    const id = await buildRaw(`FROM busybox\nRUN echo ${tag} > /id\n`, tag);
    const name = uniqueName('user');
    const container = await ctx.docker.createContainer({ Image: tag, name, Cmd: ['true'] });
    cleanup.push(() =>
      container
        .remove({ force: true })
        .then(() => ctx.docker.getImage(id).remove({ force: true }))
        .catch(() => undefined),
    );
    expect(await containersUsingImage(ctx, id)).toEqual([name]);

    const error = await removeImage(ctx, tag).catch((e: unknown) => e);
    expect(isEngineError(error, 'Conflict')).toBe(true);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain('must force');
    expect((await inspectImage(ctx, tag)).id).toBe(id);

    // Forced, the engine deletes it even though the stopped container still refers to it.
    expect(await removeImage(ctx, tag, { force: true })).toEqual([{ untagged: tag }, { deleted: id }]);
    await expect(inspectImage(ctx, id)).rejects.toMatchObject({ kind: 'NotFound' });
    expect((await container.inspect()).Image).toBe(id);
  });

  test('removing the only tag of an unused image deletes it and its build layers', async () => {
    const tag = `${uniqueName('gone')}:v1`;
    removeLater(tag);
    const id = await buildRaw(`FROM busybox\nRUN echo ${tag} > /id\nCMD ["cat","/id"]\n`, tag);
    const removed = await removeImage(ctx, tag);
    expect(removed[0]).toEqual({ untagged: tag });
    const deleted = removed.flatMap((entry) => ('deleted' in entry ? [entry.deleted] : []));
    expect(deleted[0]).toBe(id);
    expect(deleted.length).toBeGreaterThanOrEqual(2);
    await expect(inspectImage(ctx, id)).rejects.toMatchObject({ kind: 'NotFound' });
  });

  test('removing an image that does not exist is NotFound', async () => {
    await expect(removeImage(ctx, uniqueName('nothere'))).rejects.toMatchObject({ kind: 'NotFound' });
  });
});

describe('pruning dangling images', () => {
  test('the preview lists a dangling image, and prune removes exactly the previewed ones', async () => {
    const tag = `${uniqueName('prune')}:v1`;
    removeLater(tag);
    const first = await buildRaw(`FROM busybox\nRUN echo first ${tag} > /v\n`, tag);
    const second = await buildRaw(`FROM busybox\nRUN echo second ${tag} > /v\n`, tag);
    const third = await buildRaw(`FROM busybox\nRUN echo third ${tag} > /v\n`, tag);
    for (const id of [first, second, third]) removeLater(id);

    const images = await listImages(ctx);
    expect(images.find((image) => image.id === first)?.dangling).toBe(true);
    expect(images.find((image) => image.id === first)?.repoTags).toEqual([]);
    expect(images.find((image) => image.id === third)?.dangling).toBe(false);

    const preview = await previewImagePrune(ctx);
    const ids = preview.images.map((image) => image.id);
    expect(ids).toContain(first);
    expect(ids).toContain(second);
    expect(ids).not.toContain(third);
    const firstInPreview = preview.images.find((image) => image.id === first);
    expect(firstInPreview?.size).toBeGreaterThan(0);
    expect(preview.totalSize).toBeGreaterThanOrEqual(firstInPreview?.size ?? 0);

    // Only our first image is confirmed: the second, also dangling, must stay. Other test files
    // build in parallel, so their dangling images are left out of the confirmed list too.
    const result = await pruneImages(ctx, { images: [firstInPreview!], totalSize: firstInPreview!.size });
    expect(result.removed).toEqual([first]);
    expect(result.failed).toEqual([]);
    expect(result.spaceReclaimed).toBe(firstInPreview?.size);
    await expect(inspectImage(ctx, first)).rejects.toMatchObject({ kind: 'NotFound' });
    expect((await inspectImage(ctx, second)).id).toBe(second);
  });

  test('a dangling image a running container uses is not in the preview', async () => {
    const tag = `${uniqueName('keep')}:v1`;
    const id = await buildRaw(`FROM busybox\nRUN echo ${tag} > /v\n`, tag);
    const container = await ctx.docker.createContainer({
      Image: id,
      Cmd: ['sleep', '60'],
      HostConfig: { Init: true },
    });
    await container.start();
    cleanup.push(() =>
      container
        .remove({ force: true })
        .then(() => ctx.docker.getImage(id).remove({ force: true }))
        .catch(() => undefined),
    );
    // Forced while a container runs it, the engine only untags it.
    expect(await removeImage(ctx, tag, { force: true })).toEqual([{ untagged: tag }]);
    expect((await listImages(ctx)).find((image) => image.id === id)?.dangling).toBe(true);
    expect((await previewImagePrune(ctx)).images.map((image) => image.id)).not.toContain(id);
  });

  test('an image tagged after the preview is kept and reported', async () => {
    const tag = `${uniqueName('late')}:v1`;
    removeLater(tag);
    const again = await buildRaw(`FROM busybox\nRUN echo ${tag} older > /v\n`, tag);
    removeLater(again);
    await buildRaw(`FROM busybox\nRUN echo ${tag} newer > /v\n`, tag);
    const preview = await previewImagePrune(ctx);
    const mine = preview.images.filter((image) => image.id === again);
    expect(mine).toHaveLength(1);
    const rescued = `${uniqueName('rescued')}:v1`;
    removeLater(rescued);
    await tagImage(ctx, again, rescued);
    const result = await pruneImages(ctx, { images: mine, totalSize: 0 });
    expect(result.removed).toEqual([]);
    expect(result.failed[0]?.error.message).toContain(rescued);
    expect((await inspectImage(ctx, rescued)).id).toBe(again);
  });
});
