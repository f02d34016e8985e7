/**
 * Child process of the benchmark: reads a finished container's whole log through berth's own
 * pipeline (engine streamLogs → LogsModel → LogBuffer, timestamps on, as the Logs tab asks) and
 * prints `{"ms":…, "lines":…}`. Its buffer holds every line, so the engine sends them all (the
 * app asks for the last `capacity` lines).
 *
 *   node --import tsx scripts/bench/log-ingest.ts HOST CONTAINER_ID LINES
 */
import { performance } from 'node:perf_hooks';
import { createContext, negotiate } from '../../src/engine/client.js';
import { parseHost } from '../../src/engine/connection.js';
import { createEngine } from '../../src/engine/engine.js';
import { LogsModel } from '../../src/state/logs-model.js';

const [host, containerId, linesArg] = process.argv.slice(2);
if (!host || !containerId || !linesArg) throw new Error('usage: log-ingest.ts HOST CONTAINER_ID LINES');
const context = createContext(parseHost(host, 'the benchmark engine'));
await negotiate(context);
const engine = createEngine(context);
const logs = new LogsModel(Number(linesArg));

const start = performance.now();
const finished = new Promise<void>((resolve) => {
  const unsubscribe = logs.store.subscribe(() => {
    if (!logs.store.get().streaming) {
      unsubscribe();
      resolve();
    }
  });
});
await logs.open(engine, containerId);
await finished;
const ms = performance.now() - start;
const error = logs.store.get().error;
process.stdout.write(`${JSON.stringify({ ms, lines: logs.buffer.totalPushed, error })}\n`);
process.exit(0);
