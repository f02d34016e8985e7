import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { type EngineError, isEngineError } from '../../src/engine/errors.js';
import { openExecSession, runExec } from '../../src/engine/exec.js';
import type { TerminalSession } from '../../src/engine/session.js';
import { makeContainer, runCleanup, testContext } from '../support/engine.js';

let ctx: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];
const sessions: TerminalSession[] = [];

beforeAll(async () => {
  ctx = await testContext();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await runCleanup(cleanup);
});
afterAll(() => runCleanup(cleanup));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function sleeper(name?: string) {
  return makeContainer(ctx, cleanup, { cmd: ['sleep', '1000'], name, init: true });
}

/** Opens a shell session and records every byte it prints. */
async function shell(containerId: string, options = { cols: 80, rows: 24 }) {
  const session = await openExecSession(ctx, containerId, ['sh'], options);
  sessions.push(session);
  const output = { bytes: Buffer.alloc(0) };
  session.onData((chunk) => {
    output.bytes = Buffer.concat([output.bytes, chunk]);
  });
  const text = () => output.bytes.toString('utf8');
  return { session, output, text };
}

describe('runExec', () => {
  test('returns stdout, stderr and the exit code separately', async () => {
    const { id } = await sleeper();
    const result = await runExec(ctx, id, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  });

  test('passes env, working directory and user', async () => {
    const { id } = await sleeper();
    const result = await runExec(ctx, id, ['sh', '-c', 'echo "$GREETING $(pwd) $(id -u)"'], {
      env: { GREETING: 'hello there' },
      workingDir: '/tmp',
      user: '1234',
    });
    expect(result.stdout).toBe('hello there /tmp 1234\n');
    expect(result.exitCode).toBe(0);
  });

  test('a large output arrives whole', async () => {
    const { id } = await sleeper();
    const result = await runExec(ctx, id, ['seq', '1', '100000']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(100_000);
    expect(lines.at(-1)).toBe('100000');
  });

  test('a command the image lacks is an ExecFailed error naming the command and the container', async () => {
    const { id, name } = await sleeper();
    const error = (await runExec(ctx, id, ['nosuchcmd', '--flag']).catch((e: unknown) => e)) as EngineError;
    expect(isEngineError(error, 'ExecFailed')).toBe(true);
    expect(error.message).toBe(`"nosuchcmd" was not found in container ${name}.`);
    expect(error.detail).toContain('executable file not found');
  });

  test('a path that is not executable is an ExecFailed error saying why', async () => {
    const { id, name } = await sleeper();
    const error = (await runExec(ctx, id, ['/tmp']).catch((e: unknown) => e)) as EngineError;
    expect(isEngineError(error, 'ExecFailed')).toBe(true);
    expect(error.message).toBe(`"/tmp" could not be started in container ${name}: permission denied.`);
  });

  test('a command that exits 127 on its own is not mistaken for a missing command', async () => {
    const { id } = await sleeper();
    const result = await runExec(ctx, id, ['sh', '-c', 'echo fine; exit 127']);
    expect(result).toEqual({ stdout: 'fine\n', stderr: '', exitCode: 127 });
  });

  test('exec in a stopped container is a Conflict saying it is not running', async () => {
    const { id, name } = await makeContainer(ctx, cleanup, { cmd: ['true'], start: false });
    const error = (await runExec(ctx, id, ['ls']).catch((e: unknown) => e)) as EngineError;
    expect(isEngineError(error, 'Conflict')).toBe(true);
    expect(error.message).toContain(`container ${name} is not running`);
  });

  test('exec in a paused container is a Conflict saying it is paused', async () => {
    const { id, name, container } = await sleeper();
    await container.pause();
    cleanup.unshift(() => container.unpause().catch(() => undefined));
    const error = (await runExec(ctx, id, ['ls']).catch((e: unknown) => e)) as EngineError;
    expect(isEngineError(error, 'Conflict')).toBe(true);
    expect(error.message).toContain(`container ${name} is paused`);
  });
});

describe('openExecSession', () => {
  test('typed input reaches the shell and its output comes back', async () => {
    const { id } = await sleeper();
    const { session, text } = await shell(id);
    expect(session.tty).toBe(true);
    session.write('echo $((6*7))\r');
    await waitFor(() => /\r\n42\r\n/.test(text()), '42');
  });

  test('resize changes the size the shell sees', async () => {
    const { id } = await sleeper();
    const { session, text } = await shell(id);
    await session.resize(100, 30);
    session.write('stty size\r');
    await waitFor(() => text().includes('30 100'), 'stty size to print 30 100');
  });

  test('the size given when opening is applied', async () => {
    const { id } = await sleeper();
    const { session, text } = await shell(id, { cols: 132, rows: 43 });
    session.write('stty size\r');
    await waitFor(() => text().includes('43 132'), 'stty size to print 43 132');
  });

  test('exit 5 reports exit code 5', async () => {
    const { id } = await sleeper();
    const { session } = await shell(id);
    const exited = new Promise<number | null>((resolve) => session.onExit(resolve));
    session.write('exit 5\r');
    expect(await exited).toBe(5);
  });

  test('close() ends the shell in the container, not only the connection', async () => {
    const { id } = await sleeper();
    const { session, text } = await shell(id);
    session.write('echo ready\r');
    await waitFor(() => text().includes('ready\r\n'), 'the shell to answer');
    const exec = ctx.docker.getExec(session.id);
    expect((await exec.inspect()).Running).toBe(true);
    await session.close();
    await waitFor(async () => (await exec.inspect()).Running === false, 'the exec to end', 3000);
    const { stdout } = await runExec(ctx, id, ['ps', '-o', 'pid,args']);
    expect(stdout).not.toMatch(/\s+sh\s*$/m);
  });

  test('UTF-8 output arrives as raw bytes, however it is chunked', async () => {
    const { id } = await sleeper();
    const { session, output } = await shell(id);
    session.write("printf '<\\342\\202\\254>'\r");
    const euro = Buffer.from('<€>');
    await waitFor(() => output.bytes.includes(euro), 'the bytes of €');
  });

  test('a command the image lacks is reported as ExecFailed and exits 126', async () => {
    const { id, name } = await sleeper();
    const session = await openExecSession(ctx, id, ['nosuchcmd'], { cols: 80, rows: 24 });
    sessions.push(session);
    const failed = new Promise<EngineError>((resolve) => session.onError(resolve));
    const exited = new Promise<number | null>((resolve) => session.onExit(resolve));
    const error = await failed;
    expect(error.kind).toBe('ExecFailed');
    expect(error.message).toBe(`"nosuchcmd" was not found in container ${name}.`);
    expect(await exited).toBe(126);
  });

  test('opening a session in a stopped container is a Conflict', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['true'], start: false });
    const error = await openExecSession(ctx, id, ['sh'], { cols: 80, rows: 24 }).catch((e: unknown) => e);
    expect(isEngineError(error, 'Conflict')).toBe(true);
  });
});
