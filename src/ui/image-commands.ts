/**
 * The image actions that ask first: `t` tag, `c` commit a container (with an optional new CMD);
 * and what build-commands.ts, transfer-commands.ts and run-commands.ts share. Every name
 * is checked with Docker's reference grammar before anything reaches the engine, and each action
 * shows the docker command it stands for; the new image ends up selected.
 */
import type { Engine, ImageSummary } from '../engine/engine.js';
import { EngineError } from '../engine/errors.js';
import { formatReference, normaliseReference } from '../engine/reference.js';
import type { ContainerEntry } from '../state/containers-store.js';
import { sanitizeForTerminal } from '../terminal/sanitize.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';

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
