/**
 * The Logs tab's title says how many older lines the buffer dropped, for the container shown
 * only: moving on from one whose log overflowed the buffer shows the next one's count (none).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { LogLine } from '../../src/engine/logs.js';
import { LogsModel } from '../../src/state/logs-model.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const lines = (prefix: string, count: number): LogLine[] =>
  Array.from({ length: count }, (_, i) => ({ stream: 'stdout', text: `${prefix} line ${i + 1}` }));

describe('the dropped lines in the Logs title', () => {
  test("are the selected container's: none for a quiet one after a flooded one", async () => {
    const flood = fakeContainer({ name: 'flood' });
    const quiet = fakeContainer({ name: 'quiet' });
    const capacity = 100;
    const engine = createFakeEngine({
      containers: [flood, quiet],
      logs: { [flood.id]: lines('flood', 250), [quiet.id]: lines('quiet', 5) },
    });
    const app = appElement(await startedModel(engine), { logs: new LogsModel(capacity) });
    const screen = renderToScreen(app, { cols: 160, rows: 30 });
    rendered.push(screen);
    await screen.waitFor(/flood line 250/);
    expect(screen.screen()).toContain(`${250 - capacity} older lines dropped`);
    screen.press('j');
    await screen.waitFor(/quiet line 5/);
    await screen.waitForStable(80);
    expect(screen.screen()).toMatch(/quiet · running .* 5 lines/);
    expect(screen.screen()).not.toMatch(/older lines dropped/);
  });
});
