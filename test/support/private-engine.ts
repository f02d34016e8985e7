/**
 * A private Docker Engine for tests: its own dockerd in its own network namespace, with a
 * temporary data root and socket, so tests never touch the user's engine (ENGINE-NOTES.md).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrivateEngine {
  /** Absolute path of the engine's unix socket. */
  socketPath: string;
  /** DOCKER_HOST value pointing at the private engine. */
  host: string;
  /** The folder holding the data root, exec root, socket and the daemon's log. */
  dir: string;
  /** Stops the daemon (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the daemon again on the same data root and socket. */
  start(): Promise<void>;
  /** Stops the daemon and removes its folder. */
  destroy(): Promise<void>;
}

const MISSING_PACKAGES =
  'dockerd was not found. The tests start their own private Docker Engine; install it with:\n' +
  '  apt-get install -y docker.io busybox-static';

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Resolves once GET /_ping on the socket answers OK, or rejects after the timeout. */
export async function waitForPing(socketPath: string, timeoutMs: number, daemon?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (daemon && daemon.exitCode !== null) throw new Error(`dockerd exited with code ${daemon.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the private dockerd did not answer /_ping on ${socketPath} within ${timeoutMs} ms`);
}

export async function startPrivateEngine(options: { name?: string } = {}): Promise<PrivateEngine> {
  const dockerd = which('dockerd');
  if (!dockerd || !which('unshare')) throw new Error(MISSING_PACKAGES);
  // Short paths: a unix socket path must stay under 108 bytes.
  const dir = mkdtempSync(path.join(tmpdir(), `berth-${options.name ?? 'engine'}-`));
  const socketPath = path.join(dir, 'docker.sock');
  const logPath = path.join(dir, 'dockerd.log');
  let daemon: ChildProcess | undefined;

  const start = async () => {
    const log = openSync(logPath, 'a');
    // ALWAYS in its own network namespace: a second dockerd with --bridge=none in the host
    // namespace deletes the host's docker0 and breaks the user's engine.
    daemon = spawn(
      'unshare',
      [
        '--net',
        dockerd,
        '--data-root',
        path.join(dir, 'data'),
        '--exec-root',
        path.join(dir, 'exec'),
        '--pidfile',
        path.join(dir, 'docker.pid'),
        '-H',
        `unix://${socketPath}`,
        '--bridge=none',
        '--iptables=false',
        '--ip6tables=false',
      ].filter((a) => a !== '--ip6tables=false' || supportsIp6tablesFlag(dockerd)),
      { stdio: ['ignore', log, log], detached: false },
    );
    try {
      await waitForPing(socketPath, 30_000, daemon);
    } catch (error) {
      const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${(error as Error).message}\n--- dockerd log ---\n${tail}`);
    }
  };

  const stop = async () => {
    const d = daemon;
    if (!d || d.exitCode !== null || d.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => d.once('exit', () => resolve()));
    d.kill('SIGTERM');
    const timer = setTimeout(() => d.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    socketPath,
    host: `unix://${socketPath}`,
    dir,
    start,
    stop,
    destroy: async () => {
      // dockerd waits out every container's stop grace period on shutdown; kill them first.
      await killAllContainers(socketPath).catch(() => undefined);
      await stop();
      try {
        // Leftover overlay or shm mounts would make the removal fail; the data root is disposable.
        execFileSync('sh', ['-c', `grep -o " ${dir}[^ ]*" /proc/mounts | xargs -r -n1 umount -l`], {
          stdio: 'ignore',
        });
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function request(socketPath: string, method: string, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path: urlPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

async function killAllContainers(socketPath: string) {
  const list = JSON.parse(await request(socketPath, 'GET', '/containers/json')) as Array<{ Id: string }>;
  await Promise.all(list.map((c) => request(socketPath, 'POST', `/containers/${c.Id}/kill`)));
}

let ip6Flag: boolean | undefined;
function supportsIp6tablesFlag(dockerd: string): boolean {
  if (ip6Flag === undefined) {
    try {
      ip6Flag = execFileSync(dockerd, ['--help'], { encoding: 'utf8' }).includes('--ip6tables');
    } catch {
      ip6Flag = false;
    }
  }
  return ip6Flag;
}

/**
 * A root filesystem with busybox and a link for every applet: with only a few links,
 * `docker run busybox true` fails, so every applet is linked (ENGINE-NOTES.md).
 */
export function makeBusyboxRoot(dir: string): string {
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
  if (!busybox) throw new Error('busybox was not found; install it with: apt-get install -y busybox-static');
  const root = path.join(dir, 'busybox-root');
  mkdirSync(path.join(root, 'bin'), { recursive: true });
  for (const d of ['etc', 'tmp', 'root', 'proc', 'sys', 'dev', 'usr/bin', 'usr/sbin', 'sbin', 'var']) {
    mkdirSync(path.join(root, d), { recursive: true });
  }
  execFileSync('cp', [busybox, path.join(root, 'bin/busybox')]);
  const applets = execFileSync(busybox, ['--list-full'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) {
    const target = path.join(root, applet);
    if (applet === 'bin/busybox' || existsSync(target)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync('/bin/busybox', target);
  }
  return root;
}

/** Imports the busybox root as `busybox:latest` with `CMD ["sh"]`, like `docker import -c`. */
export async function importBusybox(engine: PrivateEngine): Promise<void> {
  const root = makeBusyboxRoot(engine.dir);
  const { default: tar } = await import('tar-fs');
  const query = new URLSearchParams({ fromSrc: '-', repo: 'busybox', tag: 'latest', changes: 'CMD ["sh"]' });
  await new Promise<void>((resolve, reject) => {
    const req = http.request(
      {
        socketPath: engine.socketPath,
        method: 'POST',
        path: `/images/create?${query}`,
        headers: { 'Content-Type': 'application/x-tar' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => {
          if (res.statusCode === 200 && !body.includes('"error"')) resolve();
          else reject(new Error(`importing busybox failed (${res.statusCode}): ${body}`));
        });
      },
    );
    req.on('error', reject);
    tar.pack(root).pipe(req);
  });
}
