import { describe, expect, it } from 'vitest';
import { cliArguments } from '../../src/terminal/cli-opener.js';

describe('the docker CLI arguments of a session', () => {
  it('run -it carries --rm, --name, every -e and -p, then the image and the command', () => {
    expect(
      cliArguments({
        kind: 'run',
        containerId: '',
        containerName: 'hello',
        command: 'docker run -it …',
        argv: ['sh', '-c', 'echo $FOO'],
        run: {
          image: 'busybox:latest',
          remove: true,
          name: 'hello',
          env: ['FOO=bar baz', 'EMPTY='],
          ports: [
            { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
            { hostPort: 5353, containerPort: 53, protocol: 'udp' },
          ],
        },
      }),
    ).toEqual([
      'run',
      '-it',
      '--rm',
      '--name',
      'hello',
      '-e',
      'FOO=bar baz',
      '-e',
      'EMPTY=',
      '-p',
      '127.0.0.1:8080:80',
      '-p',
      '5353:53/udp',
      'busybox:latest',
      'sh',
      '-c',
      'echo $FOO',
    ]);
  });

  it('run -it with a cidfile asks docker to write the id of the container it makes there', () => {
    const args = cliArguments(
      {
        kind: 'run',
        containerId: '',
        containerName: 'busybox:latest',
        command: 'docker run -it busybox:latest',
        argv: [],
        run: { image: 'busybox:latest', remove: false },
      },
      { cidFile: '/tmp/berth-run-x/container-id' },
    );
    expect(args).toEqual(['run', '-it', '--cidfile', '/tmp/berth-run-x/container-id', 'busybox:latest']);
  });

  it('exec and start-attached name the container', () => {
    expect(
      cliArguments({
        kind: 'exec',
        containerId: 'abc',
        containerName: 'web',
        argv: ['sh'],
        command: 'docker exec -it web sh',
      }),
    ).toEqual(['exec', '-it', 'abc', 'sh']);
    expect(
      cliArguments({
        kind: 'start-attached',
        containerId: 'abc',
        containerName: 'web',
        argv: [],
        command: 'docker start -ai web',
      }),
    ).toEqual(['start', '-ai', 'abc']);
  });
});
