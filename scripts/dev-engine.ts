/**
 * `npm run dev-engine`: a private dockerd (as the tests use) with busybox and the demo
 * containers, for trying berth without touching your own engine. Needs root. Ctrl-C stops it.
 *
 *   npm run dev-engine            # prints DOCKER_HOST=unix:///tmp/berth-dev-…/docker.sock
 *   DOCKER_HOST=… node bin/berth  # in another terminal
 */
import { createDemoContainers } from '../test/support/demo-containers.js';
import { importBusybox, startPrivateEngine } from '../test/support/private-engine.js';

const engine = await startPrivateEngine({ name: 'dev' });
await importBusybox(engine);
if (!process.argv.includes('--empty')) await createDemoContainers(engine.socketPath);
process.stdout.write(`DOCKER_HOST=${engine.host}\n`);
const stop = async () => {
  await engine.destroy();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
