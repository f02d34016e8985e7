import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  ConnectionConfigError,
  contextDigest,
  parseHost,
  type ResolveInput,
  resolveEndpoint,
} from '../../src/engine/connection.js';

const HOME = '/home/ada';

function input(env: Record<string, string>, files: Record<string, string> = {}, flags = {}): ResolveInput {
  return {
    env,
    homeDir: HOME,
    readFile: (f) => files[f],
    exists: (f) => f in files,
    flags,
  };
}

function contextFiles(
  name: string,
  host: string,
  extra: Record<string, string> = {},
  configDir = `${HOME}/.docker`,
) {
  const digest = contextDigest(name);
  return {
    [path.join(configDir, 'contexts/meta', digest, 'meta.json')]: JSON.stringify({
      Name: name,
      Endpoints: { docker: { Host: host, SkipTLSVerify: false } },
    }),
    ...Object.fromEntries(
      Object.entries(extra).map(([f, v]) => [path.join(configDir, 'contexts/tls', digest, 'docker', f), v]),
    ),
  };
}

describe('parsing DOCKER_HOST', () => {
  test.each([
    ['unix:///var/run/docker.sock', { protocol: 'unix', socketPath: '/var/run/docker.sock' }],
    ['unix:///run/user/1000/docker.sock', { protocol: 'unix', socketPath: '/run/user/1000/docker.sock' }],
    ['tcp://10.0.0.5:2375', { protocol: 'tcp', host: '10.0.0.5', port: 2375, tls: undefined }],
    ['tcp://docker.example', { protocol: 'tcp', host: 'docker.example', port: 2375 }],
    ['ssh://deploy@build-box', { protocol: 'ssh', host: 'build-box', port: 22, username: 'deploy' }],
    ['ssh://me@host:2222', { protocol: 'ssh', host: 'host', port: 2222, username: 'me' }],
    ['ssh://host', { protocol: 'ssh', host: 'host', username: undefined }],
  ])('%s', (value, expected) => {
    expect(parseHost(value, 'DOCKER_HOST')).toMatchObject(expected);
  });

  test.each([
    ['/var/run/docker.sock', /not an address/],
    ['docker.example:2375', /not an address/],
    ['ftp://x', /does not support/],
    ['unix://relative.sock', /absolute/],
  ])('%s is refused with a sentence', (value, message) => {
    expect(() => parseHost(value, 'DOCKER_HOST')).toThrow(message);
    expect(() => parseHost(value, 'DOCKER_HOST')).toThrow(ConnectionConfigError);
  });
});

describe('choosing the endpoint like the docker CLI', () => {
  test('nothing set: the default socket', () => {
    const e = resolveEndpoint(input({}));
    expect(e).toMatchObject({ protocol: 'unix', socketPath: '/var/run/docker.sock' });
    expect(e.source).toMatch(/default socket/);
  });

  test('DOCKER_HOST wins over DOCKER_CONTEXT and the current context', () => {
    const files = {
      ...contextFiles('remote', 'tcp://remote:2375'),
      [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'remote' }),
    };
    const e = resolveEndpoint(input({ DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_CONTEXT: 'remote' }, files));
    expect(e).toMatchObject({ socketPath: '/tmp/d.sock', source: 'DOCKER_HOST' });
  });

  test('--host and --context flags win over the environment', () => {
    const files = contextFiles('flagged', 'tcp://flagged:2375');
    expect(
      resolveEndpoint(input({ DOCKER_HOST: 'tcp://env:1' }, {}, { host: 'tcp://flag:2' })),
    ).toMatchObject({
      host: 'flag',
      port: 2,
    });
    expect(
      resolveEndpoint(input({ DOCKER_HOST: 'tcp://env:1' }, files, { context: 'flagged' })),
    ).toMatchObject({
      host: 'flagged',
      context: 'flagged',
    });
  });

  test('DOCKER_CONTEXT picks the context from its meta file, found by the SHA-256 of its name', () => {
    const e = resolveEndpoint(
      input({ DOCKER_CONTEXT: 'staging' }, contextFiles('staging', 'ssh://ops@stage')),
    );
    expect(e).toMatchObject({ protocol: 'ssh', host: 'stage', username: 'ops', context: 'staging' });
    expect(e.source).toMatch(/staging.*DOCKER_CONTEXT/);
  });

  test('the current context in config.json is used when nothing else is set', () => {
    const files = {
      ...contextFiles('colima', 'unix:///home/ada/.colima/docker.sock'),
      [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'colima' }),
    };
    const e = resolveEndpoint(input({}, files));
    expect(e).toMatchObject({ socketPath: '/home/ada/.colima/docker.sock', context: 'colima' });
    expect(e.source).toMatch(/current docker context/);
  });

  test('DOCKER_CONFIG moves the config folder', () => {
    const files = {
      ...contextFiles('x', 'tcp://x:1', {}, '/etc/dockercfg'),
      '/etc/dockercfg/config.json': JSON.stringify({ currentContext: 'x' }),
    };
    expect(resolveEndpoint(input({ DOCKER_CONFIG: '/etc/dockercfg' }, files))).toMatchObject({ host: 'x' });
  });

  test('the "default" context is the default socket', () => {
    const files = { [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'default' }) };
    expect(resolveEndpoint(input({}, files)).socketPath).toBe('/var/run/docker.sock');
  });

  test("a context's TLS files are used, verified unless SkipTLSVerify", () => {
    const files = contextFiles('secure', 'tcp://secure:2376', {
      'ca.pem': 'x',
      'cert.pem': 'x',
      'key.pem': 'x',
    });
    const e = resolveEndpoint(input({ DOCKER_CONTEXT: 'secure' }, files));
    expect(e.tls?.verify).toBe(true);
    expect(e.tls?.ca).toMatch(/contexts\/tls\/[0-9a-f]{64}\/docker\/ca\.pem$/);
  });

  test('a context that does not exist is explained', () => {
    expect(() => resolveEndpoint(input({ DOCKER_CONTEXT: 'ghost' }))).toThrow(/"ghost".*does not exist/);
  });

  test('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH gives verified TLS on 2376 with the cert files', () => {
    const files = { '/certs/ca.pem': 'x', '/certs/cert.pem': 'x', '/certs/key.pem': 'x' };
    const e = resolveEndpoint(
      input({ DOCKER_HOST: 'tcp://secure', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files),
    );
    expect(e).toMatchObject({
      protocol: 'tcp',
      port: 2376,
      tls: { verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' },
    });
  });

  test('DOCKER_TLS without verification encrypts but does not verify', () => {
    const e = resolveEndpoint(input({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' }));
    expect(e.tls).toMatchObject({ verify: false });
  });

  test('a broken config.json is explained', () => {
    expect(() => resolveEndpoint(input({}, { [`${HOME}/.docker/config.json`]: '{nope' }))).toThrow(
      /not valid JSON/,
    );
  });
});

test('the context digest is the SHA-256 of the name, as the docker CLI stores it', () => {
  // Value from the docker CLI's own folder for a context named "default".
  expect(contextDigest('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
});
