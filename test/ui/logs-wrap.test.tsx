/**
 * Wrapping in the Logs tab (`w`), drawn in a sized xterm: each line takes the rows it needs, the
 * next one starts below it, and nothing is drawn over anything else, whether the wrap was toggled
 * with the lines on screen or the lines were first drawn the other way.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { LogLine } from '../../src/engine/logs.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const numbers = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i)).join(' ');
const stdout = (text: string): LogLine => ({ stream: 'stdout', text });

/** The log from the QA report: two lines longer than the pane is wide, two short ones. */
const FOUR_LINES = [
  stdout(`A ${numbers(1, 60)}`),
  stdout('B second line'),
  stdout(`C ${numbers(100, 150)}`),
  stdout('D end'),
];

/**
 * Lines of three 35-column words: at 68 columns Ink wraps each onto three rows (a word per row),
 * one more than their width (110) over the pane's.
 */
const WORDY_LINES = [
  ...Array.from({ length: 30 }, (_, i) =>
    stdout(`${String(i + 1).padStart(35, 'a')} ${'b'.repeat(35)} ${'c'.repeat(35)}`),
  ),
  stdout('D end'),
];

/** The app on a 120×30 terminal (the Logs pane 68 columns wide), with a container per log. */
async function open(logs: Record<string, LogLine[]>) {
  const containers = Object.keys(logs).map((name) => fakeContainer({ name }));
  const engine = createFakeEngine({
    containers,
    logs: Object.fromEntries(containers.map((c) => [c.id, logs[c.name]!])),
  });
  const screen = renderToScreen(appElement(await startedModel(engine)), { cols: 120, rows: 30 });
  rendered.push(screen);
  return screen;
}

/** The rows of log text in the Logs pane, as drawn (trailing blanks removed). */
function paneRows(screen: RenderedScreen): string[] {
  const left = screen.row(0).indexOf('┌ Logs');
  const rows: string[] = [];
  // Row 0 is the border with the tabs, row 1 the container's heading; the bottom border ends it.
  for (let n = 2; screen.row(n)[left] === '│'; n++) {
    const row = screen.row(n);
    rows.push(row.slice(left + 1, row.length - 1).trimEnd());
  }
  return rows;
}

/** Waits for `title` in the pane's border, then for the frame to settle. */
async function settled(screen: RenderedScreen, title: RegExp): Promise<string[]> {
  await screen.waitFor(title);
  await screen.waitForStable(80);
  return paneRows(screen);
}

const words = (text: string) => text.split(' ').filter(Boolean);
/** The rows in use: up to the last one with text. */
const usedRows = (rows: string[]) => rows.slice(0, rows.findLastIndex((r) => r !== '') + 1);
/** Rows where a log line begins: the stream's two-column mark, then the text. */
const lineStarts = (rows: string[]) => rows.flatMap((r, i) => (/^ {2}\S/.test(r) ? [i] : []));

/** Every word of `lines`, in order, over consecutive rows: no row blank, none drawn over. */
function expectWrapped(rows: string[], lines: LogLine[]) {
  const used = usedRows(rows);
  expect(used).not.toContain('');
  expect(words(used.join(' '))).toEqual(words(lines.map((l) => l.text).join(' ')));
  expect(lineStarts(used).map((i) => words(used[i]!)[0])).toEqual(lines.map((l) => words(l.text)[0]));
  expect(used.length).toBeGreaterThan(lines.length);
}

/** A row a line, from the pane's top, each cut at the pane's edge; blank rows after them. */
function expectOneRowEach(rows: string[], lines: LogLine[]) {
  expect(rows.slice(lines.length).every((r) => r === '')).toBe(true);
  lines.forEach((line, i) => {
    const row = rows[i]!;
    expect(`  ${line.text}`.startsWith(row.replace(/…$/, ''))).toBe(true);
    expect(row.length).toBeGreaterThan(2);
  });
}

describe('wrapping the Logs tab', () => {
  test('w wraps the lines on screen, each below the last, and w again puts each back on one row', async () => {
    const screen = await open({ web: FOUR_LINES });
    await screen.waitFor(/D end/);
    screen.press('enter');
    expectOneRowEach(await settled(screen, /─ following ┐/), FOUR_LINES);
    screen.press('w');
    expectWrapped(await settled(screen, /following · wrap/), FOUR_LINES);
    screen.press('w');
    expectOneRowEach(await settled(screen, /─ following ┐/), FOUR_LINES);
  });

  test('lines first drawn wrapped go back to a row each when w turns wrapping off, with no blank rows', async () => {
    const screen = await open({ alpha: [stdout('alpha is up')], web: FOUR_LINES });
    await screen.waitFor(/alpha is up/);
    screen.press('enter', 'w');
    await settled(screen, /following · wrap/);
    screen.press('escape', 'j');
    await screen.waitFor(/▶ web/);
    await screen.waitFor(/D end/);
    expectWrapped(await settled(screen, /following · wrap/), FOUR_LINES);
    screen.press('enter', 'w');
    expectOneRowEach(await settled(screen, /─ following ┐/), FOUR_LINES);
  });

  test('following a wrapped log that fills the pane keeps the newest line on its bottom row', async () => {
    const screen = await open({ web: WORDY_LINES });
    await screen.waitFor(/D end/);
    screen.press('enter', 'w');
    const rows = await settled(screen, /following · wrap/);
    expect(rows).not.toContain('');
    expect(rows.at(-1)).toBe('  D end');
    // The rows shown are the log's last lines, whole, in order.
    const first = WORDY_LINES.findIndex((l) => l.text.startsWith(words(rows[0]!)[0]!));
    expect(first).toBeGreaterThan(0);
    expect(words(rows.join(' '))).toEqual(
      words(
        WORDY_LINES.slice(first)
          .map((l) => l.text)
          .join(' '),
      ),
    );
  });

  test('a paused wrapped view cuts its last line at the pane bottom without drawing lines over each other', async () => {
    const screen = await open({ web: WORDY_LINES });
    await screen.waitFor(/D end/);
    // g goes to the oldest line; the pane's 25 rows hold eight lines of three rows and one row
    // of the ninth.
    screen.press('enter', 'w', 'g');
    const rows = await settled(screen, /paused scroll · wrap/);
    expect(rows).not.toContain('');
    const shown = words(rows.join(' '));
    const all = words(WORDY_LINES.map((l) => l.text).join(' '));
    expect(shown).toEqual(all.slice(0, shown.length));
    expect(shown.length % 3).not.toBe(0);
  });
});
