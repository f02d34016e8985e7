/**
 * The actions that open interactive sessions: `e` exec sh, `E` exec a typed command, `a` attach,
 * `S` on a stopped container (start, or start attached); run-commands.ts opens `run -it` here.
 * Each names the docker command it stands for, and refuses with a sentence when it cannot work.
 */
import type { ContainerEntry } from '../state/containers-store.js';
import type { SessionKind, SessionRequest } from '../state/sessions.js';
import { splitCommand } from '../terminal/argv.js';
import type { CommandContext } from './commands.js';
import * as cli from './format/docker-command.js';

/** Opens a session in the terminal pane and says how to get back to the lists. */
export function openSession(ctx: CommandContext, request: SessionRequest) {
  const engine = ctx.model.engine;
  if (!engine) return;
  ctx.model.status.show({ kind: 'info', text: `Opening ${request.command}…`, command: request.command });
  void ctx.sessions.open(engine, request, ctx.terminalSize).then(() => {
    ctx.model.status.show({
      kind: 'info',
      text: 'Ctrl-P Ctrl-Q returns to the lists, leaving it running.',
      command: request.command,
    });
  });
}

function isRunning(c: ContainerEntry) {
  return c.state === 'running' || c.state === 'restarting';
}

function refuseUnlessRunning(ctx: CommandContext, c: ContainerEntry, what: string): boolean {
  if (c.state === 'paused') {
    ctx.model.status.show({ kind: 'error', text: `${c.name} is paused: unpause it (p) before you ${what}.` });
    return true;
  }
  if (!isRunning(c)) {
    ctx.model.status.show({
      kind: 'error',
      text: `${c.name} is not running (${c.state}): start it (S) before you ${what}.`,
    });
    return true;
  }
  return false;
}

/**
 * The sessions `e` returns to: its own shell, else a `run -it` or `start -ai` (detaching one
 * says `e` returns). Not an attach: detaching that says `a`, and `e` opens the shell it offers.
 */
const EXEC_RETURNS_TO: readonly SessionKind[] = ['exec', 'run', 'start-attached'];

/**
 * The sessions `a` returns to: every one on the container's main process. A `run -it` or
 * `start -ai` session already holds it, so a second `docker attach` would only share its input.
 */
const ATTACH_RETURNS_TO: readonly SessionKind[] = ['attach', 'run', 'start-attached'];

/** `e`: sh in the container, or back to the session already open there. */
export function execShell(ctx: CommandContext, c: ContainerEntry) {
  const live = ctx.sessions.liveFor(c.id, EXEC_RETURNS_TO);
  if (live) return ctx.sessions.show(live.key);
  if (refuseUnlessRunning(ctx, c, 'exec into it')) return;
  execCommand(ctx, c, ['sh']);
}

function execCommand(ctx: CommandContext, c: ContainerEntry, argv: string[]) {
  openSession(ctx, {
    kind: 'exec',
    containerId: c.id,
    containerName: c.name,
    argv,
    command: cli.dockerExec(c.name, argv, { interactive: true, tty: true }),
  });
}

/** `E`: asks for a command, split into argv without a shell. */
export function askExecCommand(ctx: CommandContext, c: ContainerEntry) {
  if (refuseUnlessRunning(ctx, c, 'exec into it')) return;
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'prompt',
      title: `Run a command in ${c.name}`,
      label: 'Command, e.g. redis-cli or ls -la / (split into words like a shell would; no shell runs it)',
      onSubmit: (text) => {
        const split = splitCommand(text);
        if (!split.ok) return `That command cannot be split: ${split.reason}.`;
        if (split.argv.length === 0) return 'Type a command, or Esc to cancel.';
        execCommand(ctx, c, split.argv);
        return undefined;
      },
    },
  });
}

/** `a`: the container's main process, like `docker attach`, or back to a session already on it. */
export function attach(ctx: CommandContext, c: ContainerEntry) {
  const live = ctx.sessions.liveFor(c.id, ATTACH_RETURNS_TO);
  if (live) return ctx.sessions.show(live.key);
  if (refuseUnlessRunning(ctx, c, 'attach to it')) return;
  openSession(ctx, {
    kind: 'attach',
    containerId: c.id,
    containerName: c.name,
    argv: [],
    command: cli.dockerAttach(c.name),
  });
}

/** `S` on a stopped container: start it, or start it attached (`docker start -ai`). */
export function offerStart(ctx: CommandContext, c: ContainerEntry, start: () => void) {
  if (isRunning(c) || c.state === 'paused') return start();
  ctx.dispatch({
    type: 'openOverlay',
    overlay: {
      kind: 'menu',
      title: `Start ${c.name}`,
      items: [
        { label: 'start', value: 'start', hint: cli.dockerStart(c.name) },
        {
          label: 'start attached',
          value: 'attached',
          hint: `${cli.dockerStart(c.name, { attach: true, interactive: true })} (in a terminal pane)`,
        },
      ],
      onPick: (value) => {
        if (value === 'start') return start();
        openSession(ctx, {
          kind: 'start-attached',
          containerId: c.id,
          containerName: c.name,
          argv: [],
          command: cli.dockerStart(c.name, { attach: true, interactive: true }),
        });
      },
    },
  });
}
