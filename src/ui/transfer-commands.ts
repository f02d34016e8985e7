/**
 * `p` pull, `u` push the selected image (and the palette's `pull NAME`, `push NAME`): the name is
 * checked with Docker's reference grammar, then a view shows a progress bar per layer; a pulled
 * image ends up selected. Run and create use the pull here for an image that is not present.
 */
import type { ImageSummary } from '../engine/engine.js';
import { formatReference, normaliseReference, parseReference } from '../engine/reference.js';
import { PullTask } from '../state/pull-model.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';
import { engineText } from './image-commands.js';

/** `p` on the images list (or `pull` in the palette): asks for a name, then pulls it in a view. */
export function askPull(ctx: CommandContext, initial?: string) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: 'Pull an image',
      label: 'Name, e.g. busybox:1.36 or 127.0.0.1:5000/team/app:1 (no tag means latest)',
      initial,
      onSubmit: (text) => {
        const typed = text.trim();
        if (typed === '') return 'Type a name such as busybox:1.36, or Esc to cancel.';
        const parsed = normaliseReference(typed);
        if (!parsed.ok) return `"${typed}" is not a valid image name: ${parsed.reason}.`;
        startTransfer(ctx, formatReference(parsed), 'pull');
        return undefined;
      },
    },
  });
}

/** `push NAME` in the palette: asks to confirm the name (filled in), then pushes it in a view. */
export function askPush(ctx: CommandContext, initial?: string) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: 'Push an image',
      label:
        'Name with the registry, e.g. 127.0.0.1:5000/team/app:1 (credentials from ~/.docker/config.json)',
      initial,
      onSubmit: (text) => {
        const typed = text.trim();
        if (typed === '') return 'Type the name to push, or Esc to cancel.';
        const parsed = normaliseReference(typed);
        if (!parsed.ok) return `"${typed}" is not a valid image name: ${parsed.reason}.`;
        startTransfer(ctx, formatReference(parsed), 'push');
        return undefined;
      },
    },
  });
}

/** Where a name is pushed to or pulled from, for people: `127.0.0.1:5000`, `Docker Hub (docker.io)`. */
export function registryOf(reference: string): string {
  const parsed = parseReference(reference);
  return (parsed.ok && parsed.domain) || 'Docker Hub (docker.io)';
}

/** `u` on an image: asks which of its names to push (the registry is part of the name). */
export function askPushImage(ctx: CommandContext, image: ImageSummary) {
  if (image.repoTags.length === 0) {
    ctx.model.status.show({
      kind: 'error',
      text: `${image.shortId} has no name to push under: tag it first (t), e.g. as 127.0.0.1:5000/team/app:1, then push that name.`,
    });
    return;
  }
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'menu',
      title: `Push ${image.shortId}: which name?`,
      note: 'Credentials from ~/.docker/config.json, as docker push finds them.',
      items: image.repoTags.map((tag) => ({ label: tag, value: tag, hint: `to ${registryOf(tag)}` })),
      onPick: (tag) => startTransfer(ctx, tag, 'push'),
    },
  });
}

/** What happens after a pull that another action asked for (run or create a missing image). */
export interface PullContinuation {
  /** Enter on the finished pull: `goes on to run`. */
  label: string;
  /** Runs once the image is here and the person pressed Enter. */
  next: () => void;
  /** Ends the failure sentence: `Nothing was run.` */
  otherwise: string;
}

/** Starts a pull or a push in its view; `then` continues once a pull has brought the image. */
export function startTransfer(
  ctx: CommandContext,
  reference: string,
  action: 'pull' | 'push',
  then?: PullContinuation,
) {
  const { model } = ctx;
  const command = cli.shellJoin(['docker', action, reference]);
  const engine = model.engineForChange(command);
  if (!engine) return;
  const task = new PullTask(reference, action);
  // The view stays at its end until Enter, so a fast pull's layers are seen before the run goes on.
  ctx.dispatch({ type: 'openOverlay', overlay: { kind: 'pull', title: command, pull: task, then } });
  const verb = action === 'pull' ? 'Pull' : 'Push';
  model.status.show({ kind: 'progress', text: `${verb}ing ${reference}…`, command });
  void task.run(engine).then(async (ok) => {
    const state = task.store.get();
    if (ok) {
      const next = then ? ` Enter ${then.label}.` : '';
      model.status.show({ kind: 'success', text: `${verb}ed ${reference}.${next}`, command });
      if (action === 'push') return;
      await model.images?.load().catch(() => undefined);
      if (then) return;
      const found = model.images?.store.get().images.find((i) => i.repoTags.includes(reference));
      ctx.dispatch({ type: 'focus', focus: 'images' });
      if (found) ctx.dispatch({ type: 'select', list: 'images', key: found.id });
    } else if (state.status === 'cancelled') {
      model.status.show({
        kind: 'info',
        text: `${verb} cancelled.${then ? ` ${then.otherwise}` : ''}`,
        command,
      });
    } else {
      const text = engineText(state.error ?? `The ${action} failed.`);
      model.status.show({ kind: 'error', text: then ? `${text} ${then.otherwise}` : text, command });
    }
  });
}
