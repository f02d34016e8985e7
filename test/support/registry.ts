/**
 * A real image registry for pull and push tests: Debian's `docker-registry` (distribution 2.8)
 * serving on 127.0.0.1 inside a private engine's network namespace, the only loopback that engine
 * sees (ENGINE-NOTES.md). The engine talks plain HTTP to 127.0.0.1 registries without settings.
 * Optionally with htpasswd basic auth, to test logins.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PrivateEngine } from './private-engine.js';

const run = promisify(execFile);

export interface TestRegistry {
  /** `127.0.0.1:PORT`: the registry part of image names, e.g. `${host}/berth/busybox:t1`. */
  host: string;
  /** The temporary folder with the config, the storage root and the log. */
  dir: string;
  /** Stops the registry (the storage stays, so `start` serves the same images again). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

export interface RegistryOptions {
  /** Require basic auth with this one user. */
  auth?: { username: string; password: string };
}

const MISSING =
  'docker-registry was not found. The pull and push tests serve a real registry; install it with:\n' +
  '  apt-get install -y docker-registry';
const MISSING_HTPASSWD =
  'htpasswd was not found. The registry login tests make a bcrypt password file with it; install it with:\n' +
  '  apt-get install -y apache2-utils';

function netns(engine: PrivateEngine): string {
  const pid = readFileSync(path.join(engine.dir, 'docker.pid'), 'utf8').trim();
  return `--net=/proc/${pid}/ns/net`;
}

function requireProgram(program: string, message: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  } catch {
    throw new Error(message);
  }
}

/** A bcrypt htpasswd line, the only hash docker-registry accepts. */
function htpasswdLine(username: string, password: string): string {
  requireProgram('htpasswd', MISSING_HTPASSWD);
  return execFileSync('htpasswd', ['-nbB', username, password], { encoding: 'utf8' }).trim();
}

function config(dir: string, port: number, options: RegistryOptions): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    // A fixed secret: without one the registry warns on every start.
    '  secret: berth-test-registry',
  ];
  if (options.auth) {
    const file = path.join(dir, 'htpasswd');
    writeFileSync(file, `${htpasswdLine(options.auth.username, options.auth.password)}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: berth-test', `    path: ${file}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Whether `/v2/` answers from inside the namespace: 200, or 401 when it wants a login. Node makes
 * the request: busybox-static's wget crashes (SIGSEGV) on a 401 answer.
 */
async function answers(ns: string, host: string): Promise<boolean> {
  const probe =
    `require('http').get('http://${host}/v2/',{timeout:2000},r=>{console.log(r.statusCode);process.exit(0)})` +
    ".on('error',()=>process.exit(1))";
  try {
    const { stdout } = await run('nsenter', [ns, process.execPath, '-e', probe]);
    return /^(200|401)$/m.test(stdout);
  } catch {
    return false;
  }
}

export async function startRegistry(
  engine: PrivateEngine,
  options: RegistryOptions = {},
): Promise<TestRegistry> {
  requireProgram('docker-registry', MISSING);
  const ns = netns(engine);
  // A fresh namespace has loopback down; busybox's `ip` saves needing iproute2.
  execFileSync('nsenter', [ns, 'busybox', 'ip', 'link', 'set', 'lo', 'up']);

  const dir = mkdtempSync(path.join(tmpdir(), 'berth-registry-'));
  const logPath = path.join(dir, 'registry.log');
  // Port 0 first: the registry logs the port it got, which is then kept for restarts.
  let port = 0;
  let daemon: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    const configPath = path.join(dir, 'config.yml');
    writeFileSync(configPath, config(dir, port, options));
    log = '';
    const child = spawn('nsenter', [ns, 'docker-registry', 'serve', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    daemon = child;
    const collect = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      writeFileSync(logPath, log);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);

    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}):\n${log}`);
      const listening = /listening on 127\.0\.0\.1:(\d+)/.exec(log);
      if (listening?.[1]) {
        port = Number(listening[1]);
        if (await answers(ns, `127.0.0.1:${port}`)) return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`docker-registry did not answer /v2/ within 15 s:\n${log}`);
  };

  const stop = async () => {
    const d = daemon;
    if (!d || d.exitCode !== null || d.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => d.once('exit', () => resolve()));
    d.kill('SIGTERM');
    const timer = setTimeout(() => d.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    get host() {
      return `127.0.0.1:${port}`;
    },
    dir,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A port on the namespace's loopback that accepts connections and never answers: a registry that
 * hangs, to prove berth gives up instead of waiting on it.
 */
export async function startSilentListener(
  engine: PrivateEngine,
): Promise<{ host: string; stop(): Promise<void> }> {
  const ns = netns(engine);
  execFileSync('nsenter', [ns, 'busybox', 'ip', 'link', 'set', 'lo', 'up']);
  const script =
    "const s=require('net').createServer(()=>{});s.listen(0,'127.0.0.1',()=>console.log('port',s.address().port))";
  const child = spawn('nsenter', [ns, process.execPath, '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /port (\d+)/.exec(out);
      if (found?.[1]) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the silent listener exited (${code})`)));
  });
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
