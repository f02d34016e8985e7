/**
 * Interactive sessions end to end, for both backends: bin/berth in node-pty against a private
 * engine, keys typed into the embedded terminal, the outer terminal checked for leaks.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { startOwnEngine } from '../support/engine.js';
import type { PrivateEngine } from '../support/private-engine.js';
import { disposeAppsAfterEach, type PtyApp } from '../support/pty-app.js';
import { dialogLines, openBerth, selectContainer } from './berth-session.js';

let engine: PrivateEngine;
let ctx: EngineContext;

beforeAll(async () => {
  ({ engine, context: ctx } = await startOwnEngine('terminal'));
  for (const name of ['shell', 'hostile']) {
    const c = await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name,
      Cmd: ['sleep', '100000'],
      HostConfig: { Init: true },
    });
    await c.start();
  }
  const attachable = await ctx.docker.createContainer({
    Image: 'busybox:latest',
    name: 'console',
    Cmd: ['sh'],
    Tty: true,
    OpenStdin: true,
  });
  await attachable.start();
});
afterAll(async () => {
  await engine?.destroy();
});
disposeAppsAfterEach();

/** The terminal pane's rows (the text right of the lists' column), joined. */
function paneText(app: PtyApp): string {
  return app.screen();
}

async function openShell(backend: string, name = 'shell', cols = 120, rows = 36): Promise<PtyApp> {
  const app = await openBerth(engine.host, { cols, rows, env: { BERTH_TERMINAL_BACKEND: backend } });
  await selectContainer(app, name);
  app.press('e');
  await app.waitFor(/Terminal │ docker exec -it \S+ sh/, { timeout: 10_000 });
  await app.waitFor(/│\/ # +│/, { timeout: 10_000 });
  return app;
}

async function run(app: PtyApp, command: string, expected: RegExp) {
  app.type(command);
  app.press('enter');
  return app.waitFor(expected, { timeout: 10_000 });
}

/** Ctrl-P Ctrl-Q, then waits for the status line that says which key returns (it needs ~160 columns). */
async function detach(app: PtyApp, command: string, key: 'e' | 'a') {
  app.press('ctrl+p');
  app.press('ctrl+q');
  // The pane gone too: the sentence may still be on the status line from an earlier detach.
  const said = `Detached: ${command} keeps running; ${key} returns to it.`;
  await app.waitFor((screen) => !screen.includes('Terminal │') && screen.includes(said));
}

/** Accepts the open dialog once one of its rows passes `row`. */
async function acceptDialog(app: PtyApp, row: (line: string) => boolean) {
  await app.waitFor((s) => dialogLines(s).some(row), { timeout: 5000 });
  app.press('enter');
}

describe.each(['cli', 'api'])('with the %s backend', (backend) => {
  test('e opens sh: arithmetic, ls /, and the exit code when it ends', async () => {
    const app = await openShell(backend);
    await run(app, 'echo $((6*7))', /│42 +│/);
    await run(app, 'ls /', /linuxrc/);
    await run(app, 'exit 5', /exited with code 5 · any key returns to the lists/);
    app.press('x');
    await app.waitFor(/Logs/);
    expect(paneText(app)).not.toContain('Terminal │');
  });

  test('busybox top draws full screen in the pane and q leaves it', async () => {
    const app = await openShell(backend);
    await run(app, 'top', /PID +PPID +USER +STAT/);
    app.press('q');
    // Back at the shell: it runs the next command.
    await run(app, 'echo back-$((1+1))', /back-2/);
  });

  test('the pane size reaches the session: stty size agrees, after a resize too', async () => {
    const app = await openShell(backend);
    const before = await run(app, 'stty size', /│(\d+) (\d+) +│/);
    const [, rows1, cols1] = /│(\d+) (\d+) +│/.exec(before)!;
    app.resize(160, 44);
    // The new size reaches the shell a moment after the terminal changed (SIGWINCH, a redraw, the
    // TTY resize): ask again until it answers with another size.
    let after = '';
    for (let attempt = 0; attempt < 10 && !after; attempt++) {
      app.type('clear; stty size');
      app.press('enter');
      after = await app
        .waitFor(
          (s) => {
            const m = /│(\d+) (\d+) +│/.exec(s);
            return Boolean(m && (m[1] !== rows1 || m[2] !== cols1));
          },
          { timeout: 1000 },
        )
        .catch(() => '');
    }
    expect(after, 'stty size never reported the new size').not.toBe('');
    const [, rows2, cols2] = /│(\d+) (\d+) +│/.exec(after)!;
    expect(Number(cols2)).toBeGreaterThan(Number(cols1));
    expect(Number(rows2)).toBeGreaterThan(Number(rows1));
  });

  test('Ctrl-P Ctrl-Q detaches with the shell alive; e returns with the scrollback intact', async () => {
    const app = await openShell(backend);
    await run(app, 'echo marker-$((40+2))', /marker-42/);
    app.press('ctrl+p');
    app.press('ctrl+q');
    await app.waitFor(/Detached: docker exec -it shell sh keeps running/);
    expect(app.screen()).not.toContain('Terminal │');
    // The list marks the container whose session lives on.
    expect(app.screen()).toContain('▶»shell');
    app.press('e');
    await app.waitFor(/Terminal │ docker exec -it shell sh/);
    expect(app.screen()).toContain('marker-42');
    await run(app, 'echo still-$((1+1))', /still-2/);
  });

  test('a detached run -it session is found again: its row is marked, e and a return to it with the scrollback', async () => {
    const app = await openBerth(engine.host, { cols: 160, env: { BERTH_TERMINAL_BACKEND: backend } });
    const before = new Set((await ctx.docker.listContainers({ all: true })).map((c) => c.Id));
    app.press('2');
    await app.waitFor(/│▶ busybox:latest/, { timeout: 5000 });
    app.press('R');
    await app.waitFor((s) => dialogLines(s).includes('Run busybox:latest'), { timeout: 5000 });
    app.type('sh');
    await acceptDialog(app, (l) => l === '> sh');
    // The options offer --rm: kept, as a person pressing Enter keeps it.
    await acceptDialog(app, (l) => l === '> --rm');
    await acceptDialog(app, (l) => l.startsWith('▶ interactive'));
    const command = 'docker run -it --rm busybox:latest sh';
    await app.waitFor(`Terminal │ ${command}`, { timeout: 10_000 });
    await run(app, 'echo run-marker-$((40+2))', /run-marker-42/);
    await detach(app, command, 'e');

    // The container docker named itself: the one the engine has now and did not have before.
    const made = (await ctx.docker.listContainers({ all: true })).filter((c) => !before.has(c.Id));
    expect(made).toHaveLength(1);
    const name = made[0]!.Names[0]!.replace(/^\//, '');
    app.press('1');
    await selectContainer(app, name, { marked: true });
    app.press('e');
    await app.waitFor(`Terminal │ ${command}`);
    expect(app.screen()).toContain('run-marker-42');
    await run(app, 'echo same-shell-$((1+1))', /same-shell-2/);
    await detach(app, command, 'e');
    // a: the session already holds the container's main process, so it is the one shown.
    app.press('a');
    await app.waitFor(`Terminal │ ${command}`);
    expect(app.screen()).toContain('same-shell-2');
    // Neither key made the engine open anything: no exec was created in the container.
    const info = await ctx.docker.getContainer(made[0]!.Id).inspect();
    expect(info.ExecIDs ?? []).toEqual([]);
  });

  test('a detached start -ai session: e returns to it with the scrollback', async () => {
    const name = `idle-${backend}`;
    // Made afresh each try: a retried test finds the first try's container started.
    await ctx.docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
    await ctx.docker.createContainer({
      Image: 'busybox:latest',
      name,
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      AttachStdin: true,
    });
    const app = await openBerth(engine.host, { cols: 160, env: { BERTH_TERMINAL_BACKEND: backend } });
    // A stopped container shows in the list of all containers.
    app.press('A');
    await app.waitFor(/A: running only/);
    await selectContainer(app, name);
    app.press('S');
    await app.waitFor((s) => dialogLines(s).includes(`Start ${name}`), { timeout: 5000 });
    app.type('attached');
    await acceptDialog(app, (l) => l.startsWith('▶ start attached'));
    const command = `docker start -a -i ${name}`;
    await app.waitFor(`Terminal │ ${command}`, { timeout: 10_000 });
    await run(app, 'echo start-marker-$((40+2))', /start-marker-42/);
    await detach(app, command, 'e');
    await app.waitFor(`▶»${name}`);
    app.press('e');
    await app.waitFor(`Terminal │ ${command}`);
    expect(app.screen()).toContain('start-marker-42');
    const info = await ctx.docker.getContainer(name).inspect();
    expect(info.ExecIDs ?? []).toEqual([]);
  });

  test('Ctrl-F toggles the pane to the whole screen', async () => {
    const app = await openShell(backend);
    app.press('ctrl+f');
    await app.waitFor((s) => !s.includes('Containers (') && /Terminal │ .* full screen ┐/.test(s));
    app.press('ctrl+f');
    await app.waitFor(/Containers \(/);
  });

  test('E with a command the container lacks explains it, and berth stays usable', async () => {
    const app = await openBerth(engine.host, { env: { BERTH_TERMINAL_BACKEND: backend } });
    await selectContainer(app, 'shell');
    app.press('E');
    await app.waitFor(/Run a command in shell/);
    app.type('nosuchcmd --flag');
    app.press('enter');
    await app.waitFor(/"nosuchcmd" was not found in container shell/, { timeout: 10_000 });
    app.press('x');
    await app.waitFor((s) => !s.includes('Terminal │'));
    app.press('j');
    await app.waitFor(/Containers/);
  });

  test('UTF-8 split across writes renders whole: €, 日本語', async () => {
    const app = await openShell(backend);
    await run(
      app,
      "printf '\\342\\202'; sleep 0.2; printf '\\254\\n'; printf '\\346\\227'; sleep 0.2; printf '\\245\\346\\234\\254\\350\\252\\236\\n'",
      /日本語/,
    );
    expect(app.screen()).toMatch(/│€ +│/);
  });

  test('Japanese typed into the shell reaches it whole and echoes in two-cell characters', async () => {
    // An input method commits its text as UTF-8 bytes, as typing them does.
    const app = await openShell(backend);
    // 9 bytes: the shell got three whole characters, not mangled ones.
    await run(app, "printf '%s' 日本語 | wc -c; echo 日本語の入力", /│9 +│/);
    await app.waitFor(/│日本語の入力 +│/);
    expect(app.screen()).toMatch(/│\/ # printf '%s' 日本語 \| wc -c; echo 日本語の入力 +│/);
  });

  test('a title, a clipboard write and screen switches from the container stay in the pane', async () => {
    const app = await openShell(backend, 'hostile');
    const title = app.title;
    await run(
      app,
      "printf '\\033]0;pwned\\007\\033]52;c;cHduZWQ=\\007\\033[?1049l\\033[?1000h'; echo done-$((2+2))",
      /done-4/,
    );
    expect(app.title).toBe(title);
    expect(app.clipboardWrites).toEqual([]);
    expect(app.bufferType).toBe('alternate');
    expect(app.modes.mouseTrackingMode).toBe('none');
    expect(app.screen()).toContain('Containers (');
  });
});

test('a attaches to a container with a TTY; detaching leaves it running', async () => {
  const app = await openBerth(engine.host, { env: { BERTH_TERMINAL_BACKEND: 'api' } });
  await selectContainer(app, 'console');
  app.press('a');
  await app.waitFor(/Terminal │ docker attach console/, { timeout: 10_000 });
  app.type('echo attached-$((3*3))');
  app.press('enter');
  await app.waitFor(/attached-9/, { timeout: 10_000 });
  app.press('ctrl+p');
  app.press('ctrl+q');
  await app.waitFor(/Detached/);
  const info = await ctx.docker.getContainer('console').inspect();
  expect(info.State.Running).toBe(true);
});
