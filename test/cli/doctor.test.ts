import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, inject, test } from 'vitest';

const BIN = path.resolve('bin/berth');

function berth(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DOCKER_CONTEXT: undefined, DOCKER_HOST: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function engineVersion(socketPath: string): Promise<{ Version: string; ApiVersion: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: '/version' }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

describe('berth doctor', () => {
  test('against a live engine it prints the endpoint, why it was chosen, the versions and counts', async () => {
    const host = inject('dockerHost');
    const version = await engineVersion(host.replace('unix://', ''));
    const { code, stdout } = await berth(['doctor'], { DOCKER_HOST: host });
    expect(code).toBe(0);
    expect(stdout).toContain(`Endpoint:  ${host}`);
    expect(stdout).toContain('Chosen by: DOCKER_HOST');
    expect(stdout).toContain(`Docker Engine ${version.Version}`);
    expect(stdout).toContain(`engine speaks ${version.ApiVersion}`);
    expect(stdout).toMatch(/Images: +[1-9]/);
    expect(stdout).toMatch(/Containers: \d+ \(\d+ running/);
  });

  test('--host on the command line wins over DOCKER_HOST', async () => {
    const host = inject('dockerHost');
    const { code, stdout } = await berth(['--host', host, 'doctor'], { DOCKER_HOST: 'unix:///nonexistent' });
    expect(code).toBe(0);
    expect(stdout).toContain('Chosen by: the --host option');
  });

  test('with no engine at the address it explains that the daemon cannot be reached, and exits 1', async () => {
    const { code, stdout } = await berth(['doctor'], { DOCKER_HOST: 'unix:///nonexistent' });
    expect(code).toBe(1);
    expect(stdout).toContain('Problem:   EngineUnreachable');
    expect(stdout).toContain('Cannot connect to the Docker engine at unix:///nonexistent');
    expect(stdout).toMatch(/Is the Docker daemon running\? Start it with/);
  });

  test('a DOCKER_HOST berth cannot parse is explained, exit 1', async () => {
    const { code, stdout } = await berth(['doctor'], { DOCKER_HOST: 'localhost:2375' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/DOCKER_HOST is "localhost:2375", which is not an address/);
  });

  test.skipIf(process.getuid?.() !== 0)(
    'run as a user outside the docker group it explains the permission problem and the remedy',
    async () => {
      // Load the bundle as root, then drop to nobody before connecting:
      // the check needs an unprivileged process, and the project folder may not be readable by one.
      const script = `
        const { createRequire } = await import('node:module');
        const { main } = createRequire(import.meta.url)(${JSON.stringify(path.resolve('dist/berth.cjs'))});
        process.env.DOCKER_HOST = 'unix:///nonexistent';
        const out = process.stdout.write.bind(process.stdout);
        process.stdout.write = () => true;
        await main(['node', 'berth', 'doctor']);
        process.stdout.write = out;
        process.setgroups([]);
        process.setgid(65534);
        process.setuid(65534);
        process.env.DOCKER_HOST = ${JSON.stringify(inject('dockerHost'))};
        process.exitCode = await main(['node', 'berth', 'doctor']);
      `;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
      let stdout = '';
      child.stdout.on('data', (c) => {
        stdout += c;
      });
      child.stderr.on('data', (c) => {
        stdout += c;
      });
      const code = await new Promise((r) => child.on('close', r));
      expect(stdout).toContain('Problem:   PermissionDenied');
      expect(stdout).toMatch(/Permission denied on the Docker socket/);
      expect(stdout).toMatch(/docker group/);
      expect(stdout).toMatch(/equivalent to root/);
      expect(stdout).toMatch(/rootless/);
      expect(code).toBe(1);
    },
  );
});

describe('berth --version and --help', () => {
  test('--version prints the package version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    const { code, stdout } = await berth(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  test('--help lists the doctor command and the engine options', async () => {
    const { code, stdout } = await berth(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/doctor +diagnose the connection/);
    expect(stdout).toContain('--host');
    expect(stdout).toContain('--context');
    expect(stdout).toContain('--read-only');
  });

  test('an unknown option is an error with usage, exit 1', async () => {
    const { code, stderr } = await berth(['--bogus']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/unknown option '--bogus'/);
  });
});
