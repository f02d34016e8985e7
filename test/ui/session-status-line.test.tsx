/**
 * While a session has the keys, the status line offers the session's keys, not the lists' (QA saw
 * `s stop  S start  K kill…` there while every key went to the shell). The session here is a
 * stand-in: what is under test is the screen around it, not the engine.
 */
import { afterEach, expect, test } from 'vitest';
import type { TerminalSession } from '../../src/engine/session.js';
import { SessionsModel } from '../../src/state/sessions.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

let endSession: (code: number) => void = () => undefined;

function standInSession(): TerminalSession {
  return {
    id: 'exec-1',
    tty: true,
    canWrite: true,
    note: undefined,
    write: () => undefined,
    resize: async () => undefined,
    onData: (listener) => {
      setTimeout(() => listener(Buffer.from('/ # '), 'stdout'), 10);
      return () => undefined;
    },
    onExit: (listener) => {
      endSession = listener;
      return () => undefined;
    },
    onError: () => () => undefined,
    close: async () => undefined,
  };
}

test('with a session open, the status line shows its command and the keys that leave it', async () => {
  const model = await startedModel(createFakeEngine({ containers: [fakeContainer({ name: 'web' })] }));
  const sessions = new SessionsModel(async () => standInSession());
  const screen = renderToScreen(appElement(model, { sessions }), { cols: 120, rows: 30 });
  rendered.push(screen);
  await screen.waitFor(/▶ web/);
  expect(screen.screen().split('\n')[28]).toMatch(/s stop/);
  screen.press('e');
  await screen.waitFor(/\/ # /);
  const status = screen.screen().split('\n')[28] ?? '';
  expect(status).toMatch(/docker exec -it web sh/);
  expect(status).toMatch(/Ctrl-P Ctrl-Q detach/);
  expect(status).not.toMatch(/s stop|K kill/);
  // Ended, the pane waits for any key: the status line says so, not "detach".
  endSession(0);
  await screen.waitFor(/any key returns to the lists/);
  const ended = screen.screen().split('\n')[28] ?? '';
  expect(ended).toMatch(/exited with code 0 · any key returns/);
  expect(ended).not.toMatch(/Ctrl-P Ctrl-Q detach/);
});
