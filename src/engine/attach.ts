/**
 * Attaching to a container's main process (`docker attach`), and starting a container attached
 * (`docker start -a`). Same session shape as exec; closing detaches and leaves the container
 * running (no Ctrl-D here: that would end the container's own shell).
 */
import type { Socket } from 'node:net';
import type Docker from 'dockerode';
import type { EngineContext } from './client.js';
import { inspectJson } from './containers.js';
import { FrameDemuxer, STDERR } from './demux.js';
import { classifyError, EngineError } from './errors.js';
import { SessionEvents, type TerminalSession } from './session.js';

export interface AttachOptions {
  cols: number;
  rows: number;
}

/** How long to wait for the exit code once the attach stream ended on its own. */
const EXIT_CODE_WAIT_MS = 5000;

function displayName(info: Docker.ContainerInspectInfo): string {
  return info.Name.replace(/^\//, '') || info.Id.slice(0, 12);
}

async function inspect(context: EngineContext, containerId: string, action: string) {
  return context.call(action, () => inspectJson(context, containerId));
}

/** The container's exit code after its output ended, or null if it is still running after all. */
async function exitCodeAfterEnd(container: Docker.Container): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), EXIT_CODE_WAIT_MS);
  });
  const waited = container
    .wait({ condition: 'not-running' })
    .then((result: { StatusCode?: number }) => result.StatusCode ?? null)
    .catch(() => null);
  const code = await Promise.race([waited, timeout]);
  clearTimeout(timer);
  return code;
}

interface Attached {
  socket: Socket;
  info: Docker.ContainerInspectInfo;
  canWrite: boolean;
  note: string | undefined;
}

async function openAttachStream(
  context: EngineContext,
  info: Docker.ContainerInspectInfo,
  action: string,
): Promise<Attached> {
  const name = displayName(info);
  const canWrite = info.Config.OpenStdin === true;
  const note = canWrite ? undefined : `${name} was started without -i: input is not forwarded.`;
  const container = context.docker.getContainer(info.Id);
  const socket = (await context.call(action, () =>
    container.attach({ stream: true, stdin: canWrite, stdout: true, stderr: true, hijack: true }),
  )) as Socket;
  socket.setNoDelay(true);
  return { socket, info, canWrite, note };
}

function makeSession(context: EngineContext, attached: Attached, action: string): TerminalSession {
  const { socket, info, canWrite, note } = attached;
  const tty = info.Config.Tty === true;
  const container = context.docker.getContainer(info.Id);
  const events = new SessionEvents();
  let detached = false;

  if (tty) {
    socket.on('data', (chunk: Buffer) => events.emitData(chunk, 'stdout'));
  } else {
    const demuxer = new FrameDemuxer((kind, payload) =>
      events.emitData(payload, kind === STDERR ? 'stderr' : 'stdout'),
    );
    socket.on('data', (chunk: Buffer) => demuxer.push(chunk));
  }
  socket.on('error', (error) => {
    if (!detached) events.emitError(classifyError(error, { endpoint: context.endpoint.url, action }));
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  closed.then(async () => {
    events.emitExit(detached ? null : await exitCodeAfterEnd(container));
  });

  return {
    id: info.Id,
    tty,
    canWrite,
    note,
    write(data) {
      if (canWrite && socket.writable) socket.write(data);
    },
    async resize(cols, rows) {
      // Without a TTY there is no terminal size to change.
      if (!tty) return;
      await context.call(`resize the terminal of ${displayName(info)}`, () =>
        container.resize({ w: cols, h: rows }),
      );
    },
    onData: (listener) => events.onData(listener),
    onExit: (listener) => events.onExit(listener),
    onError: (listener) => events.onError(listener),
    async close() {
      detached = true;
      if (socket.destroyed) return closed;
      // Ending our side makes the engine end the attach; without stdin it may not notice, so destroy after a moment.
      if (canWrite) socket.end();
      const timer = setTimeout(() => socket.destroy(), canWrite ? 1000 : 0);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Attaches to a running container's main process, like `docker attach`. */
export async function attachContainer(
  context: EngineContext,
  containerId: string,
  options: AttachOptions,
): Promise<TerminalSession> {
  const action = `attach to ${containerId}`;
  const info = await inspect(context, containerId, action);
  if (!info.State.Running) {
    throw new EngineError(
      'Conflict',
      `Could not attach to ${displayName(info)}: the container is not running. Start it (or start it attached) first.`,
      `container state: ${info.State.Status}`,
      409,
    );
  }
  const session = makeSession(context, await openAttachStream(context, info, action), action);
  await session.resize(options.cols, options.rows).catch(() => undefined);
  return session;
}

/**
 * Starts a container with its output attached, like `docker start -a`: attaching first means no
 * early output is lost. Exit codes come from waiting on the container. A container that is
 * already running is simply attached to, as the docker CLI does.
 */
export async function startAttached(
  context: EngineContext,
  containerId: string,
  options: AttachOptions,
): Promise<TerminalSession> {
  const action = `start ${containerId} attached`;
  const info = await inspect(context, containerId, action);
  if (info.State.Running) return attachContainer(context, containerId, options);
  const attached = await openAttachStream(context, info, action);
  const session = makeSession(context, attached, action);
  try {
    await context.call(`start ${displayName(info)}`, () => context.docker.getContainer(info.Id).start());
  } catch (error) {
    attached.socket.destroy();
    throw error;
  }
  await session.resize(options.cols, options.rows).catch(() => undefined);
  return session;
}
