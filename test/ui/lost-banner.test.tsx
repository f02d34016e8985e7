/**
 * The lost-connection banner takes a row of its own: the panes give it up, so the frame still
 * ends a row above the terminal's last and the status line stays on screen. QA saw the status
 * line gone at 200×60 with the banner up, and border characters left on it after a resize: the
 * details pane kept its full height, the frame reached the last row, and Ink then clears and
 * writes the whole screen itself.
 */
import { afterEach, expect, test } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

test.each([
  [200, 60],
  [160, 45],
  [80, 24],
])('at %i×%i with the banner up, every pane, the status line and a free last row fit', async (cols, rows) => {
  const engine = createFakeEngine({ containers: [fakeContainer({ name: 'web' })] });
  let onStatus: ((s: { state: 'disconnected'; error: EngineError }) => void) | undefined;
  const subscribe = engine.subscribeToEvents;
  engine.subscribeToEvents = (o) => {
    onStatus = o.onStatus as typeof onStatus;
    return subscribe(o);
  };
  const model = await startedModel(engine);
  const screen = renderToScreen(appElement(model), { cols, rows });
  rendered.push(screen);
  await screen.waitFor(/▶ web/);
  onStatus?.({
    state: 'disconnected',
    error: new EngineError('EngineUnreachable', 'Cannot connect to the Docker engine.'),
  });
  await screen.waitFor(/Engine connection lost — reconnecting/);
  await screen.waitForStable(50);
  const lines = screen.screen().split('\n');
  expect(lines[0]).toContain('Engine connection lost');
  expect(lines[1]).toMatch(/^┌ Containers/);
  // The status line (the docker command for the selected row) above the last row, which stays free.
  expect(lines[rows - 2]).toMatch(/docker stop -t \d+ web/);
  expect(lines[rows - 1]?.trim() ?? '').toBe('');
  // Every pane's bottom border is drawn above the status line.
  expect(lines[rows - 3]).toMatch(/^└.*┘$/);
});
