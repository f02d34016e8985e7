import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import * as cli from '../../src/ui/format/docker-command.js';

describe('shellQuote', () => {
  test.each([
    ['web', 'web'],
    ['busybox:latest', 'busybox:latest'],
    ['registry.local:5000/team/app@sha256:abc', 'registry.local:5000/team/app@sha256:abc'],
    ['./app', './app'],
    ['A=1', 'A=1'],
    ['', "''"],
    ['hello world', "'hello world'"],
    ["it's", `'it'\\''s'`],
    ['$HOME', "'$HOME'"],
    ['a;rm -rf /', "'a;rm -rf /'"],
    ['`id`', "'`id`'"],
    ['*.log', "'*.log'"],
    ['~/app', "'~/app'"],
    ['#comment', "'#comment'"],
    ['CMD ["sh"]', `'CMD ["sh"]'`],
    ['line\nbreak', "'line\nbreak'"],
    ['日本', "'日本'"],
  ])('%j is written %s', (arg, quoted) => {
    expect(cli.shellQuote(arg)).toBe(quoted);
  });

  test('a POSIX shell splits a joined command back into the same arguments', () => {
    const argv = ['sh', '-c', 'echo \'hi\' "$HOME" `id` \\ ; exit 3', '', "it's", 'a b', '*', '~', '#x', 'é'];
    const line = cli.shellJoin(['printf', '%s\\0', ...argv]);
    const output = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
    expect(output.split('\0').slice(0, -1)).toEqual(argv);
  });
});

describe('docker commands', () => {
  test.each([
    ['stop with a grace period', cli.dockerStop('web', 10), 'docker stop -t 10 web'],
    ['stop with the default grace period', cli.dockerStop('web'), 'docker stop web'],
    ['start', cli.dockerStart('web'), 'docker start web'],
    ['start attached', cli.dockerStart('web', { attach: true }), 'docker start -a web'],
    [
      'start attached with input',
      cli.dockerStart('web', { attach: true, interactive: true }),
      'docker start -a -i web',
    ],
    ['kill (SIGKILL is the default)', cli.dockerKill('web'), 'docker kill web'],
    ['kill named SIGKILL', cli.dockerKill('web', 'SIGKILL'), 'docker kill web'],
    ['kill with another signal', cli.dockerKill('web', 'SIGHUP'), 'docker kill -s SIGHUP web'],
    ['freeze with SIGSTOP', cli.dockerKill('web', 'SIGSTOP'), 'docker kill -s SIGSTOP web'],
    ['pause', cli.dockerPause('web'), 'docker pause web'],
    ['unpause', cli.dockerUnpause('web'), 'docker unpause web'],
    ['restart', cli.dockerRestart('web', 5), 'docker restart -t 5 web'],
    ['rm', cli.dockerRm('web'), 'docker rm web'],
    ['rm forced with volumes', cli.dockerRm('web', { force: true, volumes: true }), 'docker rm -f -v web'],
    ['container prune', cli.dockerContainerPrune(), 'docker container prune -f'],
    ['logs', cli.dockerLogs('web'), 'docker logs web'],
    [
      'logs with every option',
      cli.dockerLogs('web', { follow: true, tail: 100, timestamps: true, since: '10m' }),
      'docker logs -f --tail 100 -t --since 10m web',
    ],
    ['exec sh', cli.dockerExec('web'), 'docker exec -it web sh'],
    [
      'exec a typed command',
      cli.dockerExec('db', ['redis-cli', '-n', '1']),
      'docker exec -it db redis-cli -n 1',
    ],
    [
      'exec with user, workdir and env',
      cli.dockerExec('web', ['sh'], { user: 'root', workdir: '/tmp', env: ['A=b c'] }),
      "docker exec -it -u root -w /tmp -e 'A=b c' web sh",
    ],
    ['exec without a tty', cli.dockerExec('web', ['ls'], { tty: false }), 'docker exec -i web ls'],
    [
      'run interactive',
      cli.dockerRun('busybox', { name: 'n', remove: true, command: ['sh', '-c', 'echo hi; sleep 1'] }),
      "docker run -it --rm --name n busybox sh -c 'echo hi; sleep 1'",
    ],
    ['run with the default command', cli.dockerRun('busybox:latest'), 'docker run -it busybox:latest'],
    [
      'run detached',
      cli.dockerRun('busybox', { detach: true, name: 'bg', command: ['sleep', '60'] }),
      'docker run -d --name bg busybox sleep 60',
    ],
    [
      'run detached with env and ports',
      cli.dockerRun('busybox', {
        detach: true,
        env: ['FOO=bar', 'A=b c'],
        ports: ['127.0.0.1:8080:80', '53/udp'],
      }),
      "docker run -d -e FOO=bar -e 'A=b c' -p 127.0.0.1:8080:80 -p 53/udp busybox",
    ],
    [
      'create',
      cli.dockerCreate('busybox', { name: 'c1', command: ['top'] }),
      'docker create --name c1 busybox top',
    ],
    ['attach', cli.dockerAttach('web'), 'docker attach web'],
    [
      'attach with detach keys',
      cli.dockerAttach('web', 'ctrl-p,ctrl-q'),
      'docker attach --detach-keys ctrl-p,ctrl-q web',
    ],
    [
      'commit with a new CMD',
      cli.dockerCommit('web', 'repo:tag', { cmd: ['sh'] }),
      `docker commit -c 'CMD ["sh"]' web repo:tag`,
    ],
    [
      'commit with a CMD that needs quoting',
      cli.dockerCommit('web', 'repo:tag', { cmd: ['sh', '-c', "echo it's"] }),
      `docker commit -c 'CMD ["sh","-c","echo it'\\''s"]' web repo:tag`,
    ],
    ['commit without a reference', cli.dockerCommit('web'), 'docker commit web'],
    ['tag', cli.dockerTag('busybox:latest', 'me/box:1'), 'docker tag busybox:latest me/box:1'],
    ['rmi', cli.dockerRmi('me/box:1'), 'docker rmi me/box:1'],
    ['rmi forced', cli.dockerRmi('me/box:1', { force: true }), 'docker rmi -f me/box:1'],
    ['image prune', cli.dockerImagePrune(), 'docker image prune -f'],
    [
      'build',
      cli.dockerBuild('./app', { tag: 'app:dev', dockerfile: 'app/Dockerfile.dev' }),
      'docker build -t app:dev -f app/Dockerfile.dev ./app',
    ],
    ['build a directory with a space', cli.dockerBuild('my app'), "docker build 'my app'"],
    ['inspect', cli.dockerInspect('web'), 'docker inspect web'],
    ['top', cli.dockerTop('web'), 'docker top web'],
    ['diff', cli.dockerDiff('web'), 'docker diff web'],
    ['stats', cli.dockerStats('web', { noStream: true }), 'docker stats --no-stream web'],
    ['history', cli.dockerHistory('busybox'), 'docker history busybox'],
    ['ps -a', cli.dockerPs({ all: true }), 'docker ps -a'],
    ['images', cli.dockerImages(), 'docker images'],
  ])('%s: %s', (_name, command, expected) => {
    expect(command).toBe(expected);
  });
});
