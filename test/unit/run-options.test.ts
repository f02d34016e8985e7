import { describe, expect, test } from 'vitest';
import { envProblem, formatPortSpec, parsePortSpec, toEnginePorts } from '../../src/engine/port-spec.js';
import { parseRunOptions } from '../../src/ui/run-options.js';

describe('-p as docker run reads it', () => {
  test.each([
    ['80', { containerPort: 80, protocol: 'tcp' }],
    ['8080:80', { containerPort: 80, protocol: 'tcp', hostPort: 8080 }],
    ['127.0.0.1:8080:80', { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }],
    ['127.0.0.1::80', { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }],
    ['53:53/udp', { containerPort: 53, protocol: 'udp', hostPort: 53 }],
    ['[::1]:8080:80/TCP', { containerPort: 80, protocol: 'tcp', hostIp: '::1', hostPort: 8080 }],
  ])('%s', (spec, binding) => {
    expect(parsePortSpec(spec)).toEqual({ ok: true, binding });
    const parsed = parsePortSpec(spec);
    if (parsed.ok) expect(parsePortSpec(formatPortSpec(parsed.binding))).toEqual(parsed);
  });

  test.each([
    ['', /-p needs a port mapping after it/],
    ['http', /"http" is not a port mapping: write \[IP:\]HOST:CONTAINER/],
    ['8080:', /"8080:" is not a port mapping/],
    ['70000:80', /70000 is not a port; ports are 1 to 65535/],
    ['8080:0', /0 is not a port/],
    ['8000-8010:80', /port ranges such as 8000-8010 are not supported here/],
    ['300.1.1.1:80:80', /300\.1\.1\.1 is not an IP address/],
    ['80/icmp', /the protocol must be tcp, udp or sctp/],
    ['::1:80:80', /an IPv6 address goes in brackets/],
  ])('%s is refused', (spec, reason) => {
    const parsed = parsePortSpec(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  test('bindings become ExposedPorts and PortBindings, two host ports for one container port', () => {
    expect(
      toEnginePorts([
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8081 },
        { containerPort: 53, protocol: 'udp' },
      ]),
    ).toEqual({
      exposedPorts: { '80/tcp': {}, '53/udp': {} },
      portBindings: {
        '80/tcp': [
          { HostIp: '', HostPort: '8080' },
          { HostIp: '127.0.0.1', HostPort: '8081' },
        ],
        '53/udp': [{ HostIp: '', HostPort: '' }],
      },
    });
  });

  test('-e needs KEY=VALUE; the value may hold "=" and spaces', () => {
    expect(envProblem('A=b=c d')).toBeUndefined();
    expect(envProblem('A=')).toBeUndefined();
    expect(envProblem('HOME')).toMatch(/has no value: write HOME=VALUE/);
    expect(envProblem('=x')).toMatch(/no name before the "="/);
  });
});

describe('the name and options line of run and create', () => {
  test('a bare word is the name; -e, --env, -p, --publish repeat; --rm for run', () => {
    const parsed = parseRunOptions(
      `web -e FOO=bar --env='GREETING=hello world' -p 127.0.0.1:8080:80 --publish=53/udp --rm`,
      { allowRemove: true },
    );
    expect(parsed).toEqual({
      ok: true,
      options: {
        name: 'web',
        env: ['FOO=bar', 'GREETING=hello world'],
        ports: [
          { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 },
          { containerPort: 53, protocol: 'udp' },
        ],
        remove: true,
      },
    });
    expect(parseRunOptions('--name=db -eA=1 -p8080:80', { allowRemove: false })).toMatchObject({
      ok: true,
      options: { name: 'db', env: ['A=1'], ports: [{ containerPort: 80, hostPort: 8080 }] },
    });
    expect(parseRunOptions('   ', { allowRemove: true })).toEqual({
      ok: true,
      options: { name: undefined, env: [], ports: [], remove: false },
    });
  });

  test.each([
    ['-p 8080', false, undefined],
    ['-p abc', true, /"abc" is not a port mapping/],
    ['-p', true, /-p needs a port mapping/],
    ['-e', true, /-e needs KEY=VALUE/],
    ['-e HOME', true, /-e HOME has no value/],
    ['bad name', true, /Give one name, not 2/],
    ['-x', true, /-x is not an option berth takes here \(--name, -e, -p, --rm\)/],
    ['--rm', false, /--rm is not an option berth takes here \(--name, -e, -p\)/],
    ['a', true, /"a" is not a valid container name/],
    ['-e "A=1', true, /cannot be split into words: the double quote is not closed/],
  ])('%s', (line, allowRemove, reason) => {
    const parsed = parseRunOptions(line, { allowRemove });
    if (reason === undefined) return expect(parsed.ok).toBe(true);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
