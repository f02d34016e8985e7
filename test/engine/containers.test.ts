import { afterEach, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import {
  commitContainer,
  createContainer,
  diffContainer,
  inspectContainer,
  killContainer,
  listContainers,
  pauseContainer,
  removeContainer,
  restartContainer,
  runContainer,
  startContainer,
  stopContainer,
  topContainer,
  unpauseContainer,
  waitContainer,
} from '../../src/engine/containers.js';
import { type EngineError, isEngineError } from '../../src/engine/errors.js';
import { makeContainer, runCleanup, testContext, uniqueName } from '../support/engine.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(() => runCleanup(cleanup));

let ctx: EngineContext;
const engine = async () => {
  ctx ??= await testContext();
  return ctx;
};

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    if (isEngineError(error)) return error;
    throw error;
  }
  throw new Error('expected the operation to fail');
}

/** A shell that ignores SIGTERM, the way many real services accidentally do as PID 1. */
const IGNORES_SIGTERM = ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done'];

function statColumn(table: { titles: string[]; processes: string[][] }) {
  const index = table.titles.indexOf('STAT');
  expect(index).toBeGreaterThanOrEqual(0);
  return table.processes.map((p) => p[index]);
}

describe('listing containers', () => {
  test('ps shows running containers only; ps -a also shows created ones', async () => {
    const c = await engine();
    const running = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'] });
    const created = await makeContainer(c, cleanup, { cmd: ['true'], start: false });
    const onlyRunning = await listContainers(c);
    const all = await listContainers(c, { all: true });
    expect(onlyRunning.map((x) => x.name)).toContain(running.name);
    expect(onlyRunning.map((x) => x.name)).not.toContain(created.name);
    const row = all.find((x) => x.name === created.name);
    expect(row).toMatchObject({ state: 'created', image: 'busybox:latest', id: created.id });
    const runningRow = all.find((x) => x.name === running.name);
    expect(runningRow?.state).toBe('running');
    expect(runningRow?.status).toMatch(/^Up /);
    expect(runningRow?.command).toContain('sleep 1000');
  });

  test('listing by ids returns only those containers, stopped ones included', async () => {
    const c = await engine();
    const a = await makeContainer(c, cleanup, { cmd: ['true'], start: false });
    await makeContainer(c, cleanup, { cmd: ['true'], start: false });
    const rows = await listContainers(c, { all: true, ids: [a.id] });
    expect(rows.map((r) => r.id)).toEqual([a.id]);
  });

  test('compose labels give the project a container belongs to', async () => {
    const c = await engine();
    const name = uniqueName('web');
    const id = await createContainer(c, {
      image: 'busybox',
      name,
      cmd: ['true'],
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    });
    cleanup.push(() => removeContainer(c, id, { force: true }));
    const row = (await listContainers(c, { all: true })).find((x) => x.id === id);
    expect(row).toMatchObject({ composeProject: 'shop', composeService: 'web', name });
  });
});

describe('lifecycle', () => {
  test('create then start runs the command; wait gives its exit code', async () => {
    const c = await engine();
    const id = await createContainer(c, { image: 'busybox', cmd: ['sh', '-c', 'exit 7'] });
    cleanup.push(() => removeContainer(c, id, { force: true }));
    expect((await inspectContainer(c, id)).state.status).toBe('created');
    await startContainer(c, id);
    expect(await waitContainer(c, id)).toBe(7);
    const details = await inspectContainer(c, id);
    expect(details.state).toMatchObject({ status: 'exited', exitCode: 7, running: false });
  });

  test('run starts at once, with the given name, env and working directory', async () => {
    const c = await engine();
    const name = uniqueName('run');
    const id = await runContainer(c, {
      image: 'busybox',
      name,
      cmd: ['sleep', '1000'],
      env: ['GREETING=hello'],
      workingDir: '/tmp',
    });
    cleanup.push(() => removeContainer(c, id, { force: true }));
    const details = await inspectContainer(c, id);
    expect(details).toMatchObject({ name, config: { workingDir: '/tmp', cmd: ['sleep', '1000'] } });
    expect(details.config.env).toContain('GREETING=hello');
    expect(details.state.running).toBe(true);
  });

  test('stopping a container that ignores SIGTERM kills it after the grace period (exit 137)', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: IGNORES_SIGTERM });
    const started = Date.now();
    await stopContainer(c, id, { graceSeconds: 2 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(10_000);
    expect((await inspectContainer(c, id)).state).toMatchObject({ status: 'exited', exitCode: 137 });
  });

  test('stopping a container whose init forwards SIGTERM ends it at once (exit 143)', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'], init: true });
    const started = Date.now();
    await stopContainer(c, id, { graceSeconds: 10 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await inspectContainer(c, id)).state.exitCode).toBe(143);
  });

  test('stopping a stopped container is "not modified"; starting a running one too', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'], init: true });
    const again = await failure(startContainer(c, id));
    expect(again.kind).toBe('NotModified');
    expect(again.message).toMatch(/already running/);
    await stopContainer(c, id, { graceSeconds: 1 });
    const stopped = await failure(stopContainer(c, id));
    expect(stopped.kind).toBe('NotModified');
    expect(stopped.message).toMatch(/already stopped/);
  });

  test('kill sends SIGKILL by default: exit 137 at once', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: IGNORES_SIGTERM });
    const started = Date.now();
    await killContainer(c, id);
    expect(await waitContainer(c, id)).toBe(137);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('kill with SIGTERM reaches a process that handles it', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, {
      cmd: ['sh', '-c', 'trap "exit 42" TERM; while true; do sleep 0.1; done'],
    });
    await new Promise((r) => setTimeout(r, 300));
    await killContainer(c, id, 'SIGTERM');
    expect(await waitContainer(c, id)).toBe(42);
  });

  test('SIGSTOP freezes the process but the state stays "running"; top shows T; SIGCONT resumes', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'] });
    await killContainer(c, id, 'SIGSTOP');
    const frozen = await inspectContainer(c, id);
    expect(frozen.state).toMatchObject({ status: 'running', running: true, paused: false });
    expect(statColumn(await topContainer(c, id)).some((s) => s?.startsWith('T'))).toBe(true);
    await killContainer(c, id, 'SIGCONT');
    expect(statColumn(await topContainer(c, id)).some((s) => s?.startsWith('T'))).toBe(false);
  });

  test('pause freezes the container; pausing twice is a conflict; unpause resumes', async () => {
    const c = await engine();
    const { id, name } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'] });
    await pauseContainer(c, id);
    expect((await inspectContainer(c, id)).state).toMatchObject({ status: 'paused', paused: true });
    const row = (await listContainers(c)).find((x) => x.name === name);
    expect(row?.status).toMatch(/\(Paused\)/);
    const twice = await failure(pauseContainer(c, id));
    expect(twice.kind).toBe('Conflict');
    expect(twice.message).toMatch(/already paused/);
    await unpauseContainer(c, id);
    expect((await inspectContainer(c, id)).state.status).toBe('running');
    const notPaused = await failure(unpauseContainer(c, id));
    expect(notPaused.kind).toBe('Conflict');
    expect(notPaused.message).toMatch(/not paused/);
  });

  test('restart stops and starts again: a new start time, still running', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'], init: true });
    const before = (await inspectContainer(c, id)).state.startedAt;
    await restartContainer(c, id, { graceSeconds: 1 });
    const after = await inspectContainer(c, id);
    expect(after.state.running).toBe(true);
    expect(after.state.startedAt).not.toBe(before);
  });

  test('remove refuses a running container unless forced; then it is gone', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'] });
    const refused = await failure(removeContainer(c, id));
    expect(refused.kind).toBe('Conflict');
    await removeContainer(c, id, { force: true, volumes: true });
    expect((await failure(inspectContainer(c, id))).kind).toBe('NotFound');
  });

  test('a missing container is "not found", with the engine\'s sentence', async () => {
    const c = await engine();
    const error = await failure(stopContainer(c, 'no-such-container-here'));
    expect(error.kind).toBe('NotFound');
    expect(error.message).toMatch(/no-such-container-here/);
  });

  test('a name already in use is a conflict; an invalid name is refused before sending', async () => {
    const c = await engine();
    const { name } = await makeContainer(c, cleanup, { cmd: ['true'], start: false });
    const inUse = await failure(createContainer(c, { image: 'busybox', name }));
    expect(inUse.kind).toBe('Conflict');
    expect(inUse.message).toMatch(/already in use/);
    const invalid = await failure(createContainer(c, { image: 'busybox', name: 'bad name!' }));
    expect(invalid.kind).toBe('BadRequest');
  });

  test('-e reaches the environment of the process; -p reaches ExposedPorts and HostConfig.PortBindings', async () => {
    const c = await engine();
    const id = await runContainer(c, {
      image: 'busybox',
      cmd: ['sh', '-c', 'echo "FOO is $FOO, BAZ is $BAZ"'],
      env: ['FOO=bar', 'BAZ=a=b c'],
      ports: [
        { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18080 },
        { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18081 },
        { containerPort: 53, protocol: 'udp' },
      ],
    });
    cleanup.push(() => removeContainer(c, id, { force: true }));
    expect(await waitContainer(c, id)).toBe(0);
    const container = c.docker.getContainer(id);
    const logs = (await container.logs({ stdout: true })) as Buffer;
    // One frame: an 8-byte header, then the line.
    expect(logs.subarray(8).toString()).toBe('FOO is bar, BAZ is a=b c\n');
    const info = await container.inspect();
    expect(info.Config.Env).toEqual(expect.arrayContaining(['FOO=bar', 'BAZ=a=b c']));
    expect(Object.keys(info.Config.ExposedPorts ?? {}).sort()).toEqual(['53/udp', '80/tcp']);
    expect(info.HostConfig.PortBindings).toEqual({
      '80/tcp': [
        { HostIp: '127.0.0.1', HostPort: '18080' },
        { HostIp: '127.0.0.1', HostPort: '18081' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    });
  });

  test('a bad port or env entry is refused before sending: no container is left behind', async () => {
    const c = await engine();
    const name = uniqueName('badport');
    const port = await failure(
      createContainer(c, { image: 'busybox', name, ports: [{ containerPort: 70000, protocol: 'tcp' }] }),
    );
    expect(port.kind).toBe('BadRequest');
    expect(port.message).toMatch(/70000 is not a port; ports are 1 to 65535/);
    const env = await failure(createContainer(c, { image: 'busybox', name, env: ['=x'] }));
    expect(env.kind).toBe('BadRequest');
    expect((await listContainers(c, { all: true })).map((x) => x.name)).not.toContain(name);
  });

  test('creating from an image that is not here is "not found"', async () => {
    const c = await engine();
    const error = await failure(createContainer(c, { image: 'nosuchimage:1.0' }));
    expect(error.kind).toBe('NotFound');
    expect(error.message).toMatch(/nosuchimage/);
  });
});

describe('insight', () => {
  test('diff lists files added, changed and deleted in the writable layer', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, {
      cmd: ['sh', '-c', 'echo x > /added.txt && rm /bin/vi && echo y >> /etc/motd; sleep 1000'],
    });
    await expect.poll(async () => (await diffContainer(c, id)).length, { timeout: 5000 }).toBeGreaterThan(0);
    const changes = await diffContainer(c, id);
    expect(changes).toContainEqual({ path: '/added.txt', kind: 'added' });
    expect(changes).toContainEqual({ path: '/bin/vi', kind: 'deleted' });
    expect(changes).toContainEqual({ path: '/bin', kind: 'changed' });
  });

  test("top lists the container's processes with their arguments", async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1234'] });
    const table = await topContainer(c, id);
    expect(table.titles).toEqual(expect.arrayContaining(['PID', 'STAT']));
    const args = table.titles.indexOf(table.titles.includes('COMMAND') ? 'COMMAND' : 'ARGS');
    expect(table.processes.map((p) => p[args])).toContain('sleep 1234');
  });

  test('inspect shows config, restart policy and init', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sleep', '1000'], init: true });
    const d = await inspectContainer(c, id);
    expect(d.config.cmd).toEqual(['sleep', '1000']);
    expect(d.restartPolicy.name).toBe('no');
    expect(d.init).toBe(true);
    expect(d.state.pid).toBeGreaterThan(0);
  });
});

describe('commit', () => {
  test('commit turns a container into an image with its files and a new CMD', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, {
      cmd: ['sh', '-c', 'echo made-in-container > /note.txt'],
    });
    await waitContainer(c, id);
    const repository = uniqueName('committed');
    const imageId = await commitContainer(c, id, {
      repository,
      tag: 'v1',
      changes: ['CMD ["cat", "/note.txt"]'],
    });
    cleanup.push(() =>
      c.docker
        .getImage(imageId)
        .remove({ force: true })
        .catch(() => undefined),
    );
    const image = await c.docker.getImage(`${repository}:v1`).inspect();
    expect(image.Id).toBe(imageId);
    expect(image.Config.Cmd).toEqual(['cat', '/note.txt']);
    const runId = await runContainer(c, { image: `${repository}:v1` });
    cleanup.push(() => removeContainer(c, runId, { force: true }));
    expect(await waitContainer(c, runId)).toBe(0);
    const logs = await c.docker.getContainer(runId).logs({ stdout: true, stderr: true });
    expect(logs.toString('utf8')).toContain('made-in-container');
  });

  test('commit without changes keeps the CMD of the container', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['sh', '-c', 'echo kept'], start: false });
    const repository = uniqueName('plain');
    const imageId = await commitContainer(c, id, { repository, tag: 'v1' });
    cleanup.push(() =>
      c.docker
        .getImage(imageId)
        .remove({ force: true })
        .catch(() => undefined),
    );
    const image = await c.docker.getImage(`${repository}:v1`).inspect();
    expect(image.Config.Cmd).toEqual(['sh', '-c', 'echo kept']);
  });

  test('commit with an invalid repository is refused as a bad request', async () => {
    const c = await engine();
    const { id } = await makeContainer(c, cleanup, { cmd: ['true'], start: false });
    const error = await failure(commitContainer(c, id, { repository: 'Not Valid' }));
    expect(error.kind).toBe('BadRequest');
  });
});
