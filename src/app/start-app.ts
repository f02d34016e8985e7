/**
 * `berth` with no command: asks the engine first, then loads the UI.
 *
 * The connection is begun before Ink, React and the panes are loaded, so the engine's answers
 * (its version, then the container and image lists, which take the engine a while on a host with
 * a thousand containers) are on their way while the UI's modules initialise and the first frame
 * is drawn. Only the engine and state layers are loaded before the request goes out.
 */
import { connectToEngine, contextPinnedTo } from '../engine/diagnose.js';
import { createEngine } from '../engine/engine.js';
import { berthCacheDir } from '../launch/load-bundle.js';
import { AppModel } from '../state/app-model.js';
import { recallApiVersion, rememberApiVersion } from './api-versions.js';
import {
  MANY_CONTAINERS,
  onceFullyListed,
  recallContainerCount,
  rememberContainerCount,
} from './container-counts.js';
import type { AppOptions } from './run-app.js';

export type { AppOptions };

export async function startApp(options: AppOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('berth needs an interactive terminal. For a plain-text check use `berth doctor`.\n');
    return 1;
  }
  const cacheDir = berthCacheDir();
  const model = new AppModel({
    readOnly: options.readOnly,
    // The event stream and the lists asked for at once, with the API version the last start
    // negotiated with this endpoint.
    early: () => {
      const pinned = contextPinnedTo(options, (endpoint) => recallApiVersion(cacheDir, endpoint.url));
      if (!pinned) return undefined;
      const lastCount = recallContainerCount(cacheDir, pinned.context.endpoint.url);
      return {
        engine: createEngine(pinned.context),
        apiVersion: pinned.apiVersion,
        manyContainers: (lastCount ?? 0) >= MANY_CONTAINERS,
      };
    },
    connect: async () => {
      const d = await connectToEngine(options);
      if (!d.ok) return { ok: false, error: d.error, endpoint: d.endpoint };
      rememberApiVersion(cacheDir, d.endpoint.url, d.apiVersion);
      return {
        ok: true,
        engine: createEngine(d.context),
        version: d.version.version,
        apiVersion: d.apiVersion,
      };
    },
  });
  let stopWatchingCount: (() => void) | undefined;
  const stopWatchingReady = model.connection.subscribe(() => {
    const connection = model.connection.get();
    if (connection.state !== 'ready') return;
    stopWatchingReady();
    options.onReady?.();
    // The host's size, for the next start's first listing.
    if (model.containers) {
      stopWatchingCount = onceFullyListed(model.containers.store, (count) =>
        rememberContainerCount(cacheDir, connection.endpoint.url, count),
      );
    }
  });
  void model.start();
  // One turn of the event loop before the UI's modules load (~25 ms of synchronous work): the
  // sockets' connects complete and the requests go out now, not after the UI has loaded.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    const { runApp } = await import('./run-app.js');
    return await runApp(options, model);
  } finally {
    stopWatchingReady();
    stopWatchingCount?.();
  }
}
