/**
 * `R` run and `C` create on an image, and the palette's `run IMAGE [CMD…]` and
 * `create IMAGE [CMD…]`: the command (split into argv, no shell), then a name with `-e` and
 * `-p` (and `--rm` for run), then for run interactive or detached. Every answer is checked before
 * the engine is asked; an image that is not here is offered for a pull first, and the run goes
 * on once it has arrived. Each step shows the docker command it stands for.
 */
import type { ImageSummary } from '../engine/engine.js';
import { EngineError, isEngineError } from '../engine/errors.js';
import { formatReference, normaliseReference } from '../engine/reference.js';
import { splitCommand } from '../terminal/argv.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';
import { engineText, runImageCall } from './image-commands.js';
import { parseRunOptions, portFlags, type RunOptions } from './run-options.js';
import { openSession } from './session-commands.js';
import { registryOf, startTransfer } from './transfer-commands.js';

export type RunVerb = 'run' | 'create';

const PAST: Record<RunVerb, string> = { run: 'run', create: 'created' };

function imageRef(image: ImageSummary): string {
  return image.repoTags[0] ?? image.shortId;
}

/** `R` on an image: the command, the options, then interactive or detached. */
export function askRun(ctx: CommandContext, image: ImageSummary) {
  askCommand(ctx, 'run', imageRef(image));
}

/** `C` on an image: the command and the options, then `docker create`. */
export function askCreate(ctx: CommandContext, image: ImageSummary) {
  askCommand(ctx, 'create', imageRef(image));
}

/**
 * The palette's `run IMAGE [CMD…]` and `create IMAGE [CMD…]` (`text` is what follows the word):
 * the image is checked, pulled if it is not here and the person agrees, then the options.
 */
export function runFromPalette(ctx: CommandContext, verb: RunVerb, text: string) {
  const { status } = ctx.model;
  const split = splitCommand(text);
  if (!split.ok)
    return status.show({ kind: 'error', text: `That cannot be split into words: ${split.reason}.` });
  const [typed, ...argv] = split.argv;
  if (typed === undefined) return;
  const known = localImage(ctx, typed);
  if (known) return askOptions(ctx, verb, imageRef(known), argv);
  const parsed = normaliseReference(typed);
  if (!parsed.ok)
    return status.show({ kind: 'error', text: `"${typed}" is not a valid image name: ${parsed.reason}.` });
  withImage(ctx, verb, formatReference(parsed), () => askOptions(ctx, verb, formatReference(parsed), argv));
}

/** The listed image `typed` names: one of its tags, or an unambiguous prefix of its id. */
function localImage(ctx: CommandContext, typed: string): ImageSummary | undefined {
  const images = ctx.model.images?.store.get().images ?? [];
  const parsed = normaliseReference(typed);
  const reference = parsed.ok ? formatReference(parsed) : typed;
  const tagged = images.find((i) => i.repoTags.includes(reference));
  if (tagged) return tagged;
  const hex = typed.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{4,64}$/.test(hex)) return undefined;
  const byId = images.filter((i) => i.id.replace(/^sha256:/, '').startsWith(hex));
  return byId.length === 1 ? byId[0] : undefined;
}

/** Goes on with `next` when the engine has `reference`; otherwise offers to pull it first. */
function withImage(ctx: CommandContext, verb: RunVerb, reference: string, next: () => void) {
  const { model } = ctx;
  const engine = model.engine;
  if (!engine) return model.status.show({ kind: 'error', text: 'Not connected to the engine.' });
  engine.inspectImage(reference).then(
    () => next(),
    (error: unknown) => {
      if (isEngineError(error, 'NotFound')) return offerPull(ctx, verb, reference, next);
      const text = error instanceof EngineError ? error.message : String(error);
      model.status.show({ kind: 'error', text: engineText(text) });
    },
  );
}

/**
 * Asks to pull an image the engine does not have. Enter says yes: a pull adds an image and
 * changes or removes nothing, and it is what `docker run` itself would do without asking.
 */
function offerPull(ctx: CommandContext, verb: RunVerb, reference: string, next: () => void) {
  const command = cli.shellJoin(['docker', 'pull', reference]);
  // Stays on the status line if the person says no.
  ctx.model.status.show({
    kind: 'info',
    text: `${reference} is not on this engine: nothing was ${PAST[verb]}.`,
    command,
  });
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'confirm',
      title: `${reference} is not on this engine. Pull it?`,
      lines: [
        `berth pulls it from ${registryOf(reference)} (a progress bar per layer),`,
        `then goes on to ${verb} a container from it.`,
        `Equivalent: ${command}`,
      ],
      yesLabel: 'pull',
      tone: 'normal',
      defaultYes: true,
      onYes: () =>
        startTransfer(ctx, reference, 'pull', {
          label: `goes on to ${verb}`,
          next,
          otherwise: `Nothing was ${PAST[verb]}.`,
        }),
    },
  });
}

function askCommand(ctx: CommandContext, verb: RunVerb, ref: string) {
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: verb === 'run' ? `Run ${ref}` : `Create a container from ${ref}`,
      label: "Command (empty: the image's default CMD); split into words, no shell runs it",
      onSubmit: (text) => {
        const split = splitCommand(text);
        if (!split.ok) return `That command cannot be split: ${split.reason}.`;
        askOptions(ctx, verb, ref, split.argv);
        return undefined;
      },
    },
  });
}

function askOptions(ctx: CommandContext, verb: RunVerb, ref: string, argv: string[]) {
  const run = verb === 'run';
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `${run ? 'Run' : 'Create'} ${ref}${argv.length ? ` ${cli.shellJoin(argv)}` : ''}`,
      label: `Optional: NAME, -e KEY=VALUE, -p [IP:]HOST:CONTAINER (both repeat)${run ? ', --rm' : ''}`,
      // `--rm` is offered, and can be deleted: a container kept after it exits can be committed.
      initial: run ? '--rm' : undefined,
      onSubmit: (text) => {
        const parsed = parseRunOptions(text, { allowRemove: run });
        if (!parsed.ok) return parsed.reason;
        if (run) askMode(ctx, ref, argv, parsed.options);
        else create(ctx, ref, argv, parsed.options);
        return undefined;
      },
    },
  });
}

function commandOptions(argv: string[], options: RunOptions) {
  return { command: argv, name: options.name, env: options.env, ports: portFlags(options) };
}

function spec(ref: string, argv: string[], options: RunOptions) {
  return { image: ref, cmd: argv, name: options.name, env: options.env, ports: options.ports };
}

function create(ctx: CommandContext, ref: string, argv: string[], options: RunOptions) {
  const command = cli.dockerCreate(ref, commandOptions(argv, options));
  void runImageCall(
    ctx,
    command,
    `Creating a container from ${ref}…`,
    (e) => e.createContainer(spec(ref, argv, options)),
    (id) => `Created ${options.name ?? id.slice(0, 12)} from ${ref}; S starts it.`,
  ).then((id) => {
    if (id === undefined) return;
    // A created container shows only in the list of all containers.
    if (!ctx.state.showAll) ctx.dispatch({ type: 'toggleAll' });
    selectContainer(ctx, id);
  });
}

function selectContainer(ctx: CommandContext, id: string) {
  ctx.dispatch({ type: 'focus', focus: 'containers' });
  ctx.dispatch({ type: 'select', list: 'containers', key: id });
}

function askMode(ctx: CommandContext, ref: string, argv: string[], options: RunOptions) {
  const base = { ...commandOptions(argv, options), remove: options.remove };
  const interactive = cli.dockerRun(ref, { ...base, interactive: true, tty: true });
  const detached = cli.dockerRun(ref, { ...base, detach: true });
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'menu',
      title: `Run ${ref}${argv.length ? ` ${cli.shellJoin(argv)}` : ''}`,
      items: [
        { label: 'interactive', value: 'it', hint: `${interactive}  (terminal pane)` },
        { label: 'detached', value: 'd', hint: detached },
      ],
      onPick: (mode) => {
        if (mode === 'it') runInteractive(ctx, ref, argv, options, interactive);
        else runDetached(ctx, ref, argv, options, detached);
      },
    },
  });
}

function runDetached(ctx: CommandContext, ref: string, argv: string[], options: RunOptions, command: string) {
  void runImageCall(
    ctx,
    command,
    `Starting a container from ${ref}…`,
    (e) => e.runContainer({ ...spec(ref, argv, options), autoRemove: options.remove }),
    (id) => `Started ${options.name ?? id.slice(0, 12)} from ${ref}.`,
  ).then((id) => {
    if (id !== undefined) selectContainer(ctx, id);
  });
}

function runInteractive(
  ctx: CommandContext,
  ref: string,
  argv: string[],
  options: RunOptions,
  command: string,
) {
  const { name, env, ports, remove } = options;
  openSession(ctx, {
    kind: 'run',
    containerId: '',
    containerName: name ?? ref,
    argv,
    run: { image: ref, remove, name, env, ports },
    command,
  });
}
