/**
 * Sessions through the docker CLI in a pseudo-terminal: the same commands a person would type.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatPortSpec } from '../engine/port-spec.js';
import type { TerminalSession } from '../engine/session.js';
import type { SessionOpener, SessionRequest } from '../state/sessions.js';
import { openCliSession } from './cli-session.js';

const CTRL_D = '\x04';
/** docker's default detach keys: leaves an attached container running. */
const DETACH_KEYS = '\x10\x11';

/**
 * The docker CLI arguments for a request (after the global ones). `cidFile`: where `docker run`
 * writes the id of the container it makes.
 */
export function cliArguments(request: SessionRequest, options: { cidFile?: string } = {}): string[] {
  switch (request.kind) {
    case 'exec':
      return ['exec', '-it', request.containerId, ...request.argv];
    case 'attach':
      return ['attach', request.containerId];
    case 'start-attached':
      return ['start', '-ai', request.containerId];
    case 'run': {
      const run = request.run!;
      return [
        'run',
        '-it',
        ...(options.cidFile ? ['--cidfile', options.cidFile] : []),
        ...(run.remove ? ['--rm'] : []),
        ...(run.name ? ['--name', run.name] : []),
        ...(run.env ?? []).flatMap((entry) => ['-e', entry]),
        ...(run.ports ?? []).flatMap((binding) => ['-p', formatPortSpec(binding)]),
        run.image,
        ...request.argv,
      ];
    }
  }
}

export function cliOpener(docker: string): SessionOpener {
  return async (engine, request, size) => {
    // `docker run` makes its container itself: `--cidfile` is how the CLI tells berth which it is
    // (the list's `»` marker, and `e`/`a` returning to the session, need the id).
    const cidFile = request.kind === 'run' ? containerIdFile() : undefined;
    const args = cliArguments(request, { cidFile: cidFile?.path });
    let session: TerminalSession;
    try {
      session = await openCliSession({
        docker,
        endpoint: engine.endpoint,
        args,
        cols: size.cols,
        rows: size.rows,
        closeWith: request.kind === 'exec' || request.kind === 'run' ? CTRL_D : DETACH_KEYS,
        containerName: request.containerName,
      });
    } catch (error) {
      cidFile?.remove();
      throw error;
    }
    if (!cidFile) return session;
    return Object.assign(session, { madeContainerId: cidFile.read(session) });
  };
}

/** Folders of run sessions still waiting for their container's id: removed if berth quits first. */
const waitingFolders = new Set<string>();
let removeAtExit: (() => void) | undefined;

/** A file for `docker run --cidfile` (which refuses one that exists) in a folder of its own. */
function containerIdFile() {
  const folder = mkdtempSync(path.join(tmpdir(), 'berth-run-'));
  const filePath = path.join(folder, 'container-id');
  waitingFolders.add(folder);
  if (!removeAtExit) {
    removeAtExit = () => {
      for (const waiting of waitingFolders) rmSync(waiting, { recursive: true, force: true });
    };
    process.once('exit', removeAtExit);
  }
  const remove = () => {
    waitingFolders.delete(folder);
    rmSync(folder, { recursive: true, force: true });
  };
  /**
   * The id once the CLI has written it, however long a pull before it takes; undefined when the
   * session ends without one. The folder is removed then.
   */
  const read = async (session: TerminalSession): Promise<string | undefined> => {
    let ended = false;
    const stop = session.onExit(() => {
      ended = true;
    });
    try {
      for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
        const id = await readFile(filePath, 'utf8').then(
          (text) => text.trim(),
          () => '',
        );
        // The CLI creates the file, then writes the id: an empty file is not the answer yet.
        if (id) return id;
        if (ended) return undefined;
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    } finally {
      stop();
      remove();
    }
  };
  return { path: filePath, read, remove };
}
