/**
 * `p` pull (and the palette's `pull NAME`, `push NAME`): asks for the name, checked with Docker's
 * reference grammar, then shows a progress bar per layer; a pulled image ends up selected.
 */
import { formatReference, normaliseReference } from '../engine/reference.js';
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

function startTransfer(ctx: CommandContext, reference: string, action: 'pull' | 'push') {
  const { model } = ctx;
  const command = cli.shellJoin(['docker', action, reference]);
  const engine = model.engine;
  if (model.readOnly || !engine) {
    const text = model.readOnly
      ? 'berth is in read-only mode: nothing was changed.'
      : 'Not connected to the engine.';
    model.status.show({ kind: 'error', text, command });
    return;
  }
  const task = new PullTask(reference, action);
  ctx.dispatch({ type: 'openOverlay', overlay: { kind: 'pull', title: command, pull: task } });
  const verb = action === 'pull' ? 'Pull' : 'Push';
  model.status.show({ kind: 'progress', text: `${verb}ing ${reference}…`, command });
  void task.run(engine).then(async (ok) => {
    const state = task.store.get();
    if (ok) {
      model.status.show({ kind: 'success', text: `${verb}ed ${reference}.`, command });
      if (action === 'push') return;
      await model.images?.load().catch(() => undefined);
      const found = model.images?.store.get().images.find((i) => i.repoTags.includes(reference));
      ctx.dispatch({ type: 'focus', focus: 'images' });
      if (found) ctx.dispatch({ type: 'select', list: 'images', key: found.id });
    } else if (state.status === 'cancelled') {
      model.status.show({ kind: 'info', text: `${verb} cancelled.`, command });
    } else {
      model.status.show({ kind: 'error', text: engineText(state.error ?? `The ${action} failed.`), command });
    }
  });
}
