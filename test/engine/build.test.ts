import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { BuildError, type BuildEvent, buildImage, isBuildCancelled } from '../../src/engine/build.js';
import type { EngineContext } from '../../src/engine/client.js';
import { isEngineError } from '../../src/engine/errors.js';
import { listImages } from '../../src/engine/images.js';
import { runCleanup, testContext, uniqueName } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];
const dirs: string[] = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await runCleanup(cleanup);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A temporary context directory holding the given files. */
function contextDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-build-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function uniqueTag(prefix: string): string {
  const tag = `${uniqueName(prefix)}:v1`;
  cleanup.push(() =>
    ctx.docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined),
  );
  return tag;
}

async function build(options: Parameters<typeof buildImage>[1]) {
  const events: BuildEvent[] = [];
  const result = await buildImage(ctx, options, (event) => events.push(event));
  cleanup.push(() =>
    ctx.docker
      .getImage(result.imageId)
      .remove({ force: true })
      .catch(() => undefined),
  );
  return { ...result, events };
}

const outputOf = (events: BuildEvent[], step?: number) =>
  events.flatMap((e) => (e.type === 'output' && (step === undefined || e.step === step) ? [e.text] : []));
const cachedSteps = (events: BuildEvent[]) => events.flatMap((e) => (e.type === 'cached' ? [e.step] : []));

/** Runs the image with its default command straight through dockerode and returns its stdout. */
async function runImage(image: string): Promise<string> {
  const container = await ctx.docker.createContainer({ Image: image, Tty: true });
  cleanup.push(() => container.remove({ force: true }).catch(() => undefined));
  await container.start();
  await container.wait();
  return (await container.logs({ stdout: true, stderr: true, follow: false })).toString('utf8');
}

async function containersRunning(marker: string): Promise<string[]> {
  const all = await ctx.docker.listContainers({ all: true });
  return all.filter((c) => c.Command.includes(marker)).map((c) => c.Id);
}

describe('building a Dockerfile', () => {
  test('a three-step build reports each step and its output, tags the image, and the image runs', async () => {
    const marker = uniqueName('hello');
    const dir = contextDir({
      Dockerfile: `FROM busybox\nRUN echo building && echo ${marker} > /hello\nCMD ["cat","/hello"]\n`,
    });
    const tag = uniqueTag('three');
    const { imageId, tag: builtTag, events } = await build({ dir, tag });

    expect(builtTag).toBe(tag);
    expect(events.filter((e) => e.type === 'step')).toEqual([
      { type: 'step', index: 1, total: 3, instruction: 'FROM busybox' },
      { type: 'step', index: 2, total: 3, instruction: `RUN echo building && echo ${marker} > /hello` },
      { type: 'step', index: 3, total: 3, instruction: 'CMD ["cat","/hello"]' },
    ]);
    expect(outputOf(events, 2)).toEqual(['building']);
    expect(events.filter((e) => e.type === 'stepDone').map((e) => e.type === 'stepDone' && e.step)).toEqual([
      1, 2, 3,
    ]);
    expect(cachedSteps(events)).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'done', imageId });

    const listed = (await listImages(ctx)).find((image) => image.repoTags.includes(tag));
    expect(listed?.id).toBe(imageId);
    expect((await runImage(tag)).trim()).toBe(marker);
  });

  test('building again serves every step after FROM from the cache and gives the same image', async () => {
    const dir = contextDir({
      Dockerfile: `FROM busybox\nRUN echo ${uniqueName('cache')} > /a\nRUN echo second > /b\nCMD ["cat","/a"]\n`,
    });
    const first = await build({ dir, tag: uniqueTag('cache') });
    const second = await build({ dir, tag: first.tag });
    expect(cachedSteps(first.events)).toEqual([]);
    expect(cachedSteps(second.events)).toEqual([2, 3, 4]);
    expect(second.events.filter((e) => e.type === 'stepDone' && e.cached).length).toBe(3);
    expect(outputOf(second.events)).toEqual([]);
    expect(second.imageId).toBe(first.imageId);
  });

  test('changing a later step keeps the earlier steps cached and rebuilds from the changed one', async () => {
    const unique = uniqueName('change');
    const dockerfile = (last: string) =>
      `FROM busybox\nRUN echo ${unique} > /a\nRUN echo ${last} && echo ${last} > /b\nRUN echo after\n`;
    const dir = contextDir({ Dockerfile: dockerfile('one') });
    const tag = uniqueTag('change');
    const first = await build({ dir, tag });
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile('two'));
    const second = await build({ dir, tag });
    expect(cachedSteps(second.events)).toEqual([2]);
    expect(outputOf(second.events, 3)).toEqual(['two']);
    expect(outputOf(second.events, 4)).toEqual(['after']);
    expect(second.imageId).not.toBe(first.imageId);
  });

  test('files that .dockerignore excludes stay out of the context; exceptions and the Dockerfile go in', async () => {
    const dir = contextDir({
      Dockerfile: 'FROM busybox\nCOPY . /ctx\nRUN cd /ctx && find . -type f | sort\n',
      '.dockerignore': '# not these\nsecret.txt\nlogs\n!logs/keep.log\n**/*.tmp\nDockerfile\n',
      'keep.txt': 'keep',
      'secret.txt': 'secret',
      'logs/a.log': 'a',
      'logs/keep.log': 'keep',
      'src/main.c': 'int main;',
      'src/deep/x.tmp': 'tmp',
    });
    const { events } = await build({ dir, tag: uniqueTag('ignore') });
    // The daemon reads the Dockerfile, then leaves it out of COPY because .dockerignore names it.
    expect(outputOf(events, 3)).toEqual(['./.dockerignore', './keep.txt', './logs/keep.log', './src/main.c']);
  });

  test('a Dockerfile in a subdirectory is found with the dockerfile option', async () => {
    const marker = uniqueName('sub');
    const dir = contextDir({ 'docker/app.Dockerfile': `FROM busybox\nRUN echo ${marker}\n` });
    const { events } = await build({ dir, dockerfile: 'docker/app.Dockerfile', tag: uniqueTag('sub') });
    expect(outputOf(events, 2)).toEqual([marker]);
  });

  test('build arguments reach the build, and noCache runs every step again', async () => {
    const dir = contextDir({ Dockerfile: `FROM busybox\nARG GREETING\nRUN echo "greeting=$GREETING"\n` });
    const tag = uniqueTag('args');
    const first = await build({ dir, tag, buildArgs: { GREETING: 'hi there' } });
    expect(outputOf(first.events, 3)).toEqual(['greeting=hi there']);
    const again = await build({ dir, tag, buildArgs: { GREETING: 'hi there' }, noCache: true });
    expect(cachedSteps(again.events)).toEqual([]);
    expect(outputOf(again.events, 3)).toEqual(['greeting=hi there']);
  });

  test('without a tag the image is built untagged', async () => {
    const dir = contextDir({ Dockerfile: `FROM busybox\nRUN echo ${uniqueName('untagged')}\n` });
    const { imageId, tag } = await build({ dir });
    expect(tag).toBeUndefined();
    expect((await listImages(ctx)).find((image) => image.id === imageId)?.dangling).toBe(true);
  });
});

describe('when a build fails', () => {
  test('a RUN that exits 3 fails naming its step, with its output and exit code, leaving no container', async () => {
    const marker = uniqueName('fail');
    const dir = contextDir({ Dockerfile: `FROM busybox\nRUN echo ${marker} && exit 3\nCMD ["sh"]\n` });
    const events: BuildEvent[] = [];
    const error = await buildImage(ctx, { dir, tag: uniqueTag('fail') }, (e) => events.push(e)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    const failure = error as BuildError;
    expect(failure.kind).toBe('BuildFailed');
    expect(failure.message).toContain(`Step 2/3 : RUN echo ${marker} && exit 3`);
    expect(failure.message).toContain('code 3');
    expect(failure.exitCode).toBe(3);
    expect(failure.step).toBe(2);
    expect(failure.detail).toContain(marker);
    expect(failure.detail).toContain('returned a non-zero code: 3');
    expect(events.at(-1)).toMatchObject({ type: 'error', step: 2, exitCode: 3 });
    expect(await containersRunning(marker)).toEqual([]);
  });

  test('a COPY of a missing file fails naming the step with the engine sentence', async () => {
    const dir = contextDir({ Dockerfile: 'FROM busybox\nCOPY nothere.txt /x\n' });
    const error = await buildImage(ctx, { dir }).catch((e: unknown) => e);
    expect(isEngineError(error, 'BuildFailed')).toBe(true);
    expect((error as BuildError).message).toContain('Step 2/2 : COPY nothere.txt /x failed');
    expect((error as BuildError).message).toContain('nothere.txt');
    expect((error as BuildError).exitCode).toBeUndefined();
  });

  test('a Dockerfile with a syntax error fails before any step', async () => {
    const dir = contextDir({ Dockerfile: 'FROM busybox\nNOSUCHTHING x\n' });
    const events: BuildEvent[] = [];
    const error = await buildImage(ctx, { dir }, (e) => events.push(e)).catch((e: unknown) => e);
    expect(isEngineError(error, 'BuildFailed')).toBe(true);
    expect((error as Error).message).toContain('unknown instruction: NOSUCHTHING');
    expect(events).toEqual([]);
  });
});

describe('checks before anything is sent', () => {
  test('a missing Dockerfile is a BadRequest naming the path, and the engine is not asked', async () => {
    const dir = contextDir({ 'readme.txt': 'no dockerfile here' });
    const send = vi.spyOn(ctx.docker, 'buildImage');
    const error = await buildImage(ctx, { dir }).catch((e: unknown) => e);
    expect(isEngineError(error, 'BadRequest')).toBe(true);
    expect((error as Error).message).toBe(`There is no Dockerfile at ${dir}/Dockerfile.`);
    const relative = await buildImage(ctx, { dir: './no-such-app' }).catch((e: unknown) => e);
    expect(isEngineError(relative, 'BadRequest')).toBe(true);
    expect((relative as Error).message).toContain('./no-such-app');
    expect(send).not.toHaveBeenCalled();
  });

  test.each([
    ['Bad Name', 'cannot contain spaces'],
    ['UPPER:v1', 'repository names must be lowercase'],
    [`app:${'x'.repeat(129)}`, 'at most 128 characters'],
  ])('the tag %j is a BadRequest with the reason, and the engine is not asked', async (tag, reason) => {
    const dir = contextDir({ Dockerfile: 'FROM busybox\n' });
    const send = vi.spyOn(ctx.docker, 'buildImage');
    const error = await buildImage(ctx, { dir, tag }).catch((e: unknown) => e);
    expect(isEngineError(error, 'BadRequest')).toBe(true);
    expect((error as Error).message).toContain(reason);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('cancelling', () => {
  test('aborting a build mid-step rejects promptly as cancelled, and the engine drops the step container', async () => {
    const marker = uniqueName('slow');
    const dir = contextDir({ Dockerfile: `FROM busybox\nRUN echo ${marker} && sleep 30\n` });
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await buildImage(
      ctx,
      { dir, tag: uniqueTag('slow'), signal: controller.signal },
      (event) => {
        if (event.type === 'output' && event.text === marker) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    ).catch((e: unknown) => e);
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(2000);
    expect(isBuildCancelled(error)).toBe(true);
    expect((error as Error).message).toBe('build cancelled');

    // The engine notices the closed connection, kills the step's container and removes it.
    const deadline = Date.now() + 20_000;
    while ((await containersRunning(marker)).length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await containersRunning(marker)).toEqual([]);
  });

  test('a signal aborted before the start sends nothing', async () => {
    const dir = contextDir({ Dockerfile: 'FROM busybox\n' });
    const send = vi.spyOn(ctx.docker, 'buildImage');
    const error = await buildImage(ctx, { dir, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isBuildCancelled(error)).toBe(true);
    expect(send).not.toHaveBeenCalled();
  });
});
