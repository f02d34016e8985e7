import { afterEach, expect, test } from 'vitest';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

async function helpAt(cols: number, rows: number): Promise<string> {
  const model = await startedModel(createFakeEngine({ containers: [fakeContainer({ name: 'web' })] }));
  const screen = renderToScreen(appElement(model), { cols, rows });
  rendered.push(screen);
  await screen.waitFor(/▶ web/);
  screen.press('?');
  await screen.waitFor(/Keys/);
  return screen.screen();
}

// The longest description in the help, the signal menu's, was cut at 90 columns whatever the
// terminal's width ("…SIGHUP, SIGINT, SI…" at 200×60).
test('a wide terminal shows every key description whole in the help', async () => {
  const text = await helpAt(200, 60);
  expect(text).toMatch(/send a signal: SIGTERM, SIGKILL, SIGSTOP, SIGCONT, SIGHUP, SIGINT, SIGUSR1, SIGUSR2/);
});

test('at 80 columns the help still fits the screen, descriptions cut with an ellipsis', async () => {
  const text = await helpAt(80, 24);
  const lines = text.split('\n');
  expect(lines.every((line) => line.length <= 80)).toBe(true);
  expect(text).toMatch(/send a signal: SIGTERM, SIGKILL.*…/);
});
