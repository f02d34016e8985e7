/**
 * AppModel's early engine: the event stream and the lists asked for beside `connect`'s question,
 * with the API version a previous start negotiated. Kept when the negotiation agrees, dropped
 * (stream closed, lists asked again of the negotiated client) when it does not or when the
 * engine cannot be reached. Fake engines: this is the model's bookkeeping, not an engine
 * operation (the e2e tests start berth many times over one cache folder, through this path).
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { EngineError } from '../../src/engine/errors.js';
import { AppModel, type Connect } from '../../src/state/app-model.js';
import { createFakeEngine, fakeContainer } from '../support/fake-engine.js';

/** A fake engine that records when its full list was asked for and how many event streams are open. */
function watched(name: string) {
  const fake = createFakeEngine({ containers: [fakeContainer({ name })] });
  const record = { listed: 0, open: 0 };
  const engine: Engine = {
    ...fake,
    listContainers: (o) => {
      // The full listing, once per load (a load also asks for the running ones beside it).
      if (o?.all && !o.ids) record.listed++;
      return fake.listContainers(o);
    },
    subscribeToEvents: (o) => {
      record.open++;
      const subscription = fake.subscribeToEvents(o);
      return {
        close: () => {
          record.open--;
          subscription.close();
        },
      };
    },
  };
  return { engine, record };
}

/** A `connect` that answers only when the test says so. */
function heldConnect(answer: Awaited<ReturnType<Connect>>) {
  let release: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const connect = async () => {
    await asked;
    return answer;
  };
  return { connect, release: () => release() };
}

const names = (model: AppModel) =>
  [...(model.containers?.store.get().byId.values() ?? [])].map((c) => c.name);

describe('AppModel with an early engine', () => {
  it('asks for the lists before connect answers, and keeps them when the version agrees', async () => {
    const early = watched('from-early');
    const late = watched('from-connect');
    const held = heldConnect({ ok: true, engine: late.engine, version: '20.10', apiVersion: '1.41' });
    const model = new AppModel({
      connect: held.connect,
      early: () => ({ engine: early.engine, apiVersion: '1.41' }),
    });
    const started = model.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early.record.listed).toBe(1);
    expect(early.record.open).toBe(1);
    expect(model.connection.get().state).toBe('connecting');

    held.release();
    await started;
    expect(model.connection.get()).toMatchObject({ state: 'ready', version: '20.10' });
    expect(model.engine).toBe(early.engine);
    expect(names(model)).toEqual(['from-early']);
    expect(late.record).toEqual({ listed: 0, open: 0 });
    model.dispose();
    expect(early.record.open).toBe(0);
  });

  it('drops the early answers when the negotiated version differs, and asks the negotiated client', async () => {
    const early = watched('from-early');
    const late = watched('from-connect');
    const model = new AppModel({
      connect: async () => ({ ok: true, engine: late.engine, version: '25.0', apiVersion: '1.45' }),
      early: () => ({ engine: early.engine, apiVersion: '1.41' }),
    });
    await model.start();
    expect(early.record.open).toBe(0);
    expect(model.engine).toBe(late.engine);
    expect(names(model)).toEqual(['from-connect']);
    expect(model.connection.get().state).toBe('ready');
    model.dispose();
  });

  it('drops them when the engine cannot be reached, and says so', async () => {
    const early = watched('from-early');
    const model = new AppModel({
      connect: async () => ({ ok: false, error: new EngineError('EngineUnreachable', 'Cannot connect.') }),
      early: () => ({ engine: early.engine, apiVersion: '1.41' }),
      retryMs: 60_000,
    });
    await model.start();
    expect(model.connection.get().state).toBe('unreachable');
    expect(early.record.open).toBe(0);
    expect(model.engine).toBeUndefined();
    expect(model.containers).toBeUndefined();
    model.dispose();
  });

  it('on a host that had many containers, asks the early engine for the running ones at once too', async () => {
    const asked: string[] = [];
    const early = watched('from-early');
    const engine: Engine = {
      ...early.engine,
      listContainers: (o) => {
        asked.push(o?.all ? 'all' : 'running');
        return early.engine.listContainers(o);
      },
    };
    const held = heldConnect({ ok: true, engine: watched('late').engine, apiVersion: '1.41' });
    const model = new AppModel({
      connect: held.connect,
      early: () => ({ engine, apiVersion: '1.41', manyContainers: true }),
    });
    const started = model.start();
    expect(asked).toEqual(['all', 'running']);
    held.release();
    await started;
    model.dispose();

    asked.length = 0;
    const usual = new AppModel({
      connect: heldConnect({ ok: true, engine: watched('late').engine, apiVersion: '1.41' }).connect,
      early: () => ({ engine, apiVersion: '1.41' }),
    });
    void usual.start();
    expect(asked).toEqual(['all']);
    usual.dispose();
  });

  it('without an early engine, asks for the lists only after connect answers, as before', async () => {
    const late = watched('from-connect');
    const held = heldConnect({ ok: true, engine: late.engine, apiVersion: '1.41' });
    const model = new AppModel({ connect: held.connect, early: () => undefined });
    const started = model.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.record.listed).toBe(0);
    held.release();
    await started;
    expect(late.record.listed).toBe(1);
    expect(names(model)).toEqual(['from-connect']);
    model.dispose();
  });
});
