/**
 * The docker CLI backend for interactive sessions: `docker exec -it …`, `docker run -it …` and
 * `docker attach …` run in a pseudo-terminal (node-pty), pointed at the same engine berth uses.
 * Its bytes feed the same emulator as the API backend; the docker CLI handles the TTY details
 * (raw mode, resize, detach keys) exactly as people know them.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { IPty } from 'node-pty';
import type { Endpoint } from '../engine/connection.js';
import { EngineError } from '../engine/errors.js';
import { execFailureSentence } from '../engine/exec.js';
import { SessionEvents, type TerminalSession } from '../engine/session.js';

/** The docker CLI on PATH, or undefined. */
export function findDockerCli(env: Record<string, string | undefined> = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, 'docker');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}

/** Global CLI arguments and environment that make the docker CLI talk to `endpoint`. */
export function cliTarget(endpoint: Endpoint, env: Record<string, string | undefined>) {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  if (endpoint.context && endpoint.context !== 'default') {
    delete childEnv.DOCKER_HOST;
    return { args: ['--context', endpoint.context], env: childEnv };
  }
  childEnv.DOCKER_HOST = endpoint.url;
  delete childEnv.DOCKER_CONTEXT;
  return { args: [] as string[], env: childEnv };
}

export interface CliSessionOptions {
  docker: string;
  endpoint: Endpoint;
  /** Arguments after the global ones, e.g. `['exec', '-it', ID, 'sh']`. */
  args: string[];
  cols: number;
  rows: number;
  /** What closing sends first: Ctrl-D for a shell, docker's detach keys for attach. */
  closeWith: string;
  /** Names the container in error sentences. */
  containerName: string;
  env?: Record<string, string | undefined>;
}

export async function openCliSession(options: CliSessionOptions): Promise<TerminalSession> {
  // node-pty is native and only needed here: load it on first use, not at start-up.
  const pty = await import('node-pty');
  const target = cliTarget(options.endpoint, options.env ?? process.env);
  const events = new SessionEvents();
  let child: IPty;
  try {
    child = pty.spawn(options.docker, [...target.args, ...options.args], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: process.cwd(),
      env: { ...target.env, TERM: 'xterm-256color' },
      encoding: null,
    } as Parameters<typeof pty.spawn>[2]);
  } catch (error) {
    throw new EngineError(
      'ExecFailed',
      `Could not run the docker CLI (${options.docker}): ${(error as Error).message}`,
    );
  }
  // The CLI prints the runtime's refusal ("executable file not found") and exits 126/127:
  // keep the start of the output to turn it into a sentence.
  let head = '';
  child.onData((data) => {
    const chunk = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as unknown as Uint8Array);
    if (head.length < 4096) head += chunk.toString('utf8');
    events.emitData(chunk, 'stdout');
  });
  child.onExit(({ exitCode }) => {
    if (exitCode === 126 || exitCode === 127) {
      const sentence = execFailureSentence(head, options.containerName);
      if (sentence) events.emitError(new EngineError('ExecFailed', sentence, head.trim()));
    }
    events.emitExit(exitCode);
  });
  let closed = false;
  return {
    id: `cli-${child.pid}`,
    tty: true,
    canWrite: true,
    note: undefined,
    write: (data) => child.write(typeof data === 'string' ? data : data.toString('utf8')),
    resize: async (cols, rows) => {
      if (!events.exited) child.resize(Math.max(2, cols), Math.max(1, rows));
    },
    onData: (l) => events.onData(l),
    onExit: (l) => events.onExit(l),
    onError: (l) => events.onError(l),
    close: async () => {
      if (closed || events.exited) return;
      closed = true;
      child.write(options.closeWith);
      // A full-screen program ignores Ctrl-D: then end the CLI (the process in the container
      // may keep running, as with a dropped `docker exec`).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          try {
            child.kill('SIGHUP');
          } catch {}
          resolve();
        }, 1500);
        events.onExit(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
