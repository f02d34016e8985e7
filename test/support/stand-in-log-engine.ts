/**
 * An engine whose log stream is a stand-in: lines arrive only when a test delivers them, and the
 * stream never ends. For LogsModel's own behaviour; what a real engine sends is tested in
 * test/state/logs-model.test.ts.
 */
import type { Engine } from '../../src/engine/engine.js';
import type { LogLineSink } from '../../src/engine/logs.js';

export function standInLogEngine() {
  let sink: LogLineSink | undefined;
  const engine = {
    streamLogLines: async (_id: string, _options: unknown, to: LogLineSink) => {
      sink = to;
      return { tty: false, done: new Promise<void>(() => undefined), stop: () => undefined };
    },
  } as unknown as Engine;
  /** The given lines arrive on stdout, in one batch, on the stream opened last. */
  const deliver = (lines: readonly string[]) => {
    if (!sink) throw new Error('no log stream is open');
    for (const line of lines) {
      const bytes = Buffer.from(line);
      sink.line('stdout', bytes, 0, bytes.length, 0, 0);
    }
    sink.batch(lines.length);
  };
  return { engine, deliver };
}
