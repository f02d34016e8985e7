import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { attachContainer, startAttached } from '../../src/engine/attach.js';
import type { EngineContext } from '../../src/engine/client.js';
import { type EngineError, isEngineError } from '../../src/engine/errors.js';
import type { OutputStream } from '../../src/engine/logs.js';
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
const size = { cols: 80, rows: 24 };

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Records a session's output per stream, and its exit. */
function record(session: TerminalSession) {
  sessions.push(session);
  const bytes: Record<OutputStream, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  session.onData((chunk, stream) => {
    bytes[stream] = Buffer.concat([bytes[stream], chunk]);
  });
  const exited = new Promise<number | null>((resolve) => session.onExit(resolve));
  return { text: (stream: OutputStream = 'stdout') => bytes[stream].toString('utf8'), exited };
}

describe('attachContainer', () => {
  test('typing into a shell started with a TTY and open stdin runs the command', async () => {
    const { id, container } = await makeContainer(ctx, cleanup, { cmd: ['sh'], tty: true, openStdin: true });
    const session = await attachContainer(ctx, id, size);
    const { text } = record(session);
    expect(session.tty).toBe(true);
    expect(session.canWrite).toBe(true);
    session.write('echo hi\r');
    await waitFor(() => /\r\nhi\r\n/.test(text()), 'hi');
    await session.close();
    expect((await container.inspect()).State.Running).toBe(true);
  });

  test('resize changes the size of the container TTY', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sh'], tty: true, openStdin: true });
    const session = await attachContainer(ctx, id, size);
    const { text } = record(session);
    await session.resize(100, 30);
    session.write('stty size\r');
    await waitFor(() => text().includes('30 100'), 'stty size to print 30 100');
  });

  test('closing detaches: the container keeps running and the exit code is unknown', async () => {
    const { id, container } = await makeContainer(ctx, cleanup, { cmd: ['sh'], tty: true, openStdin: true });
    const session = await attachContainer(ctx, id, size);
    const { exited } = record(session);
    await session.close();
    expect(await exited).toBeNull();
    await sleep(300);
    expect((await container.inspect()).State.Running).toBe(true);
  });

  test('a container without a TTY or stdin still delivers its output, and says input is not forwarded', async () => {
    const { id, name } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'i=0; while :; do echo tick$i; echo warn$i >&2; i=$((i+1)); sleep 0.1; done'],
    });
    const session = await attachContainer(ctx, id, size);
    const { text } = record(session);
    expect(session.tty).toBe(false);
    expect(session.canWrite).toBe(false);
    expect(session.note).toBe(`${name} was started without -i: input is not forwarded.`);
    await waitFor(() => (text().match(/tick\d+\n/g) ?? []).length >= 3, 'three ticks');
    expect(text('stderr')).toMatch(/warn\d+\n/);
    expect(text('stdout')).not.toContain('warn');
  });

  test('a container without a TTY but with open stdin gets what is written', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['cat'], openStdin: true });
    const session = await attachContainer(ctx, id, size);
    const { text } = record(session);
    expect(session.canWrite).toBe(true);
    session.write('echoed back\n');
    await waitFor(() => text() === 'echoed back\n', 'cat to echo the line');
  });

  test('the session reports the exit code when the container exits while attached', async () => {
    const { id } = await makeContainer(ctx, cleanup, { cmd: ['sh'], tty: true, openStdin: true });
    const session = await attachContainer(ctx, id, size);
    const { exited } = record(session);
    session.write('exit 4\r');
    expect(await exited).toBe(4);
  });

  test('attaching to a stopped container is a Conflict saying it is not running', async () => {
    const { id, name } = await makeContainer(ctx, cleanup, { cmd: ['true'], start: false });
    const error = (await attachContainer(ctx, id, size).catch((e: unknown) => e)) as EngineError;
    expect(isEngineError(error, 'Conflict')).toBe(true);
    expect(error.message).toContain(`${name}: the container is not running`);
  });

  test('attaching to a missing container is NotFound', async () => {
    const error = await attachContainer(ctx, 'no-such-container-here', size).catch((e: unknown) => e);
    expect(isEngineError(error, 'NotFound')).toBe(true);
  });
});

describe('startAttached', () => {
  test.each([
    ['without a TTY', false],
    ['with a TTY', true],
  ])(
    'a container that prints once and exits: the output arrives and the exit code is reported (%s)',
    async (_name, tty) => {
      const { id } = await makeContainer(ctx, cleanup, {
        cmd: ['sh', '-c', 'echo first-and-only; exit 7'],
        tty,
        start: false,
      });
      const session = await startAttached(ctx, id, size);
      const { text, exited } = record(session);
      expect(await exited).toBe(7);
      expect(text()).toMatch(/^first-and-only\r?\n$/);
    },
  );

  test('stderr of a container started attached is told apart', async () => {
    const { id } = await makeContainer(ctx, cleanup, {
      cmd: ['sh', '-c', 'echo to-out; echo to-err >&2'],
      start: false,
    });
    const session = await startAttached(ctx, id, size);
    const { text, exited } = record(session);
    expect(await exited).toBe(0);
    expect(text('stdout')).toBe('to-out\n');
    expect(text('stderr')).toBe('to-err\n');
  });
});
