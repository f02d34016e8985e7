/**
 * A paused Logs tab under a flood: the bounded buffer drops the oldest lines, the paused ones
 * with them, and the view moves on to the oldest kept. It cannot hold still, so it says so.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { LogLineSink } from '../../src/engine/logs.js';
import { LogsModel } from '../../src/state/logs-model.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

/** The fake engine, with log streams whose lines come when the test prints them. */
function floodingEngine(names = ['flood']) {
  const engine = createFakeEngine({ containers: names.map((name) => fakeContainer({ name })) });
  let sink: LogLineSink | undefined;
  let printed = 0;
  engine.streamLogLines = async (_id, _options, to) => {
    sink = to;
    return { tty: false, done: new Promise<void>(() => undefined), stop: () => undefined };
  };
  /** The container whose stream opened last prints `count` more lines: `line 1`, `line 2`, … */
  const print = (count: number) => {
    if (!sink) throw new Error('no log stream is open');
    for (let i = 0; i < count; i++) {
      const bytes = Buffer.from(`line ${++printed}`);
      sink.line('stdout', bytes, 0, bytes.length, 0, 0);
    }
    sink.batch(count);
  };
  return { engine, print };
}

/** The number in the first `line N` on screen. */
const firstLineShown = (screen: string) => Number(/ {2}line (\d+)/.exec(screen)?.[1]);

describe('a paused Logs tab under a flood', () => {
  test('says the paused lines were dropped and that it shows the oldest kept, until it follows again', async () => {
    const capacity = 100;
    const { engine, print } = floodingEngine();
    const app = appElement(await startedModel(engine), { logs: new LogsModel(capacity) });
    const screen = renderToScreen(app, { cols: 160, rows: 30 });
    rendered.push(screen);
    await screen.waitFor(/No output from flood yet/);
    print(capacity);
    await screen.waitFor(new RegExp(`line ${capacity}\\b`));
    screen.press('enter', 'pageup');
    await screen.waitFor(/paused scroll/);
    await screen.waitForStable(80);
    const pausedOn = firstLineShown(screen.screen());
    expect(pausedOn).toBeGreaterThan(1);
    expect(screen.screen()).not.toMatch(/Paused lines dropped/);

    // Three buffers' worth: the paused lines are long gone; the oldest kept is the first shown.
    print(3 * capacity);
    const oldestKept = 3 * capacity + 1;
    await screen.waitFor(new RegExp(` {2}line ${oldestKept}\\b`));
    await screen.waitForStable(80);
    const shown = screen.screen();
    expect(shown).toMatch(/paused scroll/);
    expect(firstLineShown(shown)).toBe(oldestKept);
    expect(shown).toContain(
      `Paused lines dropped: the view moved ${oldestKept - pausedOn} lines on, to the oldest of the ${capacity} kept`,
    );

    // Following again, nothing is missing from the view: the notice goes.
    screen.press('end');
    await screen.waitFor(/following/);
    await screen.waitForStable(80);
    expect(screen.screen()).not.toMatch(/Paused lines dropped/);
    expect(screen.screen()).toMatch(new RegExp(`line ${4 * capacity}\\b`));
  });

  test('pausing with f on a container opened after another stays on its lines and says nothing was dropped', async () => {
    const { engine, print } = floodingEngine(['alpha', 'beta']);
    const app = appElement(await startedModel(engine), { logs: new LogsModel(100) });
    const screen = renderToScreen(app, { cols: 160, rows: 30 });
    rendered.push(screen);
    await screen.waitFor(/No output from alpha yet/);
    print(60);
    await screen.waitFor(/line 60\b/);
    screen.press('j');
    await screen.waitFor(/No output from beta yet/);
    print(30);
    await screen.waitFor(/line 90\b/);
    // f pauses on the lines on screen: beta's, of which none were dropped.
    screen.press('enter');
    await screen.waitForStable(80);
    const following = firstLineShown(screen.screen());
    screen.press('f');
    await screen.waitFor(/paused scroll/);
    await screen.waitForStable(80);
    expect(firstLineShown(screen.screen())).toBe(following);
    expect(screen.screen()).not.toMatch(/Paused lines dropped/);
  });
});
