/**
 * Running commands inside a container: `runExec` collects the output of a command that runs to
 * the end (like `docker exec web ls`); `openExecSession` gives an interactive TTY (like
 * `docker exec -it web sh`) through the API's hijacked connection.
 */
import type { Socket } from 'node:net';
import type Docker from 'dockerode';
import type { EngineContext } from './client.js';
import { FrameDemuxer, STDERR } from './demux.js';
import { classifyError, EngineError } from './errors.js';
import { SessionEvents, type TerminalSession } from './session.js';

export interface ExecOptions {
  env?: Record<string, string>;
  workingDir?: string;
  /** `user`, `uid`, or `user:group`, as for `docker exec -u`. */
  user?: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ExecSessionOptions extends ExecOptions {
  cols: number;
  rows: number;
}

/**
 * How engine 20.10 reports a command the runtime could not start: not as an HTTP error but as
 * the process's output (stdout, or the TTY), with exit code 126 (or 127), e.g.
 * `OCI runtime exec failed: exec failed: …: exec: "nosuchcmd": executable file not found in $PATH: unknown`.
 */
const RUNTIME_FAILURE = /OCI runtime exec failed|exec failed:/;
const RUNTIME_FAILURE_CODES = new Set([126, 127]);

/** The docker CLI form of the command, for sentences: `sh -c 'echo hi'`. */
export function commandText(argv: string[]): string {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** Turns the runtime's message into a sentence; undefined when the output is not such a failure. */
export function execFailureSentence(output: string, container: string): string | undefined {
  const start = output.search(RUNTIME_FAILURE);
  if (start === -1) return undefined;
  const message = output.slice(start).trim();
  const match = /exec: "((?:[^"\\]|\\.)*)": (.*?)(?:: unknown)?$/m.exec(message);
  if (!match) return `The command could not be started in container ${container}: ${message}`;
  const [, command, reason = ''] = match;
  if (/executable file not found|no such file or directory/i.test(reason)) {
    return `"${command}" was not found in container ${container}.`;
  }
  const why = reason.replace(/^stat [^:]*: /, '');
  return `"${command}" could not be started in container ${container}: ${why}.`;
}

async function containerName(context: EngineContext, containerId: string): Promise<string> {
  try {
    const info = await context.docker.getContainer(containerId).inspect();
    return info.Name.replace(/^\//, '') || containerId;
  } catch {
    return containerId;
  }
}

/** Creates the exec, making "the container is not running / paused" a Conflict naming it. */
async function createExec(
  context: EngineContext,
  containerId: string,
  argv: string[],
  action: string,
  config: Docker.ExecCreateOptions,
): Promise<Docker.Exec> {
  try {
    return await context.docker.getContainer(containerId).exec({ Cmd: argv, ...config });
  } catch (error) {
    const engineError = classifyError(error, { endpoint: context.endpoint.url, action });
    if (engineError.kind !== 'Conflict') throw engineError;
    const name = await containerName(context, containerId);
    const state = /paused/i.test(engineError.detail)
      ? 'paused: unpause it first'
      : 'not running: start it first';
    throw new EngineError(
      'Conflict',
      `Could not ${action}: container ${name} is ${state}.`,
      engineError.detail,
      engineError.statusCode,
    );
  }
}

function envList(env: Record<string, string> | undefined): string[] | undefined {
  return env ? Object.entries(env).map(([key, value]) => `${key}=${value}`) : undefined;
}

/**
 * The exec's exit code. Only meaningful once its output stream has ended; even then the engine
 * may still be recording the exit, so it asks again briefly while the exec says it is running.
 */
async function execExitCode(exec: Docker.Exec): Promise<number | null> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode ?? null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Runs a command to the end without a TTY and returns its output and exit code. */
export async function runExec(
  context: EngineContext,
  containerId: string,
  argv: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const action = `run ${commandText(argv)} in ${containerId}`;
  const exec = await createExec(context, containerId, argv, action, {
    AttachStdout: true,
    AttachStderr: true,
    Env: envList(options.env),
    WorkingDir: options.workingDir,
    User: options.user,
  });
  const stream = (await context.call(action, () =>
    exec.start({ hijack: false, stdin: false }),
  )) as NodeJS.ReadableStream;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const demuxer = new FrameDemuxer((kind, payload) => (kind === STDERR ? stderr : stdout).push(payload));
  await context.call(
    action,
    () =>
      new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
        stream.on('end', resolve);
        stream.on('error', reject);
      }),
  );
  const exitCode = await context.call(action, () => execExitCode(exec));
  const result = {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    exitCode: exitCode ?? -1,
  };
  if (RUNTIME_FAILURE_CODES.has(result.exitCode) && RUNTIME_FAILURE.test(result.stdout)) {
    const sentence = execFailureSentence(result.stdout, await containerName(context, containerId));
    if (sentence) throw new EngineError('ExecFailed', sentence, result.stdout.trim());
  }
  return result;
}

/** The start of a session's output, kept to recognise a runtime failure when it exits. */
const HEAD_BYTES = 1024;

/**
 * Opens an interactive TTY exec (`docker exec -it`). Resolves once the process runs; output,
 * exit and errors arrive through the session's listeners.
 */
export async function openExecSession(
  context: EngineContext,
  containerId: string,
  argv: string[],
  options: ExecSessionOptions,
): Promise<TerminalSession> {
  const action = `run ${commandText(argv)} in ${containerId}`;
  const exec = await createExec(context, containerId, argv, action, {
    Tty: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Env: envList(options.env),
    WorkingDir: options.workingDir,
    User: options.user,
  });
  const socket = (await context.call(action, () =>
    exec.start({ hijack: true, stdin: true, Tty: true, Detach: false }),
  )) as Socket;
  socket.setNoDelay(true);

  const events = new SessionEvents();
  let head = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
    events.emitData(chunk, 'stdout');
  });
  socket.on('error', (error) => {
    if (!events.exited) events.emitError(classifyError(error, { endpoint: context.endpoint.url, action }));
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  closed.then(async () => {
    let exitCode: number | null = null;
    try {
      exitCode = await execExitCode(exec);
    } catch (error) {
      events.emitError(classifyError(error, { endpoint: context.endpoint.url, action }));
    }
    if (exitCode !== null && RUNTIME_FAILURE_CODES.has(exitCode)) {
      const failure = execFailureSentence(head.toString('utf8'), await containerName(context, containerId));
      if (failure) events.emitError(new EngineError('ExecFailed', failure, head.toString('utf8').trim()));
    }
    events.emitExit(exitCode);
  });

  const session: TerminalSession = {
    id: exec.id,
    tty: true,
    canWrite: true,
    note: undefined,
    write(data) {
      if (!socket.destroyed && socket.writable) socket.write(data);
    },
    // Only valid after start (before it, the engine blocks 10 s and fails): the session exists only after start.
    resize: (cols, rows) =>
      context
        .call(`resize the terminal of ${containerId}`, () => exec.resize({ w: cols, h: rows }))
        .then(() => undefined),
    onData: (listener) => events.onData(listener),
    onExit: (listener) => events.onExit(listener),
    onError: (listener) => events.onError(listener),
    async close() {
      // A dropped connection alone leaves the shell running in the container: end it with Ctrl-D.
      if (socket.writable) socket.end('\x04');
      const timer = setTimeout(() => socket.destroy(), 2000);
      await closed;
      clearTimeout(timer);
    },
  };
  await session.resize(options.cols, options.rows).catch(() => undefined);
  return session;
}
