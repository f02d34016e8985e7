import { describe, expect, test } from 'vitest';
import { registryHostOf } from '../../src/engine/registry-auth.js';
import {
  classifyTransferFailure,
  hostInMessage,
  type RegistryProblem,
  type TransferFailureContext,
} from '../../src/engine/registry-errors.js';
import { refusalText } from '../../src/engine/transfer.js';

const local: TransferFailureContext = {
  action: 'pull',
  reference: '127.0.0.1:5000/nope/x:1',
  path: 'nope/x',
  tagOrDigest: '1',
  registry: registryHostOf({ domain: '127.0.0.1:5000' }),
  credentialSource: undefined,
};
const hub: TransferFailureContext = {
  action: 'pull',
  reference: 'nope/x:latest',
  path: 'nope/x',
  tagOrDigest: 'latest',
  registry: registryHostOf({ domain: undefined }),
  credentialSource: undefined,
};

// What dockerd 20.10 said in each case (the first six captured against docker-registry 2.8).
describe('registry failures in a sentence', () => {
  test.each<[string, string, TransferFailureContext, RegistryProblem, string]>([
    [
      'missing repository or tag',
      'manifest for 127.0.0.1:5000/nope/x:1 not found: manifest unknown: manifest unknown',
      local,
      'NotFound',
      'The registry at 127.0.0.1:5000 has no image nope/x:1: no such repository or tag there (manifest unknown).',
    ],
    [
      'registry down',
      'Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused',
      local,
      'Unreachable',
      'Cannot reach the registry at 127.0.0.1:5000: connection refused.',
    ],
    [
      'registry silent',
      'Get "http://127.0.0.1:5000/v2/": net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      local,
      'Unreachable',
      'Cannot reach the registry at 127.0.0.1:5000: it did not answer in time.',
    ],
    [
      'offline, Docker Hub',
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: dial udp 10.255.255.53:53: connect: network is unreachable',
      hub,
      'Unreachable',
      'Cannot reach the registry at registry-1.docker.io: the network is unreachable (is this machine offline?).',
    ],
    [
      'pull without a login',
      'Head "http://127.0.0.1:5000/v2/nope/x/manifests/1": no basic auth credentials',
      local,
      'Unauthorized',
      'The registry at 127.0.0.1:5000 needs a login to pull 127.0.0.1:5000/nope/x:1: `docker login 127.0.0.1:5000`.',
    ],
    [
      'wrong password',
      'unauthorized: authentication required',
      { ...local, action: 'push', credentialSource: 'config.json' },
      'Unauthorized',
      'The registry at 127.0.0.1:5000 refused the credentials from config.json: log in again with `docker login 127.0.0.1:5000`.',
    ],
    [
      'push of an image that is not there',
      'An image does not exist locally with the tag: 127.0.0.1:5000/nope/x',
      { ...local, action: 'push' },
      'NotLocal',
      'There is no local image 127.0.0.1:5000/nope/x:1 to push: give an image that name first (`docker tag IMAGE 127.0.0.1:5000/nope/x:1`).',
    ],
    [
      'Docker Hub: missing or private',
      "pull access denied for nope/x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      hub,
      'NotFound',
      'Docker Hub has no repository nope/x, or it is private and needs a login: `docker login`.',
    ],
    [
      'registry without TLS that is not on loopback',
      'Get "https://10.0.0.5:5000/v2/": http: server gave HTTP response to HTTPS client',
      { ...local, registry: registryHostOf({ domain: '10.0.0.5:5000' }) },
      'Unreachable',
      'The registry at 10.0.0.5:5000 answers in plain HTTP; the engine uses plain HTTP only for registries on 127.0.0.0/8 or listed under insecure-registries in its daemon.json.',
    ],
    [
      'a digest that is not there',
      'manifest for 127.0.0.1:5000/nope/x@sha256:aa not found: manifest unknown: manifest unknown',
      { ...local, tagOrDigest: 'sha256:aa' },
      'NotFound',
      'The registry at 127.0.0.1:5000 has no image nope/x@sha256:aa: no such repository or tag there (manifest unknown).',
    ],
    [
      'anything else',
      'something odd',
      local,
      'Other',
      'Could not pull 127.0.0.1:5000/nope/x:1: something odd',
    ],
  ])('%s', (_name, raw, context, problem, sentence) => {
    const error = classifyTransferFailure(raw, context);
    expect(error.problem).toBe(problem);
    expect(error.message).toBe(sentence);
    expect(error.detail).toBe(raw);
  });

  test.each([
    [
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on x',
      'registry-1.docker.io',
    ],
    ['dial tcp: lookup ghcr.io: no such host', 'ghcr.io'],
    ['dial tcp 10.1.2.3:443: i/o timeout', '10.1.2.3:443'],
    ['nothing here', undefined],
  ])('the host in %j is %s', (raw, host) => {
    expect(hostInMessage(raw)).toBe(host);
  });
});

describe("the engine's words in a refused request", () => {
  test.each([
    [
      { json: null, message: '(HTTP code 500) server error - Get "http://h/v2/": connection refused ' },
      'Get "http://h/v2/": connection refused',
    ],
    [
      { json: null, message: '(HTTP code 404) unexpected - manifest for h/x:1 not found: manifest unknown ' },
      'manifest for h/x:1 not found: manifest unknown',
    ],
    [{ json: { message: 'from json' }, message: 'ignored' }, 'from json'],
    [{ json: null, message: '(HTTP code 400) bad parameter - {"message":"wrapped"}' }, 'wrapped'],
  ])('%o → %s', (error, text) => {
    expect(refusalText(error)).toBe(text);
  });
});
