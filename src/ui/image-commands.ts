/**
 * The image actions that ask first: `t` tag, `d` remove a name or the image, `c` commit a
 * container (with an optional new CMD); and what build-commands.ts, transfer-commands.ts and
 * run-commands.ts share. Every name is checked with Docker's reference grammar before anything
 * reaches the engine, and each action shows the docker command it stands for; the new image
 * ends up selected.
 */
import type { Engine, ImageSummary } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { formatReference, normaliseReference } from '../engine/reference.js';
import type { ContainerEntry } from '../state/containers-store.js';
import { sanitizeForTerminal } from '../terminal/sanitize.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';
import { counted } from './format/plural.js';
import { humanSize } from './format/size.js';

export type ReferenceCheck =
  | { ok: true; reference: string; repository: string; tag: string }
  | { ok: false; reason: string };

/** A name typed for a new image, checked and normalised (`app` → `app:latest`). Pure. */
export function checkNewReference(text: string): ReferenceCheck {
  const typed = text.trim();
  if (typed === '') return { ok: false, reason: 'Type a name such as myapp:1.0, or Esc to cancel.' };
  const parsed = normaliseReference(typed);
  if (!parsed.ok) return { ok: false, reason: `"${typed}" is not a valid image name: ${parsed.reason}.` };
  if (parsed.digest !== undefined)
    return { ok: false, reason: `"${typed}" cannot be used as a tag: it includes a digest (@sha256:…).` };
  return {
    ok: true,
    reference: formatReference(parsed),
    repository: parsed.repository,
    tag: parsed.tag ?? 'latest',
  };
}

export type CmdCheck = { ok: true; argv: string[] | undefined } | { ok: false; reason: string };

/**
 * A new CMD as docker commit's `-c` takes it: a JSON array (`["echo","hi"]`, exec form) or a
 * command line (shell form, run as `/bin/sh -c LINE` like a Dockerfile's `CMD echo hi`).
 * Empty keeps the container's own CMD. Pure.
 */
export function parseCmd(text: string): CmdCheck {
  const line = text.trim();
  if (line === '') return { ok: true, argv: undefined };
  if (line.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, reason: 'That is not a valid JSON array: write it as ["echo","hi"].' };
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
      return { ok: false, reason: 'The exec form must be a JSON array of strings, e.g. ["echo","hi"].' };
    if (value.length === 0) return { ok: false, reason: 'The array is empty: give at least the program.' };
    return { ok: true, argv: value as string[] };
  }
  return { ok: true, argv: ['/bin/sh', '-c', line] };
}

/** A failure sentence for the status line: a registry or a build's output may have written part of it. */
export function engineText(text: string): string {
  return sanitizeForTerminal(text, { keepColors: false }).replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Runs one engine call with its progress and outcome on the status line; undefined on failure. */
export async function runImageCall<T>(
  ctx: CommandContext,
  command: string,
  progress: string,
  call: (engine: Engine) => Promise<T>,
  done: (result: T) => string,
): Promise<T | undefined> {
  const { model } = ctx;
  const engine = model.engineForChange(command);
  if (!engine) return undefined;
  model.status.show({ kind: 'progress', text: progress, command });
  try {
    const result = await call(engine);
    model.status.show({ kind: 'success', text: done(result), command });
    return result;
  } catch (error) {
    const text = engineText(error instanceof EngineError ? error.message : String(error));
    model.status.show({ kind: 'error', text, command });
    return undefined;
  }
}

/** Re-reads the images list and selects the image with `id` (a full or short id) in it. */
export async function selectImage(ctx: CommandContext, id: string): Promise<void> {
  await ctx.model.images?.load().catch(() => undefined);
  const hex = id.replace(/^sha256:/, '');
  const found = ctx.model.images?.store
    .get()
    .images.find((i) => i.id.replace(/^sha256:/, '').startsWith(hex));
  ctx.dispatch({ type: 'select', list: 'images', key: found?.id ?? id });
}

function imageLabel(image: ImageSummary): string {
  return image.repoTags[0] ?? image.shortId;
}

/** `t` on an image: asks for the new name, refuses an invalid one, then `docker tag`. */
export function askTag(ctx: CommandContext, image: ImageSummary) {
  const source = imageLabel(image);
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `Tag ${source}`,
      label: 'New name, repository[:tag], e.g. myapp:1.0 (no tag means latest)',
      onSubmit: (text) => {
        const checked = checkNewReference(text);
        if (!checked.ok) return checked.reason;
        const command = cli.dockerTag(source, checked.reference);
        void runImageCall(
          ctx,
          command,
          `Tagging ${source} as ${checked.reference}…`,
          (e) => e.tagImage(image.id, checked.reference),
          () => `Tagged ${source} as ${checked.reference}.`,
        ).then((ok) => {
          if (ok !== undefined) void selectImage(ctx, image.id);
        });
        return undefined;
      },
    },
  });
}

/** The remove menu's entry for the image itself: no image name can be `*`. */
const WHOLE_IMAGE = '*';

/**
 * `d` on an image. Under several names it first asks which goes, the name the list shows
 * highlighted: one name (`docker rmi NAME` untags it, the image stays under the others), or the
 * image itself by ID with all its names. An image with one name or none goes straight to the
 * confirmation.
 */
export async function askRemoveImage(ctx: CommandContext, listed: ImageSummary) {
  // Its names as the engine has them now: a `t` a moment ago may not have reached the list yet.
  const details = await ctx.actions.preview((e) => e.inspectImage(listed.id));
  if (!details) return;
  // The name the list shows comes first, so Enter takes it.
  const shown = listed.repoTags.filter((tag) => details.repoTags.includes(tag)).slice(0, 1);
  const tags = [...shown, ...details.repoTags.filter((tag) => !shown.includes(tag))];
  const image = { ...listed, repoTags: tags };
  if (tags.length <= 1) return confirmRemoveImage(ctx, image);
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'menu',
      title: `Remove which name of ${image.shortId}?`,
      items: [
        ...tags.map((tag) => ({ label: tag, value: tag, hint: 'this name only; the image stays' })),
        { label: image.shortId, value: WHOLE_IMAGE, hint: `the image, with all ${tags.length} names (-f)` },
      ],
      onPick: (value) =>
        value === WHOLE_IMAGE ? void confirmRemoveImage(ctx, image) : confirmUntag(ctx, image, value),
    },
  });
}

/** Removing one of an image's names: the image, its other names and its containers stay. */
function confirmUntag(ctx: CommandContext, image: ImageSummary, tag: string) {
  const others = image.repoTags.filter((t) => t !== tag);
  const command = cli.dockerRmi(tag);
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'confirm',
      title: `Remove ${tag}?`,
      lines: [
        `Removes the tag ${tag}; the image stays under its ${counted(others.length, 'other tag')} (${others.join(', ')}).`,
        'Containers using the image are not affected.',
        `Equivalent: ${command}`,
      ],
      yesLabel: 'remove',
      tone: 'danger',
      onYes: () => void ctx.actions.removeImage({ id: tag, label: tag }, false, command),
    },
  });
}

/**
 * Removing the image itself, by ID: its layers that no other image uses go too. Under several
 * names the engine wants force for that, so force is on and stays on.
 */
async function confirmRemoveImage(ctx: CommandContext, image: ImageSummary) {
  const users = (await ctx.actions.preview((e) => e.containersUsingImage(image.id))) ?? [];
  const tags = image.repoTags;
  const several = tags.length > 1;
  const label = several ? image.shortId : (tags[0] ?? image.shortId);
  const usedBy = `Used by ${users.join(', ')}`;
  const lines = several
    ? [
        `Removes all ${tags.length} names (${tags.join(', ')}), then deletes ${image.shortId} (${humanSize(image.size)}) and the layers no other image uses.`,
        'By ID under more than one name, docker rmi needs force (-f).',
        users.length > 0
          ? `${usedBy}: force deletes it from under a stopped container; a running one makes the engine refuse.`
          : 'No container uses it.',
      ]
    : [
        `Deletes ${image.shortId} (${humanSize(image.size)}) and the layers no other image uses.`,
        users.length > 0
          ? `${usedBy}: without force the engine refuses; with it, a running container still makes it refuse.`
          : 'No container uses it.',
      ];
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'confirm',
      title: several ? `Remove ${image.shortId} and all its names?` : `Remove ${label}?`,
      lines,
      yesLabel: 'remove',
      tone: 'danger',
      toggles: [
        several
          ? { key: 'f', label: 'force (-f), needed for an image under several names', on: true, locked: true }
          : { key: 'f', label: 'force', on: false },
      ],
      onYes: (toggles) => {
        const force = toggles.f ?? false;
        const command = cli.dockerRmi(several ? image.shortId : label, { force });
        void ctx.actions.removeImage({ id: image.id, label }, force, command);
      },
    },
  });
}

/** `c` on a container: asks for repo:tag, then an optional new CMD, then `docker commit`. */
export function askCommit(ctx: CommandContext, c: ContainerEntry) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `Commit ${c.name} to a new image`,
      label: 'Image name, repository[:tag], e.g. myapp:snapshot (no tag means latest)',
      onSubmit: (text) => {
        const checked = checkNewReference(text);
        if (!checked.ok) return checked.reason;
        askCommitCmd(ctx, c, checked);
        return undefined;
      },
    },
  });
}

function askCommitCmd(ctx: CommandContext, c: ContainerEntry, name: Extract<ReferenceCheck, { ok: true }>) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `Commit ${c.name} as ${name.reference}`,
      label: `New CMD: ["echo","hi"] or echo hi (runs in /bin/sh -c); empty keeps ${c.name}'s`,
      onSubmit: (text) => {
        const cmd = parseCmd(text);
        if (!cmd.ok) return cmd.reason;
        const command = cli.dockerCommit(c.name, name.reference, { cmd: cmd.argv });
        void runImageCall(
          ctx,
          command,
          `Committing ${c.name} as ${name.reference}…`,
          (e) =>
            e.commitContainer(c.id, {
              repository: name.repository,
              tag: name.tag,
              changes: cmd.argv ? [`CMD ${JSON.stringify(cmd.argv)}`] : undefined,
            }),
          (id) => `Committed ${c.name} as ${name.reference} (${id.replace(/^sha256:/, '').slice(0, 12)}).`,
        ).then((id) => {
          if (id === undefined) return;
          ctx.dispatch({ type: 'focus', focus: 'images' });
          void selectImage(ctx, id);
        });
        return undefined;
      },
    },
  });
}
