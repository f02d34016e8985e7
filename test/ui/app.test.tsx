/**
 * The whole app against a fake engine (fixture data, recorded calls), rendered into a sized
 * xterm emulator: layout at 80×24 and 160×45, dialogs, keys, read-only mode. Engine behaviour
 * itself is proven against the private dockerd in test/engine and test/e2e.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { classifyError, EngineError } from '../../src/engine/errors.js';
import { DEFAULT_KEYMAP } from '../../src/keys/bindings.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, type FakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function fixtures(): FakeEngine {
  const web = fakeContainer({
    name: 'web',
    ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }],
  });
  const db = fakeContainer({ name: 'db', state: 'paused', status: 'Up 2 hours (Paused)' });
  const worker = fakeContainer({ name: 'worker', state: 'exited', status: 'Exited (137) 5 minutes ago' });
  const api = fakeContainer({ name: 'shop-api', composeProject: 'shop', status: 'Up 2 minutes' });
  const cache = fakeContainer({
    name: 'shop-cache',
    composeProject: 'shop',
    state: 'created',
    status: 'Created',
  });
  return createFakeEngine({
    containers: [web, db, worker, api, cache],
    images: [
      fakeImage({ repoTags: ['busybox:latest'] }),
      fakeImage({ repoTags: ['shop/api:1.2', 'shop/api:latest'], size: 48_100_000 }),
      fakeImage({ repoTags: [], size: 1_200 }),
    ],
    logs: {
      [web.id]: [
        { stream: 'stdout', text: 'GET / 200 3ms', timestamp: '2026-11-28T10:00:01.000000001Z' },
        { stream: 'stderr', text: 'warning: slow upstream', timestamp: '2026-11-28T10:00:02.000000001Z' },
        { stream: 'stdout', text: '\x1b[32mcoloured\x1b[0m ok', timestamp: '2026-11-28T10:00:03.000000001Z' },
      ],
    },
  });
}

async function open(
  engine: FakeEngine | EngineError,
  options: { cols?: number; rows?: number; readOnly?: boolean } = {},
) {
  const model = await startedModel(engine, { readOnly: options.readOnly });
  const screen = renderToScreen(appElement(model), { cols: options.cols ?? 160, rows: options.rows ?? 45 });
  rendered.push(screen);
  return { screen, model };
}

/**
 * Makes the fake engine's stop (or restart) wait until the test lets it answer, recording the
 * call as the fake does: the countdown on the status line is there to be seen meanwhile.
 */
function holdStop(engine: FakeEngine, method: 'stopContainer' | 'restartContainer' = 'stopContainer') {
  let answer: () => void = () => undefined;
  engine[method] = (id, options) => {
    engine.calls.push([method === 'stopContainer' ? 'stop' : 'restart', id, options]);
    return new Promise<void>((resolve) => {
      answer = resolve;
    });
  };
  return () => answer();
}

describe('the main screen', () => {
  test('at 160×45: lists side by side, logs of the selected container, the docker command for it', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/coloured ok/);
    await expect(screen.screen()).toMatchFileSnapshot('__snapshots__/main-160x45.txt');
  });

  test('at 80×24 the panes stack and still show every list', async () => {
    const { screen } = await open(fixtures(), { cols: 80, rows: 24 });
    await screen.waitFor(/coloured ok/);
    await expect(screen.screen()).toMatchFileSnapshot('__snapshots__/main-80x24.txt');
  });

  test('below 40×10 it says the terminal is too small, and recovers on resize', async () => {
    const { screen } = await open(fixtures(), { cols: 39, rows: 12 });
    await screen.waitFor(/too small/);
    expect(screen.screen()).toContain('39×12; needs 40×10');
    screen.resize(100, 30);
    await screen.waitFor(/Containers \(3\/5\)/);
  });

  test('stderr lines are marked, colours kept, and timestamps toggle with t', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/coloured ok/);
    expect(screen.screen()).toMatch(/E warning: slow upstream/);
    expect(screen.rawOutput()).toContain('\x1b[32mcoloured');
    screen.press('enter');
    screen.press('t');
    await screen.waitFor(/2026-11-28T10:00:02Z warning: slow upstream/);
  });
});

describe('a compose project label from the container', () => {
  test('is one line in its heading: a line break becomes a space, escape codes go', async () => {
    const engine = createFakeEngine({
      containers: [
        fakeContainer({ name: 'web' }),
        fakeContainer({ name: 'odd-one', composeProject: 'two\nlines\x1b[2Jcleared' }),
      ],
    });
    const { screen } = await open(engine);
    await screen.waitFor(/odd-one/);
    const rows = screen.screen().split('\n');
    const heading = rows.findIndex((row) => row.includes('▾ two lines'));
    expect(rows[heading]).toMatch(/▾ two linescleared \(1\)/);
    // The row right under the heading is the project's container: nothing pushed down.
    expect(rows[heading + 1]).toMatch(/odd-one/);
  });
});

describe('keys and dialogs', () => {
  test('K asks before killing; n keeps it running, y sends SIGKILL', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('K');
    await screen.waitFor(/Kill web\?/);
    expect(screen.screen()).toContain('docker kill web');
    screen.press('n');
    await screen.waitFor((s) => !s.includes('Kill web?'));
    expect(engine.calls.filter((c) => c[0] === 'kill')).toEqual([]);
    screen.press('K');
    await screen.waitFor(/Kill web\?/);
    screen.press('enter');
    await screen.waitFor((s) => !s.includes('Kill web?'));
    expect(engine.calls.filter((c) => c[0] === 'kill')).toEqual([]);
    screen.press('K');
    await screen.waitFor(/Kill web\?/);
    screen.press('y');
    await screen.waitFor(/Killed web \(SIGKILL\)/);
    expect(engine.calls).toContainEqual(['kill', engine.containers[0]!.id, 'SIGKILL']);
  });

  test('s stops with the configured grace period and shows the countdown and the command', async () => {
    const engine = fixtures();
    const finishStop = holdStop(engine);
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('s');
    await screen.waitFor(/docker stop -t 7 web · Stopping web: SIGTERM sent, SIGKILL in [67] s/);
    expect(engine.calls).toContainEqual(['stop', engine.containers[0]!.id, { graceSeconds: 7 }]);
    finishStop();
    await screen.waitFor(/Stopped web\./);
  });

  test.each([
    ['the kill', 'kill'],
    ['the stop', 'stop'],
  ] as const)(
    'K then y during a stop, %s answering first: the last word says it was killed',
    async (_, first) => {
      const engine = fixtures();
      const finishStop = holdStop(engine);
      engine.killContainer = async (id, signal) => {
        engine.calls.push(['kill', id, signal]);
        // As the engine may: the stop it cut short answers before the kill does.
        if (first === 'stop') {
          finishStop();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const { screen } = await open(engine);
      await screen.waitFor(/▶ web/);
      screen.press('s');
      await screen.waitFor(/Stopping web: SIGTERM sent, SIGKILL in [67] s/);
      screen.press('K');
      await screen.waitFor(/Kill web\?/);
      screen.press('y');
      if (first === 'kill') {
        await screen.waitFor(/Killed web \(SIGKILL\)/);
        finishStop();
      }
      const command = first === 'kill' ? 'docker stop -t 7 web' : 'docker kill web';
      await screen.waitFor(`${command} · Stopped web: killed with SIGKILL before the grace period ended.`);
      await screen.waitForStable(100);
      expect(screen.screen()).toContain('Stopped web: killed with SIGKILL before the grace period ended.');
      expect(engine.calls.map((c) => c[0])).toEqual(['stop', 'kill']);
    },
  );

  test('K then y as the container exits on its SIGTERM: nothing claims a kill that failed', async () => {
    const engine = fixtures();
    const finishStop = holdStop(engine);
    engine.killContainer = async (id, signal) => {
      engine.calls.push(['kill', id, signal]);
      finishStop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new EngineError(
        'Conflict',
        'Cannot kill container: web: Container web is not running',
        `Container ${id} is not running`,
        409,
      );
    };
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('s');
    await screen.waitFor(/Stopping web: SIGTERM sent/);
    screen.press('K');
    await screen.waitFor(/Kill web\?/);
    screen.press('y');
    await screen.waitFor('docker kill web · web is already stopped.');
    await screen.waitForStable(100);
    expect(screen.screen()).not.toMatch(/killed with SIGKILL|Could not/);
  });

  test('r counts down to the SIGKILL of its stop, as s does', async () => {
    const engine = fixtures();
    const finishRestart = holdStop(engine, 'restartContainer');
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('r');
    await screen.waitFor(/docker restart -t 7 web · Restarting web: SIGTERM sent, SIGKILL in [67] s/);
    expect(engine.calls).toContainEqual(['restart', engine.containers[0]!.id, { graceSeconds: 7 }]);
    finishRestart();
    await screen.waitFor(/Restarted web\./);
  });

  test('x opens the signal menu, typing narrows it, Enter sends the highlighted signal', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('x');
    await screen.waitFor(/Send a signal to web/);
    for (const signal of [
      'SIGTERM',
      'SIGKILL',
      'SIGSTOP',
      'SIGCONT',
      'SIGHUP',
      'SIGINT',
      'SIGUSR1',
      'SIGUSR2',
    ]) {
      expect(screen.screen()).toContain(signal);
    }
    screen.type('usr2');
    await screen.waitFor((s) => !s.includes('SIGHUP'));
    screen.press('enter');
    await screen.waitFor(/Sent SIGUSR2 to web/);
    expect(engine.calls).toContainEqual(['kill', engine.containers[0]!.id, 'SIGUSR2']);
  });

  test('typing a signal by name sends that signal, not one whose hint has the word', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    const web = engine.containers[0]!.id;
    // SIGTERM's hint says "ask to stop"; SIGSTOP is what `STOP` names.
    for (const [typed, signal] of [
      ['STOP', 'SIGSTOP'],
      ['term', 'SIGTERM'],
      ['cont', 'SIGCONT'],
    ] as const) {
      screen.press('x');
      await screen.waitFor(/Send a signal to web/);
      screen.type(typed);
      await screen.waitFor(new RegExp(`> ${typed}`));
      expect(screen.screen()).toMatch(new RegExp(`▶ ${signal} `));
      screen.press('enter');
      await screen.waitFor(new RegExp(`Sent ${signal} to web`));
      expect(engine.calls.filter((c) => c[0] === 'kill').at(-1)).toEqual(['kill', web, signal]);
    }
  });

  test('Enter on a menu where nothing matches keeps it open; the typo mended, Enter picks', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('x');
    await screen.waitFor(/Send a signal to web/);
    screen.type('j');
    await screen.waitFor(/nothing matches/);
    screen.press('enter');
    await screen.waitForStable(100);
    expect(screen.screen()).toMatch(/Send a signal to web/);
    expect(screen.screen()).toMatch(/nothing matches/);
    screen.press('backspace');
    screen.type('hup');
    await screen.waitFor(/▶ SIGHUP /);
    screen.press('enter');
    await screen.waitFor(/Sent SIGHUP to web/);
    expect(engine.calls.filter((c) => c[0] === 'kill')).toEqual([
      ['kill', engine.containers[0]!.id, 'SIGHUP'],
    ]);
  });

  test('the palette ranks an action named by the word above one whose description has it', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    // containerStop comes first in the palette and its description says "then SIGKILL".
    screen.type('kill');
    await screen.waitFor(/▶ containerKill /);
    screen.press('enter');
    await screen.waitFor(/Kill web\?/);
    screen.press('n');
    await screen.waitFor((s) => !s.includes('Kill web?'));
    expect(engine.calls.filter((c) => c[0] === 'stop' || c[0] === 'kill')).toEqual([]);
  });

  test('the signal menu warns that a paused container will also be resumed', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/▶ web/);
    screen.press('j');
    await screen.waitFor(/▶ db/);
    screen.press('x');
    await screen.waitFor(/db is paused: on Docker Engine 20\.10 any signal also unpauses it/);
  });

  test('p on a paused container unpauses it', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('j');
    await screen.waitFor(/▶ db/);
    screen.press('p');
    await screen.waitFor(/Unpaused db/);
    expect(engine.calls.map((c) => c[0])).toContain('unpause');
  });

  test('d on a running container offers force (locked on) and volumes, default No', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('d');
    await screen.waitFor(/Remove web\?/);
    expect(screen.screen()).toMatch(/\[x\] force/);
    expect(screen.screen()).toMatch(/\[ \] also remove its anonymous volumes \(v\)/);
    screen.press('v');
    await screen.waitFor(/\[x\] also remove/);
    screen.press('y');
    await screen.waitFor(/Removed web/);
    expect(engine.calls).toContainEqual(['remove', engine.containers[0]!.id, { force: true, volumes: true }]);
  });

  test('P previews exactly the stopped containers and removes those on y', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('P');
    await screen.waitFor(/Remove 2 stopped containers\?/);
    expect(screen.screen()).toMatch(/worker +exited/);
    expect(screen.screen()).toMatch(/shop-cache +created/);
    screen.press('y');
    await screen.waitFor(/Removed 2 stopped containers/);
    expect(engine.calls).toContainEqual(['prune', ['worker', 'shop-cache']]);
  });

  test('Ctrl-L asks for the whole screen to be drawn again, from the lists and from the filter line', async () => {
    const model = await startedModel(fixtures());
    let redraws = 0;
    const screen = renderToScreen(appElement(model, { redrawScreen: () => redraws++ }), {
      cols: 160,
      rows: 45,
    });
    rendered.push(screen);
    await screen.waitFor(/▶ web/);
    screen.press('ctrl+l');
    await vi.waitFor(() => expect(redraws).toBe(1));
    screen.press('/');
    screen.type('sh');
    await screen.waitFor(/Containers \(1\/5\)/);
    screen.press('ctrl+l');
    await vi.waitFor(() => expect(redraws).toBe(2));
    // The filter line kept its text, and goes on taking keys.
    screen.type('op');
    await screen.waitFor(/\/shop/);
  });

  test('a redraw key remapped to a letter still types that letter in the filter line', async () => {
    const model = await startedModel(fixtures());
    let redraws = 0;
    const keymap = { ...DEFAULT_KEYMAP, redraw: ['z'] };
    const screen = renderToScreen(appElement(model, { keymap, redrawScreen: () => redraws++ }), {
      cols: 160,
      rows: 45,
    });
    rendered.push(screen);
    await screen.waitFor(/▶ web/);
    screen.press('/');
    screen.type('zq');
    await screen.waitFor(/\/zq/);
    expect(redraws).toBe(0);
  });

  test('A shows all containers; / filters and Esc clears the filter', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/Containers \(3\/5\)/);
    expect(screen.screen()).not.toContain('worker');
    screen.press('A');
    await screen.waitFor(/worker +exited +Exited \(137\) 5 minutes ago/);
    screen.press('/');
    screen.type('shop');
    await screen.waitFor(/Containers \(2\/5\)/);
    expect(screen.screen()).not.toMatch(/▶ web| {2}web /);
    screen.press('escape');
    await screen.waitFor(/Containers \(5\/5\)/);
    // A filter kept with Enter is cleared by Esc on the list.
    screen.press('/');
    screen.type('shop');
    screen.press('enter');
    await screen.waitFor(/Containers \(2\/5\)/);
    screen.press('escape');
    await screen.waitFor(/Containers \(5\/5\)/);
  });

  test('when the selected container goes away the cursor stays in place, on the next one', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('A');
    await screen.waitFor(/Containers \(5\/5\)/);
    screen.press('j');
    screen.press('j');
    await screen.waitFor(/▶ worker/);
    const worker = engine.containers.find((c) => c.name === 'worker')!;
    engine.containers = engine.containers.filter((c) => c !== worker);
    engine.emit({ action: 'destroy', id: worker.id });
    await screen.waitFor(/Containers \(4\/4\)/);
    expect(screen.screen()).toMatch(/▶ shop-api/);
  });

  test('] and [ switch the detail tabs while the list has the focus', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/▶ web/);
    await screen.waitFor(/coloured ok/);
    screen.press(']');
    // The Inspect tab replaces the log lines (the fake engine has no inspect for it: it says so).
    await screen.waitFor((s) => !s.includes('coloured ok') && s.includes('not in the fake'));
    screen.press('[');
    await screen.waitFor(/coloured ok/);
  });

  test('? lists the keys of the focused pane from the keymap', async () => {
    const { screen } = await open(fixtures());
    await screen.waitFor(/▶ web/);
    screen.press('?');
    await screen.waitFor(/Keys/);
    const text = screen.screen();
    expect(text).toMatch(/s +stop: SIGTERM, then SIGKILL after the grace period/);
    expect(text).toMatch(/K +kill: SIGKILL \(asks first\)/);
    expect(text).toMatch(/q, Ctrl-C +quit/);
  });

  test('images: d on an image with two tags asks which, the shown one first; y removes just that tag', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    screen.press('2');
    await screen.waitFor(/Images \(3\)/);
    screen.press('j');
    await screen.waitFor(/▶ shop\/api:1\.2 \+1/);
    screen.press('d');
    await screen.waitFor(/Remove which name of shopapi12aaa\?/);
    expect(screen.screen()).toMatch(/▶ shop\/api:1\.2 +this name only; the image stays/);
    expect(screen.screen()).toMatch(/ {3}shop\/api:latest +this name only/);
    expect(screen.screen()).toMatch(/ {3}shopapi12aaa +the image, with all 2 names \(-f\)/);
    screen.press('enter');
    await screen.waitFor(/Remove shop\/api:1\.2\?/);
    // The sentence may wrap in the dialog: its two halves, each on its row.
    expect(screen.screen()).toMatch(/Removes the tag shop\/api:1\.2; the image stays under its 1 other tag/);
    expect(screen.screen()).toMatch(/\(shop\/api:latest\)\./);
    screen.press('y');
    await screen.waitFor(/docker rmi shop\/api:1\.2 · Removed shop\/api:1\.2/);
    expect(engine.calls).toContainEqual(['removeImage', 'shop/api:1.2', { force: false }]);
  });

  test('--read-only refuses every action that changes the engine, and says so', async () => {
    const engine = fixtures();
    const { screen } = await open(engine, { readOnly: true });
    await screen.waitFor(/▶ web/);
    screen.press('s');
    await screen.waitFor(/read-only mode/);
    screen.press('K');
    screen.press('P');
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.screen()).not.toContain('Kill web?');
    expect(engine.calls).toEqual([]);
  });
});

/** A container with an id like the engine's (64 hex digits), so its sentences carry one. */
function withEngineIds(engine: FakeEngine): FakeEngine {
  engine.containers = engine.containers.map((c, i) => ({ ...c, id: `${i}`.padStart(2, '0').repeat(32) }));
  return engine;
}

/** Makes the fake engine answer `call` as the private engine does, through the engine layer's classifier. */
function answers(
  engine: FakeEngine,
  call: 'stopContainer' | 'startContainer' | 'pauseContainer' | 'unpauseContainer' | 'killContainer',
  verb: string,
  raw: (id: string) => object,
) {
  engine[call] = async (id: string) => {
    engine.calls.push([verb, id]);
    throw classifyError(raw(id), { action: `${verb} ${id}` });
  };
}

describe('what the engine answers, as the status line says it', () => {
  test('s on a stopped container says it is already stopped, by name, as information', async () => {
    const engine = withEngineIds(
      createFakeEngine({
        containers: [fakeContainer({ name: 'mine', state: 'exited', status: 'Exited (0) 1 minute ago' })],
      }),
    );
    answers(engine, 'stopContainer', 'stop', () => ({ statusCode: 304, json: '' }));
    const { screen } = await open(engine);
    screen.press('A');
    await screen.waitFor(/▶ mine/);
    screen.press('s');
    await screen.waitFor(/docker stop -t 7 mine · mine is already stopped\./);
    expect(screen.screen()).not.toMatch(/Could not|[0-9a-f]{12}/);
    expect(engine.calls).toEqual([['stop', engine.containers[0]!.id]]);
  });

  test('S on a running container and p on one the engine says is already paused: information too', async () => {
    const engine = withEngineIds(createFakeEngine({ containers: [fakeContainer({ name: 'mine' })] }));
    answers(engine, 'startContainer', 'start', () => ({ statusCode: 304, json: '' }));
    // The list still says running: the pause from elsewhere has not reached it yet.
    answers(engine, 'pauseContainer', 'pause', (id) => ({
      statusCode: 409,
      json: { message: `Container ${id} is already paused` },
    }));
    const { screen } = await open(engine);
    await screen.waitFor(/▶ mine/);
    screen.press('S');
    await screen.waitFor(/docker start mine · mine is already running\./);
    screen.press('p');
    await screen.waitFor(/docker pause mine · mine is already paused\./);
    expect(screen.screen()).not.toMatch(/Could not/);
  });

  test('a real failure names the container as the list does, not by its 64-digit id', async () => {
    const engine = withEngineIds(createFakeEngine({ containers: [fakeContainer({ name: 'mine' })] }));
    answers(engine, 'killContainer', 'send SIGKILL to', (id) => ({
      statusCode: 409,
      json: { message: `Cannot kill container: ${id}: Container ${id} is not running` },
    }));
    const { screen } = await open(engine);
    await screen.waitFor(/▶ mine/);
    screen.press('K');
    await screen.waitFor(/Kill mine\?/);
    screen.press('y');
    await screen.waitFor(
      /Could not send SIGKILL to mine: Cannot kill container: mine: Container mine is not running/,
    );
    const id = engine.containers[0]!.id;
    expect(screen.screen()).not.toContain(id.slice(0, 12));
  });
});

describe('engine trouble', () => {
  test('an unreachable engine at start shows the diagnosis and the retry', async () => {
    const error = new EngineError(
      'EngineUnreachable',
      'Cannot connect to the Docker engine at unix:///nope.sock. Is the Docker daemon running?',
      'ENOENT',
    );
    const { screen } = await open(error, { cols: 100, rows: 30 });
    await screen.waitFor(/berth cannot reach the Docker engine/);
    expect(screen.screen()).toContain('Problem:   EngineUnreachable');
    expect(screen.screen()).toMatch(/Is the Docker daemon running\?/);
    expect(screen.screen()).toMatch(/Trying again in \d+ s/);
  });

  test('a lost event stream shows a banner until the engine is back', async () => {
    const engine = fixtures();
    let status:
      | ((s: { state: 'disconnected'; error: EngineError } | { state: 'reconnected' }) => void)
      | undefined;
    const subscribe = engine.subscribeToEvents;
    engine.subscribeToEvents = (o) => {
      status = o.onStatus as typeof status;
      return subscribe(o);
    };
    const { screen } = await open(engine);
    await screen.waitFor(/▶ web/);
    status?.({
      state: 'disconnected',
      error: new EngineError('EngineUnreachable', 'Cannot connect to the Docker engine.'),
    });
    await screen.waitFor(/Engine connection lost — reconnecting/);
    status?.({ state: 'reconnected' });
    await screen.waitFor((s) => !s.includes('Engine connection lost'));
  });
});
