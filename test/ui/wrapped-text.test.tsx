/**
 * Prose on screens and dialogs at 80 columns and less: said whole, wrapped at words, no row
 * starting with the space it was broken at. QA found a removal confirmation cut mid-word
 * ("…will be dele…"), the engine-problem screen's rows starting with a stray space, and the
 * too-small notice cut at 30 columns.
 */
import { afterEach, expect, test } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { ConfirmDialog } from '../../src/ui/overlays/ConfirmDialog.js';
import { PromptDialog } from '../../src/ui/overlays/PromptDialog.js';
import { EngineProblem } from '../../src/ui/screens/EngineProblem.js';
import { TooSmall } from '../../src/ui/screens/TooSmall.js';
import { themeFor } from '../../src/ui/theme.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});
const theme = themeFor({});
/** The screen's text as one line of words, for "is it all there" checks across wrapped rows. */
const words = (screen: string) => screen.replace(/[│┌┐└┘─]/g, ' ').replace(/\s+/g, ' ');

/** A confirmation `width` wide showing at most `maxLines` of `lines`, on an 80×24 screen. */
function renderConfirm(title: string, lines: string[], width: number, maxLines: number): RenderedScreen {
  const screen = renderToScreen(
    <ConfirmDialog
      overlay={{ kind: 'confirm', title, lines, yesLabel: 'remove', tone: 'danger', onYes: () => undefined }}
      width={width}
      maxLines={maxLines}
      theme={theme}
      onClose={() => undefined}
    />,
    { cols: 80, rows: 24 },
  );
  rendered.push(screen);
  return screen;
}

test('a confirmation wraps its sentences to the dialog and says them whole', async () => {
  const sentence =
    'mine (4303725531aa, busybox:latest) and its writable layer will be deleted; named volumes stay.';
  const screen = renderConfirm('Remove mine?', [sentence, '  web   exited'], 60, 10);
  await screen.waitFor(/Remove mine/);
  const text = screen.screen();
  expect(words(text)).toContain(sentence);
  expect(text).not.toContain('…');
  // A line's own indentation stays.
  expect(text).toMatch(/│ {3}web {3}exited/);
});

test('a list longer than the dialog shows whole entries and counts the others', async () => {
  const lines = Array.from(
    { length: 12 },
    (_, i) =>
      `festive_montalcini_${i}  exited  registry.example.com/team/service-app:1.2.${i}  Exited (0) 3 days ago`,
  );
  const screen = renderConfirm('Remove 12 stopped containers?', lines, 76, 14);
  await screen.waitFor(/more/);
  const text = words(screen.screen());
  // Each entry takes two rows at 72 columns: six whole ones in the 13 rows left beside the count.
  for (let i = 0; i < 6; i++) expect(text).toContain(words(lines[i] ?? ''));
  expect(text).not.toContain('festive_montalcini_6');
  expect(text).toContain('… and 6 more');
});

test('the engine-problem screen wraps its message with no row starting with a space', async () => {
  const message =
    'Cannot connect to the Docker engine at unix:///tmp/nonexist.sock. Is the Docker daemon running? Start it with `sudo systemctl start docker` (or `sudo dockerd`), or point DOCKER_HOST at a running engine.';
  const screen = renderToScreen(
    <EngineProblem
      problem={{
        state: 'unreachable',
        error: new EngineError('EngineUnreachable', message, 'ENOENT: connect ENOENT /tmp/nonexist.sock'),
        retryAt: Date.now() + 5000,
      }}
      width={80}
      theme={theme}
    />,
    { cols: 80, rows: 24 },
  );
  rendered.push(screen);
  await screen.waitFor(/cannot reach/);
  const rows = screen.screen().split('\n');
  const first = rows.findIndex((row) => row.includes('Cannot connect'));
  const messageRows = rows.slice(first, first + 3);
  expect(words(messageRows.join('\n'))).toContain(message);
  // The frame pads every row by one column: a row of the message starts right after it.
  for (const row of messageRows) expect(row).toMatch(/^ \S/);
});

test('a prompt says what its answer may hold whole, wrapped at words', async () => {
  const label = "Command (empty: the image's default CMD); split into words, no shell runs it";
  const screen = renderToScreen(
    <PromptDialog
      overlay={{ kind: 'prompt', title: 'Run busybox:latest', label, onSubmit: () => undefined }}
      width={60}
      theme={theme}
      onClose={() => undefined}
    />,
    { cols: 80, rows: 24 },
  );
  rendered.push(screen);
  await screen.waitFor(/Run busybox/);
  expect(words(screen.screen())).toContain(label);
});

test('the too-small notice is whole at 30×8', async () => {
  const screen = renderToScreen(<TooSmall cols={30} rows={8} />, { cols: 30, rows: 8 });
  rendered.push(screen);
  await screen.waitFor(/30×8/);
  expect(words(screen.screen())).toContain(
    'berth: the terminal is too small 30×8; needs 40×10. Resize it, or q to quit.',
  );
});
