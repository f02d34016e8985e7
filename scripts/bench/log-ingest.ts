/**
 * Child process of the benchmark: reads a container's whole log through berth's own pipeline
 * (engine streamLogs → LogsModel → LogBuffer) with the request the Logs tab makes: followed only
 * while the container runs, timestamps only while shown (off by default; `--timestamps` asks as
 * after `t`; `--follow` follows a stopped container too, as berth did before). Prints
 * `{"ms":…, "cpuMs":…, "lines":…}` (cpuMs: this process's CPU time while reading). Its buffer holds every line, so the engine sends them all (the app
 * asks for the last `capacity` lines).
 *
 *   node --import tsx scripts/bench/log-ingest.ts HOST CONTAINER_ID LINES [--timestamps] [--follow]
 */
import { performance } from 'node:perf_hooks';
import { createContext, negotiate } from '../../src/engine/client.js';
import { parseHost } from '../../src/engine/connection.js';
import { createEngine } from '../../src/engine/engine.js';
import { LogsModel } from '../../src/state/logs-model.js';

const [host, containerId, linesArg, ...flags] = process.argv.slice(2);
if (!host || !containerId || !linesArg) {
  throw new Error('usage: log-ingest.ts HOST CONTAINER_ID LINES [--timestamps] [--follow]');
}
const context = createContext(parseHost(host, 'the benchmark engine'));
await negotiate(context);
const engine = createEngine(context);
const logs = new LogsModel(Number(linesArg));
const details = await engine.inspectContainer(containerId);
const options = {
  follow: flags.includes('--follow') || details.state.running,
  timestamps: flags.includes('--timestamps'),
};

const start = performance.now();
const cpuStart = process.cpuUsage();
const finished = new Promise<void>((resolve) => {
  const unsubscribe = logs.store.subscribe(() => {
    if (!logs.store.get().streaming) {
      unsubscribe();
      resolve();
    }
  });
});
await logs.open(engine, containerId, options);
await finished;
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const error = logs.store.get().error;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, lines: logs.buffer.totalPushed, error, ...options })}\n`);
process.exit(0);
