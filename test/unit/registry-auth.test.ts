import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  chooseCredentialSource,
  DOCKER_HUB_KEY,
  type DockerConfigFile,
  decodeAuthField,
  dockerConfigDir,
  keyToHostname,
  lookupCredentials,
  parseHelperOutput,
  registryHostOf,
  runCredentialHelper,
} from '../../src/engine/registry-auth.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const local = registryHostOf({ domain: '127.0.0.1:5000' });
const hub = registryHostOf({ domain: undefined });

describe('which registry a reference names', () => {
  test.each([
    [undefined, 'docker.io', DOCKER_HUB_KEY],
    ['docker.io', 'docker.io', DOCKER_HUB_KEY],
    ['index.docker.io', 'docker.io', DOCKER_HUB_KEY],
    ['registry-1.docker.io', 'docker.io', DOCKER_HUB_KEY],
    ['127.0.0.1:5000', '127.0.0.1:5000', '127.0.0.1:5000'],
    ['ghcr.io', 'ghcr.io', 'ghcr.io'],
  ])('domain %s → %s (config key %s)', (domain, host, key) => {
    expect(registryHostOf({ domain })).toMatchObject({ host, key });
  });

  test.each([
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['ghcr.io/v2/', 'ghcr.io'],
  ])('config key %s compares as %s', (key, host) => {
    expect(keyToHostname(key)).toBe(host);
  });

  test.each([
    [{ DOCKER_CONFIG: '/cfg', HOME: '/home/u' }, '/cfg'],
    [{ HOME: '/home/u' }, '/home/u/.docker'],
  ])('config folder from %o is %s', (env, dir) => {
    expect(dockerConfigDir(env)).toBe(dir);
  });
});

describe('credentials in config.json', () => {
  test.each<[string, DockerConfigFile, typeof local, ReturnType<typeof chooseCredentialSource>]>([
    ['no file entries', {}, local, { kind: 'none' }],
    [
      'auth field',
      { auths: { '127.0.0.1:5000': { auth: b64('berth:s3:cret') } } },
      local,
      {
        kind: 'file',
        credentials: { username: 'berth', password: 's3:cret', serveraddress: '127.0.0.1:5000' },
      },
    ],
    [
      'key written as a URL',
      { auths: { 'http://127.0.0.1:5000/v2/': { auth: b64('u:p') } } },
      local,
      { kind: 'file', credentials: { username: 'u', password: 'p', serveraddress: '127.0.0.1:5000' } },
    ],
    [
      'identity token',
      { auths: { [DOCKER_HUB_KEY]: { identitytoken: 'tok' } } },
      hub,
      { kind: 'file', credentials: { identitytoken: 'tok', serveraddress: DOCKER_HUB_KEY } },
    ],
    ['another registry only', { auths: { 'ghcr.io': { auth: b64('u:p') } } }, local, { kind: 'none' }],
    [
      'an entry with nothing in it (credsStore leftovers)',
      { auths: { '127.0.0.1:5000': {} } },
      local,
      { kind: 'none' },
    ],
    [
      'credsStore wins over auths',
      { credsStore: 'pass', auths: { '127.0.0.1:5000': { auth: b64('u:p') } } },
      local,
      { kind: 'helper', helper: 'pass' },
    ],
    [
      'credHelpers for the host wins over credsStore',
      { credsStore: 'pass', credHelpers: { '127.0.0.1:5000': 'ecr-login' } },
      local,
      { kind: 'helper', helper: 'ecr-login' },
    ],
  ])('%s', (_name, config, registry, expected) => {
    expect(chooseCredentialSource(config, registry)).toEqual(expected);
  });

  test.each([
    [b64('user:pa:ss'), { username: 'user', password: 'pa:ss' }],
    [b64('nocolon'), undefined],
    [b64(':p'), undefined],
  ])('auth %s decodes to %o', (auth, expected) => {
    expect(decodeAuthField(auth)).toEqual(expected);
  });

  test.each([
    [
      '{"ServerURL":"x","Username":"u","Secret":"p"}',
      { username: 'u', password: 'p', serveraddress: '127.0.0.1:5000' },
    ],
    [
      '{"ServerURL":"x","Username":"<token>","Secret":"t"}',
      { identitytoken: 't', serveraddress: '127.0.0.1:5000' },
    ],
    ['{"ServerURL":"x","Username":"","Secret":""}', undefined],
  ])('helper answer %s', (output, expected) => {
    expect(parseHelperOutput(output, local)).toEqual(expected);
  });
});

describe('looking credentials up for real', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DOCKER_CONFIG: dir, HOME: dir };
  const writeConfig = (config: unknown) =>
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  // A helper program in the temp folder, run through the real runner by absolute path.
  const runHelper = (program: string, input: string) => runCredentialHelper(path.join(dir, program), input);
  const writeHelper = (name: string, script: string) => {
    const file = path.join(dir, `docker-credential-${name}`);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
  };

  test('no config.json means no credentials and no warning', async () => {
    const found = await lookupCredentials(
      { domain: '127.0.0.1:5000' },
      { env: { DOCKER_CONFIG: path.join(dir, 'none') } },
    );
    expect(found).toMatchObject({ credentials: undefined, warning: undefined });
  });

  test('credentials from auths in the file', async () => {
    writeConfig({ auths: { '127.0.0.1:5000': { auth: b64('berth:s3cret') } } });
    const found = await lookupCredentials({ domain: '127.0.0.1:5000' }, { env });
    expect(found.credentials).toEqual({
      username: 'berth',
      password: 's3cret',
      serveraddress: '127.0.0.1:5000',
    });
    expect(found.source).toBe('config.json');
  });

  test('a config.json that is not JSON is a warning, not a failure', async () => {
    writeFileSync(path.join(dir, 'config.json'), '{ nope');
    const found = await lookupCredentials({ domain: '127.0.0.1:5000' }, { env });
    expect(found.credentials).toBeUndefined();
    expect(found.warning).toMatch(/is not valid JSON; going on without credentials/);
  });

  test('a credential helper is asked with the server address on stdin', async () => {
    writeHelper(
      'berthtest',
      'read server; [ "$1" = get ] && printf \'{"ServerURL":"%s","Username":"u-%s","Secret":"p"}\' "$server" "$server"',
    );
    writeConfig({ credsStore: 'berthtest' });
    const found = await lookupCredentials({ domain: '127.0.0.1:5000' }, { env, runHelper });
    expect(found.credentials).toEqual({
      username: 'u-127.0.0.1:5000',
      password: 'p',
      serveraddress: '127.0.0.1:5000',
    });
    expect(found.source).toBe('docker-credential-berthtest');
  });

  test('a helper with no login for the host gives no credentials and no warning', async () => {
    writeHelper('empty', 'echo "credentials not found in native keychain"; exit 1');
    writeConfig({ credHelpers: { '127.0.0.1:5000': 'empty' } });
    const found = await lookupCredentials({ domain: '127.0.0.1:5000' }, { env, runHelper });
    expect(found).toMatchObject({ credentials: undefined, warning: undefined });
  });

  test('a missing helper program is said in a sentence and the lookup goes on without', async () => {
    writeConfig({ credsStore: 'not-installed' });
    const found = await lookupCredentials({ domain: undefined }, { env, runHelper });
    expect(found.credentials).toBeUndefined();
    expect(found.warning).toBe(
      `${path.join(dir, 'config.json')} says credentials for docker.io are kept by docker-credential-not-installed, ` +
        'but that program is not installed; going on without credentials.',
    );
  });

  test('a helper name that is not a plain word is never run', async () => {
    writeConfig({ credsStore: '../../bin/sh' });
    let ran = false;
    const found = await lookupCredentials(
      { domain: undefined },
      {
        env,
        runHelper: async () => {
          ran = true;
          return { exitCode: 0, stdout: '', stderr: '' };
        },
      },
    );
    expect(ran).toBe(false);
    expect(found.warning).toMatch(/not a valid helper name/);
  });
});
