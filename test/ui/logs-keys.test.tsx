/**
 * The keys that move the log view work on the lines on screen: `f` pauses where the view is,
 * and a scroll key counts rows at the width the pane draws them (it counted 2 columns narrower,
 * so with wrap on a line the pane drew on one row was two to the keys, and `k` jumped down).
 */
import { afterEach, expect, test } from 'vitest';
import type { LogLine } from '../../src/engine/logs.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

/** 100 lines `L001 xx…`, each `length` characters. */
function numberedLines(length: number): LogLine[] {
  return Array.from({ length: 100 }, (_, i) => {
    const head = `L${String(i + 1).padStart(3, '0')} `;
    return { stream: 'stdout', text: head + 'x'.repeat(length - head.length) };
  });
}

async function openLogs(lines: LogLine[]) {
  const web = fakeContainer({ name: 'web' });
  const model = await startedModel(createFakeEngine({ containers: [web], logs: { [web.id]: lines } }));
  // 120 columns side by side: the details pane is 70 wide, its log text 68.
  const screen = renderToScreen(appElement(model), { cols: 120, rows: 30 });
  rendered.push(screen);
  await screen.waitFor(/L100/);
  screen.press('enter');
  return screen;
}

/** The numbers of the log lines on screen, top to bottom. */
const shownNumbers = (screen: string) => [...screen.matchAll(/L(\d{3}) x/g)].map((m) => Number(m[1]));

test('f pauses on the lines on screen', async () => {
  const screen = await openLogs(numberedLines(40));
  await screen.waitForStable(50);
  const following = shownNumbers(screen.screen());
  expect(following.at(-1)).toBe(100);
  screen.press('f');
  await screen.waitFor(/paused/);
  await screen.waitForStable(50);
  expect(shownNumbers(screen.screen())).toEqual(following);
});

test('with wrap on, k scrolls up one line from what the pane shows', async () => {
  // 2 columns of stream mark + 66: exactly one row of the pane's 68.
  const screen = await openLogs(numberedLines(66));
  screen.press('w');
  await screen.waitForStable(80);
  const before = shownNumbers(screen.screen());
  expect(before.at(-1)).toBe(100);
  screen.press('k');
  await screen.waitForStable(80);
  const after = shownNumbers(screen.screen());
  expect(after[0]).toBe((before[0] ?? 0) - 1);
});
