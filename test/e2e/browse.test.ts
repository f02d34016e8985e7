/**
 * Looking around in the real app (`bin/berth` in a pty) against an engine of this file's own
 * holding the demo containers: logs of the selected container, containers that appear from
 * outside, all/running, the filter, the help screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { DEFAULT_KEYMAP } from '../../src/keys/bindings.js';
import { helpSections } from '../../src/keys/help.js';
import { createDemoContainers } from '../support/demo-containers.js';
import { makeContainer, runCleanup, startOwnEngine } from '../support/engine.js';
import { disposeAppsAfterEach, type PtyApp } from '../support/pty-app.js';
import { dialogLines, openBerth, selectContainer } from './berth-session.js';

disposeAppsAfterEach();

let own: Awaited<ReturnType<typeof startOwnEngine>>;
let context: EngineContext;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  own = await startOwnEngine('e2e-browse');
  context = own.context;
  await createDemoContainers(own.engine.socketPath);
});
afterEach(() => runCleanup(cleanup));
afterAll(async () => {
  await own?.engine.destroy();
});

/** The names in the containers list, top to bottom (group headings left out). */
function listedNames(app: PtyApp): string[] {
  return app
    .screen()
    .split('\n')
    .map((row) => /^│[▶ ] (\S+) +(running|paused|restarting|created|removing|exited|dead) /.exec(row)?.[1])
    .filter((name): name is string => name !== undefined);
}

async function engineNames(all: boolean): Promise<string[]> {
  const list = await context.docker.listContainers({ all });
  return list.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).sort();
}

describe('browsing containers', () => {
  test('the logs of the selected container show stdout and stderr, stderr marked E, and follow new lines', async () => {
    const c = await makeContainer(context, cleanup, {
      name: 'talker',
      init: true,
      cmd: ['sh', '-c', 'echo "to stdout 1"; echo "to stderr 1" >&2; echo "to stdout 2"; exec sleep 100000'],
    });
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'talker');
    await app.waitFor('to stdout 2');
    const screen = app.screen();
    expect(screen).toMatch(/││ {2}to stdout 1 +│/);
    expect(screen).toMatch(/││E to stderr 1 +│/);
    expect(screen).toMatch(/││ {2}to stdout 2 +│/);
    // Each stream in its own order (the engine does not order lines across the two streams).
    expect(screen.indexOf('to stdout 1')).toBeLessThan(screen.indexOf('to stdout 2'));

    // A line written later reaches the pane while it follows.
    const exec = await c.container.exec({ Cmd: ['sh', '-c', 'echo "written later" > /proc/1/fd/2'] });
    await exec.start({});
    await app.waitFor(/││E written later +│/);
  });

  test('a container created from outside appears on screen within a second', async () => {
    const app = await openBerth(own.engine.host);
    const created = await context.docker.createContainer({
      Image: 'busybox:latest',
      name: 'newcomer',
      Cmd: ['sleep', '100000'],
      HostConfig: { Init: true },
    });
    cleanup.push(() => created.remove({ force: true }));
    await created.start();
    const started = Date.now();
    await app.waitFor(/│[▶ ] newcomer +running/, { timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('A toggles between running containers and all of them', async () => {
    const app = await openBerth(own.engine.host);
    const running = await engineNames(false);
    const all = await engineNames(true);
    expect(all.length).toBeGreaterThan(running.length);

    const shows = (names: string[]) => () => listedNames(app).sort().join() === names.join();
    await app.waitFor(`Containers (${running.length}/${all.length})`);
    await app.waitFor(shows(running));
    app.press('A');
    await app.waitFor(`Containers (${all.length}/${all.length}) all`);
    await app.waitFor(shows(all));
    expect(app.screen()).toMatch(/│ {2}worker +exited +Exited \(3\)/);
    app.press('A');
    await app.waitFor(`Containers (${running.length}/${all.length}) `);
    await app.waitFor(shows(running));
  });

  test('/ narrows the list as you type; Esc clears the filter', async () => {
    const app = await openBerth(own.engine.host);
    app.press('A');
    await app.waitFor(/Containers \(\d+\/\d+\) all/);
    await app.waitFor(() => listedNames(app).includes('worker'));
    const everything = listedNames(app);
    expect(everything).toEqual(expect.arrayContaining(['db', 'web', 'worker', 'shop-api', 'shop-cache']));

    app.press('/');
    await app.waitFor((_screen, a) => /^│\/ /.test(a.row(1)));
    app.type('sho');
    await app.waitFor(() => listedNames(app).length === 2);
    expect(listedNames(app)).toEqual(['shop-api', 'shop-cache']);
    app.type('p-c');
    await app.waitFor(() => listedNames(app).length === 1);
    expect(listedNames(app)).toEqual(['shop-cache']);
    expect(app.row(1)).toMatch(/^│\/shop-c /);

    app.press('escape');
    await app.waitFor(() => listedNames(app).length === everything.length);
    expect(listedNames(app)).toEqual(everything);
    expect(app.row(1)).not.toMatch(/^│\//);
  });

  test('? shows the keys from the keymap; j scrolls when they do not fit, any other key closes it', async () => {
    const app = await openBerth(own.engine.host);
    app.press('?');
    // The footer is the dialog's last line: once it and the bottom border below it show, the
    // whole dialog is drawn (a frame can arrive in more than one chunk).
    const drawn = (screen: string) => /key closes[^\n]*\n[^\n]*╰/.test(screen);
    const shown = dialogLines(await app.waitFor(drawn));
    // The containers list has focus: its keys first, then the lists' and the global ones.
    const expected = helpSections(DEFAULT_KEYMAP, ['containers', 'lists', 'global']).flatMap((section) => [
      section.title,
      ...section.rows
        .filter((row) => row.keys)
        .map((row) => `${`  ${row.keys}`.padEnd(16)}${row.description}`),
    ]);
    const visible = shown.slice(1, -1).filter((line) => line !== '');
    expect(visible.length).toBeGreaterThan(10);
    visible.forEach((line, i) => {
      const want = expected[i] ?? '';
      // Long descriptions are cut with an ellipsis to the dialog's width.
      expect(want.trim().startsWith(line.replace(/…$/, '').trim())).toBe(true);
    });
    expect(visible).toContain('S             start');

    if (shown.some((line) => line.includes(' below · '))) {
      app.press('j');
      await app.waitFor(/1 above · /);
    }
    app.press('q');
    await app.waitFor((screen) => dialogLines(screen).length === 0);
    expect(app.screen()).toContain('Containers (');
  });
});
