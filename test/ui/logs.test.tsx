/**
 * The Logs tab's keys against the fake engine, drawn in a sized xterm: the scroll pause belongs
 * to one container's logs, Ctrl-S saves what is shown, and a move shows none of the last
 * container's lines. What the engine is asked for (follow,
 * timestamps) is proven against the private dockerd in test/state/logs-model.test.ts.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { LogLine } from '../../src/engine/logs.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const r of rendered.splice(0)) r.unmount();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function lines(prefix: string, count: number): LogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    stream: 'stdout',
    text: `${prefix} line ${i + 1}`,
    timestamp: `2026-11-28T10:00:${String(i % 60).padStart(2, '0')}.000000001Z`,
  }));
}

async function open(
  wrap: (app: ReactElement) => ReactElement = (app) => app,
  mode: 'auto' | 'frames' = 'auto',
) {
  const alpha = fakeContainer({ name: 'alpha' });
  const beta = fakeContainer({ name: 'beta' });
  const engine = createFakeEngine({
    containers: [alpha, beta],
    logs: { [alpha.id]: lines('alpha', 200), [beta.id]: lines('beta', 200) },
  });
  const model = await startedModel(engine);
  const logsDirectory = await mkdtemp(path.join(os.tmpdir(), 'berth-logs-ui-'));
  dirs.push(logsDirectory);
  const screen = renderToScreen(wrap(appElement(model, { logsDirectory })), { cols: 160, rows: 45, mode });
  rendered.push(screen);
  return { screen, logsDirectory };
}

describe('the Logs tab', () => {
  test("a paused scroll stays with its container: the next container's logs start following", async () => {
    const { screen } = await open();
    await screen.waitFor(/alpha line 200/);
    screen.press('enter', 'f');
    await screen.waitFor(/paused scroll/);
    screen.press('escape', 'j');
    await screen.waitFor(/▶ beta/);
    await screen.waitFor(/beta line 200/);
    expect(screen.screen()).toMatch(/following/);
    expect(screen.screen()).not.toMatch(/paused scroll/);
  });

  test('Ctrl-S saves the lines as shown: without timestamps, and with them once t shows them', async () => {
    const { screen, logsDirectory } = await open();
    await screen.waitFor(/alpha line 200/);
    screen.press('enter', 'ctrl+s');
    await screen.waitFor(/Saved 200 lines/);
    screen.press('t');
    await screen.waitFor(/10:00:19Z alpha line 200/);
    // The file name has the time to the second: the second save must not overwrite the first.
    await new Promise((r) => setTimeout(r, 1100));
    screen.press('ctrl+s');
    await screen.waitFor(/docker logs -t alpha >/);
    const files = (await readdir(logsDirectory)).sort();
    expect(files).toHaveLength(2);
    const [plain, stamped] = await Promise.all(
      files.map((f) => readFile(path.join(logsDirectory, f), 'utf8').then((t) => t.split('\n'))),
    );
    expect(plain!.at(-2)).toBe('alpha line 200');
    expect(stamped!.at(-2)).toBe('2026-11-28T10:00:19.000000001Z alpha line 200');
  });

  test("a move draws the list at once and the pane next, never one container's name over another's lines", async () => {
    // Frame by frame: Ink's debug mode writes every render whole (live frames come in pieces).
    const { screen } = await open((app) => app, 'frames');
    await screen.waitFor(/alpha line 200/);
    await screen.waitForStable(100);
    const drawn = screen.frames().length;
    const before = stripVTControlCharacters(screen.frames()[drawn - 1]!).split('\n');
    screen.press('j');
    await screen.waitFor(/▶ beta/);
    await screen.waitFor(/beta line 200/);
    const frames = screen
      .frames()
      .slice(drawn)
      .map((frame) => stripVTControlCharacters(frame));
    // The key's own frame moves the bar and changes nothing else: the two rows whose selection
    // moved are its only changed lines. The pane (alpha's header over alpha's lines) and the status
    // line's hint (`docker stop … alpha`) are rendered next: the list reads the cursor itself,
    // and the rest of the screen follows in a transition (MainScreen's `dispatch`).
    const changed = frames[0]!.split('\n').filter((line, i) => line !== before[i]);
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^│ {2}alpha/);
    expect(changed[1]).toMatch(/^│▶ beta/);
    expect(frames[0]).toMatch(/alpha · running/);
    expect(frames[0]).toMatch(/alpha line 200/);
    expect(frames[0]).toMatch(/docker stop .*alpha/);
    expect(frames[1]).toMatch(/docker stop .*beta/);
    // Then the pane, waiting for beta's stream (opened 80 ms later), then beta's lines: no third
    // render as the Logs tab resets, and no "No output" frame before the lines.
    const withBetaLines = frames.findIndex((frame) => frame.includes('beta line'));
    expect(frames.slice(0, withBetaLines)).toHaveLength(2);
    expect(frames[1]).toMatch(/beta · running · .* 0 lines/);
    expect(frames[1]).toMatch(/Reading the logs of beta…/);
    // In no frame is one container's name over the other's lines.
    for (const frame of frames) {
      expect(frame.includes('beta · running') && frame.includes('alpha line')).toBe(false);
      expect(frame.includes('alpha · running') && frame.includes('beta line')).toBe(false);
    }
  });

  test('Ctrl-S right after a move saves nothing while the pane has not caught up, and says so', async () => {
    const { screen, logsDirectory } = await open();
    await screen.waitFor(/alpha line 200/);
    // Ctrl-S lands before beta's stream opens (80 ms after the pane follows the cursor): the
    // buffer then holds alpha's lines or none, and a file named after beta must not be written.
    screen.press('j', 'enter', 'ctrl+s');
    await screen.waitFor(/The logs of beta are not shown yet: nothing saved/);
    await screen.waitFor(/beta line 200/);
    expect(await readdir(logsDirectory)).toEqual([]);
    // Once beta's lines are shown, Ctrl-S saves them.
    screen.press('ctrl+s');
    await screen.waitFor(/Saved 200 lines/);
    const [file] = await readdir(logsDirectory);
    expect(file).toMatch(/^berth-beta-/);
    expect(await readFile(path.join(logsDirectory, file!), 'utf8')).toMatch(/^beta line 1\n/);
  });
});
