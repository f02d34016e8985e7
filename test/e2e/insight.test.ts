/**
 * The insight tabs in the real app (`bin/berth` in a pty) against an engine of this file's own,
 * driven by keys only: Top shows a SIGSTOP'd main process in state T, and running again after
 * SIGCONT, read again while the tab stays on screen, and no process once the container stopped;
 * Files shows a file the container made, and one made while it is on screen as soon as the exec
 * that made it ends (no timer).
 */
import { describe, expect, test } from 'vitest';
import { runExec } from '../../src/engine/exec.js';
import { makeContainer } from '../support/engine.js';
import { disposeAppsAfterEach, type PtyApp } from '../support/pty-app.js';
import { openBerth, ownEngineForFile, selectContainer } from './berth-session.js';

disposeAppsAfterEach();

const own = ownEngineForFile('e2e-insight');
const { cleanup } = own;

/** The Top tab's row for `sleep`: `PID USER STAT TIME COMMAND`, right of the list's border. */
const sleepRow = (stat: string) => new RegExp(`│\\d+ +root +${stat} +\\S+ +sleep 100000`);

/** Selects `name` and shows its Top tab, its `sleep` running (S). */
async function showTopOf(app: PtyApp, name: string) {
  await selectContainer(app, name);
  // Enter focuses the details; ] four times walks Logs → Inspect → Env → Stats → Top.
  app.press('enter');
  for (let i = 0; i < 4; i++) app.press(']');
  await app.waitFor(new RegExp(`docker top ${name} -o pid,user,stat,time,args`));
  await app.waitFor(sleepRow('S\\S*'));
}

describe('insight tabs through keys', () => {
  test('the signal menu freezes the main process: Top shows state T, then running again after SIGCONT', async () => {
    // No init: `sleep` itself is the main process the signal reaches.
    await makeContainer(own.context, cleanup, { name: 'sleeper', cmd: ['sleep', '100000'] });
    const app = await openBerth(own.engine.host);
    await showTopOf(app, 'sleeper');

    // Back to the list (the Top tab stays on screen), then x → SIGSTOP.
    app.press('escape');
    // Wait for the list's hints: an x sent right behind Esc would arrive as Alt-x.
    await app.waitFor(/x signal/);
    app.press('x');
    await app.waitFor("Send a signal to sleeper's main process");
    app.type('SIGSTOP');
    await app.waitFor(/▶ SIGSTOP/);
    app.press('enter');
    await app.waitFor('Sent SIGSTOP to sleeper.');
    await app.waitFor(sleepRow('T\\S*'), { timeout: 6000 });
    expect(app.screen()).toMatch(/T stopped \(SIGSTOP\)/);
    expect(app.screen()).toMatch(/▶ sleeper +running/);

    app.press('x');
    await app.waitFor("Send a signal to sleeper's main process");
    app.type('SIGCONT');
    await app.waitFor(/▶ SIGCONT/);
    app.press('enter');
    await app.waitFor('Sent SIGCONT to sleeper.');
    await app.waitFor(sleepRow('S\\S*'), { timeout: 6000 });
    expect(app.screen()).not.toMatch(/T stopped/);
  });

  test('stopping the container with Top on screen: it says the container is not running, and no process is left', async () => {
    // An init passes the stop's SIGTERM on to sleep: no grace period to wait out.
    const c = await makeContainer(own.context, cleanup, {
      name: 'stopper',
      cmd: ['sleep', '100000'],
      init: true,
    });
    const app = await openBerth(own.engine.host);
    // Every container listed: the stopped one stays in the list, selected.
    app.press('A');
    await app.waitFor(/A: running only/);
    await showTopOf(app, 'stopper');

    app.press('escape');
    await app.waitFor(/s stop/);
    app.press('s');
    await app.waitFor(/stopper · exited · busybox:latest/, { timeout: 15_000 });
    await app.waitFor(/stopper is not running \(exited\)/);
    const screen = app.screen();
    expect(screen).not.toMatch(/sleep 100000/);
    expect(screen).not.toContain(c.id.slice(0, 12));
  });

  test('Files shows a file touched in the container as added', async () => {
    const c = await makeContainer(own.context, cleanup, { name: 'toucher', cmd: ['sleep', '100000'] });
    expect((await runExec(own.context, c.id, ['touch', '/new-file.txt'])).exitCode).toBe(0);
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'toucher');
    app.press('enter');
    app.press('[');
    await app.waitFor(/docker diff toucher/);
    await app.waitFor(/A └─ new-file\.txt/);
    expect(app.screen()).toMatch(/1 added · 0 changed · 0 delete/);
  });

  test('Files on screen shows a file as soon as the exec that touched it ends', async () => {
    const c = await makeContainer(own.context, cleanup, { name: 'watched', cmd: ['sleep', '100000'] });
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'watched');
    app.press('enter');
    app.press('[');
    await app.waitFor(/docker diff watched/);
    await app.waitFor(/No changes in watched's writable layer/);
    expect((await runExec(own.context, c.id, ['touch', '/while-shown.txt'])).exitCode).toBe(0);
    // Read again on the exec's events: well before any 5 s refresh would have come.
    await app.waitFor(/A └─ while-shown\.txt/, { timeout: 2500 });
    expect(app.screen()).toMatch(/1 added · 0 changed · 0 delete/);
  });
});
