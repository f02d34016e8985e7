/**
 * Every lifecycle key, pressed in the real app (`bin/berth` in a pty) against an engine of this
 * file's own: what the screen says, and what the engine then reports through dockerode.
 */
import { describe, expect, test } from 'vitest';
import {
  pauseContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from '../../src/engine/containers.js';
import { alreadyThatWay, type ContainerChange, withName } from '../../src/engine/errors.js';
import { makeContainer } from '../support/engine.js';
import { disposeAppsAfterEach } from '../support/pty-app.js';
import {
  allContainerNames,
  dialogLines,
  engineState,
  eventually,
  openBerth,
  ownEngineForFile,
  selectContainer,
} from './berth-session.js';

disposeAppsAfterEach();

const own = ownEngineForFile('e2e-life');
const { cleanup } = own;

/** A shell that ignores SIGTERM: only SIGKILL ends it. */
const STUBBORN = ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done'];
/** With an init process SIGTERM ends it at once, so stops and restarts are quick. */
const container = (name: string, start = true) =>
  makeContainer(own.context, cleanup, { name, cmd: ['sleep', '100000'], init: true, start });

/** Engine events of one container between two times (seconds), e.g. every `kill` it received. */
async function eventsOf(id: string, since: number, action: string) {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const stream = (await own.context.docker.getEvents({
    since,
    until,
    filters: { container: [id], event: [action] },
  })) as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { Action: string; Actor: { Attributes: Record<string, string> } });
}

describe('container lifecycle keys', () => {
  test('S starts a stopped container', async () => {
    const c = await container('idle', false);
    const app = await openBerth(own.engine.host);
    app.press('A');
    await app.waitFor('Containers (1/1) all');
    await selectContainer(app, 'idle');
    expect(app.screen()).toMatch(/▶ idle +created/);

    // A stopped container may be started detached or attached: Enter takes the first, detached.
    app.press('S');
    await app.waitFor(/▶ start +docker start idle/);
    app.press('enter');
    await app.waitFor('Started idle.');
    await app.waitFor(/▶ idle +running +Up/);
    expect((await engineState(own.context, c.id))?.running).toBe(true);
  });

  test('s stops a container that ignores SIGTERM: countdown to SIGKILL, exit 137 after the grace period', async () => {
    const c = await makeContainer(own.context, cleanup, { name: 'stubborn', cmd: STUBBORN });
    const grace = 3;
    const app = await openBerth(own.engine.host, { args: ['--grace', String(grace)] });
    await selectContainer(app, 'stubborn');
    // The status line names the command `s` stands for, with the grace period given.
    await app.waitFor(`docker stop -t ${grace} stubborn`);

    const pressed = Date.now();
    app.press('s');
    await app.waitFor(`Stopping stubborn: SIGTERM sent, SIGKILL in ${grace} s`, { timeout: 2000 });
    // The countdown ticks while the process holds out, and the engine still says running.
    await app.waitFor(`SIGKILL in ${grace - 1} s`, { timeout: 2000 });
    expect((await engineState(own.context, c.id))?.running).toBe(true);

    await app.waitFor('Stopped stubborn.', { timeout: (grace + 5) * 1000 });
    const elapsed = Date.now() - pressed;
    expect(elapsed).toBeGreaterThanOrEqual((grace - 0.5) * 1000);
    const state = await engineState(own.context, c.id);
    expect(state).toMatchObject({ running: false, status: 'exited', exitCode: 137 });
  });

  test('K then y during the countdown: killed at once, and the outcome says so', async () => {
    const c = await makeContainer(own.context, cleanup, { name: 'impatient', cmd: STUBBORN });
    const grace = 30;
    const app = await openBerth(own.engine.host, { args: ['--grace', String(grace)] });
    await selectContainer(app, 'impatient');

    const pressed = Date.now();
    app.press('s');
    await app.waitFor('Stopping impatient: SIGTERM sent, SIGKILL in', { timeout: 2000 });
    app.press('K');
    await app.waitFor('Kill impatient?');
    app.press('y');
    // Whichever answer comes last, the stop's or the kill's, the line ends saying both.
    await app.waitFor('Stopped impatient: killed with SIGKILL before the grace period ended.', {
      timeout: 10_000,
    });
    await app.waitForStable(300);
    expect(app.screen()).toContain('Stopped impatient: killed with SIGKILL before the grace period ended.');
    expect(Date.now() - pressed).toBeLessThan(grace * 1000);
    expect(await engineState(own.context, c.id)).toMatchObject({ running: false, exitCode: 137 });
  });

  test('r counts down to the SIGKILL of its stop, then the container runs again', async () => {
    const c = await makeContainer(own.context, cleanup, { name: 'reborn', cmd: STUBBORN });
    const before = await engineState(own.context, c.id);
    const grace = 3;
    const app = await openBerth(own.engine.host, { args: ['--grace', String(grace)] });
    await selectContainer(app, 'reborn');

    app.press('r');
    await app.waitFor(
      `docker restart -t ${grace} reborn · Restarting reborn: SIGTERM sent, SIGKILL in ${grace} s`,
      {
        timeout: 2000,
      },
    );
    await app.waitFor(`SIGKILL in ${grace - 1} s`, { timeout: 2000 });
    await app.waitFor('Restarted reborn.', { timeout: (grace + 5) * 1000 });
    const after = await engineState(own.context, c.id);
    expect(after?.running).toBe(true);
    expect(after?.startedAt).not.toBe(before?.startedAt);
  });

  test('s on a stopped container and S on a running one: said by name, as information', async () => {
    await container('halted', false);
    await container('awake');
    const app = await openBerth(own.engine.host);
    app.press('A');
    await app.waitFor(/Containers \(\d+\/\d+\) all/);
    await selectContainer(app, 'halted');
    app.press('s');
    await app.waitFor('docker stop -t 10 halted · halted is already stopped.');

    await selectContainer(app, 'awake');
    app.press('S');
    await app.waitFor('docker start awake · awake is already running.');
    expect(app.screen()).not.toMatch(/Could not|[0-9a-f]{64}/);
  });

  test('K kills only after y: n, Enter and Esc leave the container running', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const c = await makeContainer(own.context, cleanup, { name: 'victim', cmd: STUBBORN });
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'victim');

    for (const cancel of ['n', 'enter', 'escape']) {
      app.press('K');
      await app.waitFor('Kill victim?');
      await app.waitFor('Equivalent: docker kill victim');
      app.press(cancel);
      await app.waitFor((screen) => !screen.includes('Kill victim?'));
      expect((await engineState(own.context, c.id))?.running).toBe(true);
    }

    app.press('K');
    await app.waitFor('Kill victim?');
    app.press('y');
    await app.waitFor('Killed victim (SIGKILL).');
    const state = await eventually(
      () => engineState(own.context, c.id),
      (s) => s?.running === false,
      { what: 'victim stopped' },
    );
    expect(state?.exitCode).toBe(137);
    // Exactly one kill reached the engine: the cancelled dialogs sent nothing.
    const kills = await eventsOf(c.id, since, 'kill');
    expect(kills.map((e) => e.Actor.Attributes.signal)).toEqual(['9']);
  });

  test('p pauses and p again unpauses', async () => {
    const c = await container('napper');
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'napper');

    app.press('p');
    await app.waitFor('Paused napper');
    await app.waitFor(/▶ napper +paused/);
    expect(await engineState(own.context, c.id)).toMatchObject({ status: 'paused', paused: true });
    // A paused container's most likely action is unpausing it.
    app.press('p');
    await app.waitFor('Unpaused napper.');
    await app.waitFor(/▶ napper +running/);
    expect(await engineState(own.context, c.id)).toMatchObject({ status: 'running', paused: false });
  });

  test('r restarts: the container runs again with a new start time', async () => {
    const c = await container('phoenix');
    const before = await engineState(own.context, c.id);
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'phoenix');

    app.press('r');
    await app.waitFor('Restarted phoenix.', { timeout: 15_000 });
    const after = await engineState(own.context, c.id);
    expect(after?.running).toBe(true);
    expect(after?.startedAt).not.toBe(before?.startedAt);
    expect(Date.parse(after?.startedAt ?? '')).toBeGreaterThan(Date.parse(before?.startedAt ?? ''));
  });

  test('d then y removes a stopped container; f toggles force', async () => {
    const c = await container('leftover', false);
    const app = await openBerth(own.engine.host);
    app.press('A');
    await app.waitFor('Containers (1/1) all');
    await selectContainer(app, 'leftover');

    app.press('d');
    await app.waitFor('Remove leftover?');
    await app.waitFor('[ ] force (kill it if running) (f)');
    app.press('f');
    await app.waitFor('[x] force (kill it if running) (f)');
    app.press('f');
    await app.waitFor('[ ] force (kill it if running) (f)');
    app.press('y');
    await app.waitFor('Removed leftover.');
    await eventually(
      () => engineState(own.context, c.id),
      (s) => s === undefined,
      { what: 'leftover removed' },
    );
    await app.waitFor('No container matches "leftover".');
  });

  test('d on a running container offers force, already on, and y removes it', async () => {
    const c = await container('busy');
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'busy');

    app.press('d');
    await app.waitFor('Remove busy?');
    // The dialog's last line: the whole dialog is drawn.
    const dialog = await app.waitFor('cancel (default: No)');
    expect(dialog).toContain('It is running: removing it needs force, which kills it first.');
    expect(dialog).toContain('[x] force (kill it if running)');
    // Force cannot be switched off for a running container: without it the engine refuses.
    app.press('f');
    await app.waitForStable(100);
    expect(app.screen()).toContain('[x] force (kill it if running)');
    app.press('y');
    await app.waitFor('Removed busy.');
    expect(await engineState(own.context, c.id)).toBeUndefined();
  });

  test('P previews exactly the stopped containers, and y removes exactly them', async () => {
    await container('keeper');
    await container('never-started', false);
    const exited = await container('finished');
    await exited.container.stop({ t: 0 });
    const app = await openBerth(own.engine.host);

    app.press('P');
    await app.waitFor('Remove 2 stopped containers?');
    // The dialog's lines (`name  state  image  status`) sit inside its rounded frame.
    const dialog = dialogLines(await app.waitFor('cancel (default: No)'));
    const listed = dialog.filter((line) => line.includes('busybox:latest')).map((line) => line.split(/\s+/));
    expect(listed.map(([name, state]) => `${name} ${state}`).sort()).toEqual([
      'finished exited',
      'never-started created',
    ]);
    expect(await allContainerNames(own.context)).toEqual(['finished', 'keeper', 'never-started']);

    app.press('y');
    await app.waitFor('Removed 2 stopped containers.');
    expect(await allContainerNames(own.context)).toEqual(['keeper']);
  });

  test('x sends the signal picked from the menu: SIGSTOP freezes the process (T in top), inspect still says running', async () => {
    // No init process: the signal must reach `sleep` itself as the main process.
    const c = await makeContainer(own.context, cleanup, { name: 'frozen', cmd: ['sleep', '100000'] });
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'frozen');

    app.press('x');
    await app.waitFor("Send a signal to frozen's main process");
    // The name without SIG: SIGTERM's hint ("ask to stop") must not win over SIGSTOP's name.
    app.type('STOP');
    await app.waitFor(/▶ SIGSTOP +freeze the process/);
    app.press('enter');
    await app.waitFor('Sent SIGSTOP to frozen.');

    // The main process is stopped: ps shows state T.
    const top = await eventually(
      () => c.container.top({ ps_args: '-o pid,stat,args' }),
      (t) => t.Processes.some((p: string[]) => p[2]?.startsWith('sleep') && p[1]?.startsWith('T')),
      { what: 'sleep in state T' },
    );
    expect(top.Processes.find((p: string[]) => p[2]?.startsWith('sleep'))?.[1]).toMatch(/^T/);
    expect(await engineState(own.context, c.id)).toMatchObject({
      status: 'running',
      running: true,
      paused: false,
    });
    expect(app.screen()).toMatch(/▶ frozen +running/);

    // berth's own Top tab shows it too: Enter focuses the details, ] walks to the Top tab.
    app.press('enter');
    for (let tab = 0; tab < 4; tab++) app.press(']');
    await app.waitFor(/│\d+ +\S+ +T\S* +\S+ +sleep 100000/);
    expect(app.screen()).toContain('T stopped (SIGSTOP)');
  });
});

describe("the engine's answers to a change with nothing to do", () => {
  test('are read as what the container already is; a real refusal stays a failure, named', async () => {
    const c = await container('steady');
    const id = c.id;
    const asked = async (change: ContainerChange, call: () => Promise<void>) => {
      try {
        await call();
        return 'done';
      } catch (error) {
        return alreadyThatWay(change, error) ?? withName((error as Error).message, id, 'steady');
      }
    };
    expect(await asked('start', () => startContainer(own.context, id))).toBe('already running');
    expect(await asked('unpause', () => unpauseContainer(own.context, id))).toBe('not paused');
    expect(await asked('pause', () => pauseContainer(own.context, id))).toBe('done');
    expect(await asked('pause', () => pauseContainer(own.context, id))).toBe('already paused');
    expect(await asked('unpause', () => unpauseContainer(own.context, id))).toBe('done');
    expect(await asked('stop', () => stopContainer(own.context, id, { graceSeconds: 1 }))).toBe('done');
    expect(await asked('stop', () => stopContainer(own.context, id, { graceSeconds: 1 }))).toBe(
      'already stopped',
    );
    // Pausing a stopped container is refused for real: the sentence names it, no id in it.
    const refused = await asked('pause', () => pauseContainer(own.context, id));
    expect(refused).toMatch(/^Could not pause steady: Container steady is not running/);
  });
});
