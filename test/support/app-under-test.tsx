/**
 * The whole App on a fake engine, as the UI tests (and the bench's render-cost) build it: one
 * place for the props every test would otherwise spell out again.
 */
import type { ReactElement } from 'react';
import { EngineError } from '../../src/engine/errors.js';
import { DEFAULT_KEYMAP } from '../../src/keys/bindings.js';
import { Actions } from '../../src/state/actions.js';
import { AppModel } from '../../src/state/app-model.js';
import { LogsModel } from '../../src/state/logs-model.js';
import { apiOpener, SessionsModel } from '../../src/state/sessions.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { themeFor } from '../../src/ui/theme.js';
import type { FakeEngine } from './fake-engine.js';

/** A model connected to `engine` (or failing with it), its first lists read. */
export async function startedModel(
  engine: FakeEngine | EngineError,
  options: { readOnly?: boolean } = {},
): Promise<AppModel> {
  const model = new AppModel({
    readOnly: options.readOnly,
    retryMs: 60_000,
    connect: async () =>
      engine instanceof EngineError ? { ok: false, error: engine } : { ok: true, engine },
  });
  await model.start();
  return model;
}

/** The App for `model` with test defaults (grace 7 s, logs saved to /tmp); any prop can be changed. */
export function appElement(model: AppModel, overrides: Partial<AppProps> = {}): ReactElement {
  return (
    <App
      model={model}
      actions={new Actions(model)}
      logs={new LogsModel(1000)}
      keymap={DEFAULT_KEYMAP}
      theme={themeFor({})}
      graceSeconds={7}
      copyToClipboard={() => undefined}
      logsDirectory="/tmp"
      sessions={new SessionsModel(apiOpener)}
      {...overrides}
    />
  );
}
