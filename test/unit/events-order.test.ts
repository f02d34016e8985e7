import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import type { EngineContext } from '../../src/engine/client.js';
import { type EngineEvent, subscribeToEvents } from '../../src/engine/events.js';

/** A context whose event stream is a PassThrough the test writes raw engine events into. */
function fakeContext(stream: PassThrough): EngineContext {
  return {
    docker: { getEvents: async () => stream },
    endpoint: { url: 'unix:///fake.sock' },
    apiVersion: '1.41',
    call: (_action: string, run: () => Promise<unknown>) => run(),
  } as unknown as EngineContext;
}

const raw = (id: string, timeNano: bigint) =>
  `${JSON.stringify({ Type: 'container', Action: 'create', Actor: { ID: id, Attributes: {} }, timeNano: Number(timeNano) })}\n`;

test('events that reach the stream out of order (a burst of creates) are all delivered', async () => {
  const stream = new PassThrough();
  const events: EngineEvent[] = [];
  const sub = subscribeToEvents(fakeContext(stream), { onEvent: (e) => events.push(e) });
  await new Promise((resolve) => setImmediate(resolve));
  // The engine stamps each event before queueing it: a later stamp can be sent first.
  const base = BigInt(Date.now() + 1000) * 1_000_000n;
  stream.write(raw('a', base + 2_000n));
  stream.write(raw('b', base + 1_000n));
  stream.write(raw('c', base + 3_000n));
  await new Promise((resolve) => setImmediate(resolve));
  sub.close();
  expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
});
