/**
 * Image operations: list, inspect, history, tag, remove and prune. Each returns berth's own
 * types so nothing above the engine layer needs dockerode.
 */
import type Docker from 'dockerode';
import { type EngineContext, getJson } from './client.js';
import { listContainers } from './containers.js';
import { EngineError, isEngineError } from './errors.js';
import { normaliseReference } from './reference.js';

export interface ImageSummary {
  /** Full id, `sha256:…`. */
  id: string;
  /** The 12 hex digits docker shows. */
  shortId: string;
  /** Every `repository:tag` pointing at the image; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  /** Bytes, including the layers shared with other images (docker's SIZE column). */
  size: number;
  /** Creation time, epoch seconds. */
  created: number;
  /** No tag at all: what `docker images` shows as `<none>:<none>`. */
  dangling: boolean;
  /** How many containers use it, when the engine reports it (list does not; -1 there). */
  containers: number | undefined;
  labels: Record<string, string>;
}

export interface ImageConfig {
  cmd: string[];
  entrypoint: string[];
  env: string[];
  exposedPorts: string[];
  workingDir: string;
  labels: Record<string, string>;
  user: string;
}

export interface ImageDetails {
  id: string;
  shortId: string;
  repoTags: string[];
  repoDigests: string[];
  /** ISO timestamp, as the engine gives it. */
  created: string;
  size: number;
  architecture: string;
  os: string;
  author: string;
  comment: string;
  config: ImageConfig;
}

export interface ImageLayer {
  /** The layer's image id, or undefined where the engine says `<missing>` (pulled layers). */
  id: string | undefined;
  /** Epoch seconds. */
  created: number;
  /** The Dockerfile step for display: `RUN echo hi`, `CMD ["sh"]`. */
  createdBy: string;
  /** Exactly what the engine recorded, e.g. `/bin/sh -c #(nop)  CMD ["sh"]`. */
  createdByRaw: string;
  size: number;
  comment: string;
  tags: string[];
}

export type RemovedImage = { untagged: string } | { deleted: string };

export interface ImagePrunePreview {
  images: Array<{ id: string; shortId: string; created: number; size: number }>;
  /** Bytes that removing them frees: what is not shared with other images. */
  totalSize: number;
}

export interface ImagePruneResult {
  removed: string[];
  failed: Array<{ id: string; shortId: string; error: EngineError }>;
  spaceReclaimed: number;
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The engine writes `<none>:<none>` / `<none>@<none>` (or null) where there is nothing. */
function realNames(names: string[] | null | undefined): string[] {
  return (names ?? []).filter((name) => !name.startsWith('<none>'));
}

export function toImageSummary(info: Docker.ImageInfo): ImageSummary {
  const repoTags = realNames(info.RepoTags);
  return {
    id: info.Id,
    shortId: shortImageId(info.Id),
    repoTags,
    repoDigests: realNames(info.RepoDigests),
    size: info.Size,
    created: info.Created,
    dangling: repoTags.length === 0,
    containers: info.Containers >= 0 ? info.Containers : undefined,
    labels: info.Labels ?? {},
  };
}

export async function listImages(ctx: EngineContext): Promise<ImageSummary[]> {
  const list = await ctx.call('list images', () =>
    getJson(ctx, '/images/json', {}, (docker) => docker.listImages()),
  );
  return list.map(toImageSummary);
}

function portList(ports: Record<string, unknown> | undefined | null): string[] {
  return Object.keys(ports ?? {});
}

export async function inspectImage(ctx: EngineContext, ref: string): Promise<ImageDetails> {
  const info = await ctx.call(`inspect the image ${ref}`, () => ctx.docker.getImage(ref).inspect());
  const config = info.Config ?? ({} as Partial<Docker.ImageInspectInfo['Config']>);
  return {
    id: info.Id,
    shortId: shortImageId(info.Id),
    repoTags: realNames(info.RepoTags),
    repoDigests: realNames(info.RepoDigests),
    created: info.Created,
    size: info.Size,
    architecture: info.Architecture,
    os: info.Os,
    author: info.Author ?? '',
    comment: info.Comment ?? '',
    config: {
      cmd: config.Cmd ?? [],
      entrypoint: asList(config.Entrypoint),
      env: config.Env ?? [],
      exposedPorts: portList(config.ExposedPorts),
      workingDir: config.WorkingDir ?? '',
      labels: config.Labels ?? {},
      user: config.User ?? '',
    },
  };
}

function asList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Turns the engine's record of a step back into the Dockerfile line that made it. The classic
 * builder stores metadata steps as `/bin/sh -c #(nop) CMD …` and RUN steps as `/bin/sh -c …`,
 * prefixed with `|N ARG=… ` when build args were in scope; BuildKit writes `RUN … # buildkit`.
 */
export function describeHistoryStep(createdBy: string): string {
  let text = createdBy.trim();
  text = text.replace(/^\|\d+(?: \S+=\S*)* (?=\/bin\/sh -c )/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*/;
  if (nop.test(text)) return text.replace(nop, '').trim();
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length)}`;
  return text.replace(/ # buildkit$/, '');
}

export async function imageHistory(ctx: EngineContext, ref: string): Promise<ImageLayer[]> {
  const history = (await ctx.call(`read the history of ${ref}`, () =>
    ctx.docker.getImage(ref).history(),
  )) as Array<{
    Id: string;
    Created: number;
    CreatedBy: string;
    Size: number;
    Comment: string;
    Tags: string[] | null;
  }>;
  return history.map((layer) => ({
    id: layer.Id === '<missing>' ? undefined : layer.Id,
    created: layer.Created,
    createdBy: describeHistoryStep(layer.CreatedBy ?? ''),
    createdByRaw: layer.CreatedBy ?? '',
    size: layer.Size,
    comment: layer.Comment ?? '',
    tags: realNames(layer.Tags),
  }));
}

function badReference(text: string, reason: string): EngineError {
  return new EngineError('BadRequest', `"${text}" is not a valid image name: ${reason}.`, reason, undefined);
}

/**
 * `docker tag SOURCE TARGET`. The target is checked first so a bad name gets a reason, not the
 * engine's bare "invalid reference format", and nothing is sent.
 */
export async function tagImage(ctx: EngineContext, source: string, target: string): Promise<void> {
  const parsed = normaliseReference(target);
  if (!parsed.ok) throw badReference(target, parsed.reason);
  if (parsed.digest !== undefined) {
    throw badReference(target, 'a tag cannot include a digest (@sha256:…)');
  }
  await ctx.call(`tag ${source} as ${target}`, () =>
    ctx.docker.getImage(source).tag({ repo: parsed.repository, tag: parsed.tag }),
  );
}

/** Names of the containers (any state) created from this image id. */
export async function containersUsingImage(ctx: EngineContext, imageId: string): Promise<string[]> {
  const containers = await listContainers(ctx, { all: true });
  return containers.filter((c) => c.imageId === imageId).map((c) => c.name);
}

/**
 * `docker rmi`. Without force the engine refuses an image a container uses; its sentence names
 * the container by short id only, so the names are added.
 */
export async function removeImage(
  ctx: EngineContext,
  ref: string,
  options: { force?: boolean; noPrune?: boolean } = {},
): Promise<RemovedImage[]> {
  try {
    const result = (await ctx.call(`remove the image ${ref}`, () =>
      ctx.docker.getImage(ref).remove({ force: options.force ?? false, noprune: options.noPrune ?? false }),
    )) as Array<{ Untagged?: string; Deleted?: string }>;
    return result.flatMap((entry): RemovedImage[] => {
      if (entry.Untagged) return [{ untagged: entry.Untagged }];
      if (entry.Deleted) return [{ deleted: entry.Deleted }];
      return [];
    });
  } catch (error) {
    if (isEngineError(error, 'Conflict')) throw await withContainerNames(ctx, ref, error);
    throw error;
  }
}

async function withContainerNames(ctx: EngineContext, ref: string, error: EngineError): Promise<EngineError> {
  try {
    const image = await ctx.docker.getImage(ref).inspect();
    const names = await containersUsingImage(ctx, image.Id);
    if (names.length === 0) return error;
    const list = names.join(', ');
    return new EngineError(
      'Conflict',
      `${error.message.replace(/\.?$/, '')} (used by ${names.length === 1 ? 'container' : 'containers'} ${list}).`,
      error.detail,
      error.statusCode,
    );
  } catch {
    return error;
  }
}

/**
 * What `docker image prune` would remove: dangling images no container uses. Sizes come from the
 * disk-usage report, which knows how much of each image is shared with others.
 */
export async function previewImagePrune(ctx: EngineContext): Promise<ImagePrunePreview> {
  const usage = (await ctx.call('read disk usage', () => ctx.docker.df())) as {
    Images?: Array<Docker.ImageInfo & { SharedSize: number }> | null;
  };
  const images = (usage.Images ?? [])
    .filter((image) => realNames(image.RepoTags).length === 0 && image.Containers <= 0)
    .map((image) => ({
      id: image.Id,
      shortId: shortImageId(image.Id),
      created: image.Created,
      size: Math.max(0, image.Size - Math.max(0, image.SharedSize)),
    }));
  return { images, totalSize: images.reduce((sum, image) => sum + image.size, 0) };
}

/**
 * Removes exactly the previewed images, not whatever became dangling since: the person confirmed
 * a list. One that was tagged meanwhile is skipped (removing it by id would delete the new tag).
 */
export async function pruneImages(ctx: EngineContext, preview: ImagePrunePreview): Promise<ImagePruneResult> {
  const result: ImagePruneResult = { removed: [], failed: [], spaceReclaimed: 0 };
  for (const image of preview.images) {
    try {
      const current = await inspectImage(ctx, image.id);
      if (current.repoTags.length > 0) {
        throw new EngineError(
          'Conflict',
          `Kept ${image.shortId}: it was tagged ${current.repoTags.join(', ')} after the preview.`,
        );
      }
      await removeImage(ctx, image.id, { force: false });
      result.removed.push(image.id);
      result.spaceReclaimed += image.size;
    } catch (error) {
      if (isEngineError(error, 'NotFound')) continue;
      result.failed.push({ id: image.id, shortId: image.shortId, error: error as EngineError });
    }
  }
  return result;
}
