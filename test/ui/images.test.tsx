/**
 * The image dialogs against a fake engine: tag and commit ask for a name that Docker's reference
 * grammar accepts before anything is sent, commit takes a CMD in exec or shell form, and each
 * shows the docker command it stands for. The engine side is proven in test/engine and test/e2e.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BuildCancelledError } from '../../src/engine/build.js';
import { EngineError } from '../../src/engine/errors.js';
import { describeHistoryStep } from '../../src/engine/images.js';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, type FakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';
import { type RenderedScreen, renderToScreen } from '../support/xterm-render.js';

const rendered: RenderedScreen[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function fixtures(): FakeEngine {
  return createFakeEngine({
    containers: [fakeContainer({ name: 'web' })],
    images: [fakeImage({ repoTags: ['busybox:latest'] }), fakeImage({ repoTags: ['shop/api:1.2'] })],
  });
}

/** Moves the focus to the images list, where busybox:latest is selected. */
async function focusImages(screen: RenderedScreen) {
  screen.press('2');
  await screen.waitFor(/▶ busybox:latest/);
}

async function open(engine: FakeEngine, options: { readOnly?: boolean } = {}) {
  const model = await startedModel(engine, { readOnly: options.readOnly });
  const screen = renderToScreen(appElement(model), { cols: 160, rows: 45 });
  rendered.push(screen);
  await screen.waitFor(/▶ web/);
  return { screen, model };
}

const callsOf = (engine: FakeEngine, name: string) => engine.calls.filter((c) => c[0] === name);

describe('t tags an image', () => {
  test('an invalid name is refused in the prompt and nothing reaches the engine', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('t');
    await screen.waitFor(/Tag busybox:latest/);
    screen.type('My App:1');
    screen.press('enter');
    await screen.waitFor(/"My App:1" is not a valid image name: an image reference cannot contain/);
    screen.press('ctrl+u');
    screen.type('MyApp');
    screen.press('enter');
    await screen.waitFor(/repository names must be lowercase/);
    screen.press('ctrl+u');
    screen.type('app:-bad');
    screen.press('enter');
    await screen.waitFor(/a tag may contain only letters/);
    expect(callsOf(engine, 'tag')).toEqual([]);
    screen.press('escape');
    await screen.waitFor((s) => !s.includes('Tag busybox:latest'));
    expect(callsOf(engine, 'tag')).toEqual([]);
  });

  test('a valid name is sent, normalised, and the status line shows docker tag', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('t');
    await screen.waitFor(/Tag busybox:latest/);
    screen.type('localhost:5000/team/app');
    screen.press('enter');
    await screen.waitFor(/docker tag busybox:latest localhost:5000\/team\/app:latest/);
    await screen.waitFor(/Tagged busybox:latest as localhost:5000\/team\/app:latest\./);
    expect(callsOf(engine, 'tag')).toEqual([['tag', engine.images[0]!.id, 'localhost:5000/team/app:latest']]);
  });
});

describe('c commits a container', () => {
  test('asks for the name, then a CMD in exec form, and selects the new image', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    screen.press('c');
    await screen.waitFor(/Commit web to a new image/);
    screen.type('Bad Name');
    screen.press('enter');
    await screen.waitFor(/is not a valid image name/);
    screen.press('ctrl+u');
    screen.type('snap:1');
    screen.press('enter');
    await screen.waitFor(/Commit web as snap:1/);
    screen.type('["echo",');
    screen.press('enter');
    await screen.waitFor(/That is not a valid JSON array/);
    screen.press('ctrl+u');
    // The engine lists the new image once it exists.
    engine.images.push(fakeImage({ repoTags: ['snap:1'], id: `sha256:new${'0'.repeat(61)}` }));
    screen.type('["echo","committed"]');
    screen.press('enter');
    await screen.waitFor(/docker commit -c 'CMD \["echo","committed"\]' web snap:1/);
    await screen.waitFor(/▶ snap:1/);
    expect(callsOf(engine, 'commit')).toEqual([
      [
        'commit',
        engine.containers[0]!.id,
        { repository: 'snap', tag: '1', changes: ['CMD ["echo","committed"]'] },
      ],
    ]);
  });

  test('a CMD in shell form runs in /bin/sh -c, like a Dockerfile; empty keeps the old CMD', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    screen.press('c');
    await screen.waitFor(/Commit web to a new image/);
    screen.type('snap');
    screen.press('enter');
    await screen.waitFor(/Commit web as snap:latest/);
    screen.type('echo hi > /tmp/x');
    screen.press('enter');
    await screen.waitFor(/docker commit -c 'CMD \["\/bin\/sh","-c","echo hi > \/tmp\/x"\]' web snap:latest/);
    // The commit moved the focus to the images list, where the new image is selected.
    screen.press('1');
    screen.press('c');
    await screen.waitFor(/Commit web to a new image/);
    screen.type('plain:2');
    screen.press('enter');
    await screen.waitFor(/Commit web as plain:2/);
    screen.press('enter');
    await screen.waitFor(/docker commit web plain:2/);
    await screen.waitFor(/Committed web as plain:2/);
    expect(callsOf(engine, 'commit').map((c) => c[2])).toEqual([
      { repository: 'snap', tag: 'latest', changes: ['CMD ["/bin/sh","-c","echo hi > /tmp/x"]'] },
      { repository: 'plain', tag: '2', changes: undefined },
    ]);
  });
});

describe('the image detail tabs', () => {
  test('History lists the Dockerfile steps oldest first; ] shows Inspect, then the containers using it', async () => {
    const engine = fixtures();
    const now = Math.floor(Date.now() / 1000);
    engine.imageHistory = async () => [
      layer('/bin/sh -c #(nop)  CMD ["sh"]', 0, now - 60),
      layer('/bin/sh -c echo hi > /greeting \x1b]0;pwned\x07', 3, now - 120),
      layer('/bin/sh -c #(nop) ADD file:abc in / ', 1_990_000, now - 3600),
    ];
    engine.inspectImage = async (ref) => ({
      id: ref,
      shortId: ref.slice(7, 19),
      repoTags: ['busybox:latest'],
      repoDigests: [],
      created: '2026-11-28T10:00:00.123Z',
      size: 1_990_003,
      architecture: 'amd64',
      os: 'linux',
      author: '',
      comment: '',
      config: {
        cmd: ['sh'],
        entrypoint: [],
        env: ['PATH=/usr/bin:/bin'],
        exposedPorts: ['80/tcp'],
        workingDir: '/srv',
        labels: { team: 'shop' },
        user: '',
      },
    });
    engine.containersUsingImage = async () => ['web'];
    const { screen } = await open(engine);
    await focusImages(screen);
    await screen.waitFor(/History │ Inspect │ Containers/);
    await screen.waitFor(/3 +0B +\S.* ago +CMD \["sh"\]/);
    const text = screen.screen();
    expect(text).toMatch(/# {3}SIZE +CREATED +STEP.*\n.*1 +1\.99MB +About an hour ago +ADD file:abc in \//);
    expect(text).toMatch(/2 +3B +2 minutes ago +RUN echo hi > \/greeting/);
    expect(text.indexOf('ADD file:abc')).toBeLessThan(text.indexOf('RUN echo hi'));
    expect(screen.rawOutput()).not.toContain('pwned\x07');
    screen.press('enter');
    screen.press(']');
    await screen.waitFor(/Cmd +\["sh"\]/);
    expect(screen.screen()).toMatch(/WorkingDir +\/srv/);
    expect(screen.screen()).toMatch(/Ports +80\/tcp/);
    expect(screen.screen()).toMatch(/PATH=\/usr\/bin:\/bin/);
    expect(screen.screen()).toMatch(/team=shop/);
    expect(screen.screen()).toMatch(/docker image inspect busybox:latest/);
    screen.press(']');
    await screen.waitFor(/│ *web +│/);
    screen.press('[');
    screen.press('[');
    await screen.waitFor(/ADD file:abc/);
  });
});

describe('b builds a directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'berth-ui-build-'));
  const app = path.join(root, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'Dockerfile'), 'FROM busybox\nRUN echo hi\n');
  const empty = path.join(root, 'empty');
  mkdirSync(empty);

  test('refuses a missing directory, one without a Dockerfile and a bad tag; then streams the steps', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('b');
    await screen.waitFor(/Build an image/);
    expect(screen.screen()).toMatch(/> \. /);
    screen.press('ctrl+u');
    screen.type(path.join(root, 'nope'));
    screen.press('enter');
    await screen.waitFor(/There is no directory/);
    screen.press('ctrl+u');
    screen.type(empty);
    screen.press('enter');
    await screen.waitFor(/has no Dockerfile/);
    screen.press('ctrl+u');
    screen.type(app);
    screen.press('enter');
    await screen.waitFor(/Tag, repository\[:tag\]/);
    screen.type('App:dev');
    screen.press('enter');
    await screen.waitFor(/repository names must be lowercase/);
    expect(callsOf(engine, 'build')).toEqual([]);
    screen.press('ctrl+u');
    screen.type('app:dev');
    screen.press('enter');
    await screen.waitFor(/Successfully built bbbbbbbbbbbb/);
    const text = screen.screen();
    expect(text).toMatch(/Step 1\/2 : FROM busybox/);
    expect(text).toMatch(/Step 2\/2 : RUN echo hi +CACHED/);
    expect(text).toMatch(/1 of 2 steps from the cache/);
    await screen.waitFor(
      new RegExp(`docker build -t app:dev ${app.replace(/[/.]/g, '\\$&')} · Built bbbbbbbbbbbb as app:dev`),
    );
    expect(callsOf(engine, 'build')).toEqual([['build', app, 'app:dev']]);
    screen.press('escape');
    await screen.waitFor((s) => !s.includes('Successfully built'));
  });

  test('the palette takes build DIR: the directory is filled in, then the tag is asked', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type(`build ${app}`);
    screen.press('enter');
    await screen.waitFor(/Build an image/);
    expect(screen.screen()).toContain(`> ${app}`);
    screen.press('enter');
    await screen.waitFor(/Tag, repository/);
    screen.press('enter');
    await screen.waitFor(/Successfully built bbbbbbbbbbbb/);
    expect(callsOf(engine, 'build')).toEqual([['build', app, undefined]]);
  });

  test('the directory prompt takes -f, --build-arg and --no-cache like the docker CLI', async () => {
    const engine = fixtures();
    const build = engine.buildImage;
    const seen: unknown[] = [];
    engine.buildImage = (o, onEvent) => {
      seen.push({ ...o, signal: undefined });
      return build(o, onEvent);
    };
    const { screen } = await open(engine);
    screen.press('2');
    screen.press('b');
    await screen.waitFor(/Build an image/);
    screen.press('ctrl+u');
    screen.type(`-f ${app}/Dockerfile --build-arg V=1 --no-cache ${app}`);
    screen.press('enter');
    await screen.waitFor(/Tag, repository/);
    screen.press('enter');
    await screen.waitFor(/Successfully built/);
    await screen.waitFor(`docker build -f ${app}/Dockerfile --build-arg V=1 --no-cache ${app} · Built`);
    expect(seen).toEqual([
      {
        dir: app,
        tag: undefined,
        dockerfile: `${app}/Dockerfile`,
        buildArgs: { V: '1' },
        noCache: true,
        signal: undefined,
      },
    ]);
  });

  test('Esc cancels a running build through its signal', async () => {
    const engine = fixtures();
    let aborted = false;
    engine.buildImage = (o, onEvent = () => undefined) =>
      new Promise((_resolve, reject) => {
        onEvent({ type: 'step', index: 1, total: 3, instruction: 'RUN sleep 100' });
        onEvent({ type: 'output', step: 1, text: 'sleeping' });
        o.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new BuildCancelledError());
        });
      });
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('b');
    await screen.waitFor(/Build an image/);
    screen.press('ctrl+u');
    screen.type(app);
    screen.press('enter');
    await screen.waitFor(/Tag, repository/);
    screen.press('enter');
    await screen.waitFor(/Step 1\/3 : RUN sleep 100 +running…/);
    expect(screen.screen()).toMatch(/│ sleeping/);
    expect(screen.screen()).toMatch(/Esc cancels the build/);
    screen.press('escape');
    await screen.waitFor(/Build cancelled: the engine stopped it/);
    expect(aborted).toBe(true);
    screen.press('escape');
    await screen.waitFor((s) => !s.includes('Build cancelled:'));
  });
});

describe('p pulls an image', () => {
  test('refuses a bad name, then shows a progress bar per layer and selects the pulled image', async () => {
    const engine = fixtures();
    const pulled = fakeImage({ repoTags: ['alpine:3.20'] });
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('p');
    await screen.waitFor(/Pull an image/);
    screen.type('Alpine');
    screen.press('enter');
    await screen.waitFor(/repository names must be lowercase/);
    expect(callsOf(engine, 'pull')).toEqual([]);
    const pull = engine.pullImage;
    let progress: (bytes: number) => void = () => undefined;
    let finish: () => void = () => undefined;
    engine.pullImage = (reference, onProgress, o) =>
      new Promise((resolve) => {
        progress = (n) =>
          onProgress?.({
            layers: [
              {
                id: 'fa4e1a7e0001',
                phase: 'downloading',
                status: 'Downloading',
                current: n,
                total: 2_000_000,
              },
            ],
            messages: ['3.20: Pulling from library/alpine'],
            digest: undefined,
            error: undefined,
          });
        finish = () => {
          engine.images.push(pulled);
          resolve(pull(reference, undefined, o));
        };
      });
    screen.press('ctrl+u');
    screen.type('alpine:3.20');
    screen.press('enter');
    await screen.waitFor(/docker pull alpine:3\.20/);
    progress(1_000_000);
    await screen.waitFor(/fa4e1a7e0001: Downloading +\[=+> +\] +1MB\/2MB/);
    expect(screen.screen()).toMatch(/3\.20: Pulling from library\/alpine/);
    finish();
    await screen.waitFor(/Digest: sha256:d{64}/);
    await screen.waitFor(/Pulled alpine:3\.20\./);
    screen.press('enter');
    await screen.waitFor((text) => !text.includes('Digest:'));
    expect(screen.screen()).toMatch(/▶ alpine:3\.20/);
  });

  test('a refusal from the registry is a sentence; the palette offers pull by name', async () => {
    const engine = fixtures();
    engine.pullImage = async () => {
      // A registry writes part of its refusal: an escape sequence in it must not reach the terminal.
      throw new EngineError(
        'NotFound',
        'The registry has no image nothere:1 (manifest unknown).\x1b]0;pwned\x07',
      );
    };
    const { screen } = await open(engine);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('imagePull');
    screen.press('enter');
    await screen.waitFor(/Pull an image/);
    screen.type('nothere:1');
    screen.press('enter');
    await screen.waitFor(/The registry has no image nothere:1 \(manifest unknown\)\./);
    expect(screen.screen()).toMatch(/Failed · Esc or Enter closes/);
    await screen.waitFor(/docker pull nothere:1 · The registry has no image/);
    expect(screen.rawOutput()).not.toContain('pwned');
  });
});

describe('C creates a container', () => {
  test('asks for a command, then a name with -e and -p (refusing bad ones), then docker create', async () => {
    const engine = fixtures();
    engine.createContainer = async (spec) => {
      engine.calls.push(['create', spec]);
      return `worker2${'0'.repeat(57)}`;
    };
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('C');
    await screen.waitFor(/Create a container from busybox:latest/);
    screen.type('sleep 100');
    screen.press('enter');
    await screen.waitFor(/Optional: NAME, -e KEY=VALUE, -p \[IP:\]HOST:CONTAINER \(both repeat\) {2}/);
    for (const [line, reason] of [
      ['bad name', /Give one name, not 2 \(bad, name\)\./],
      ['worker2 -p 8080:http', /"8080:http" is not a port mapping: write \[IP:\]HOST:CONTAINER/],
      ['worker2 -p 127.0.0.1:99999:80', /99999 is not a port; ports are 1 to 65535/],
      ['worker2 -e =x', /-e =x has no name before the "="/],
      ['worker2 --rm', /--rm is not an option berth takes here \(--name, -e, -p\)/],
    ] as const) {
      screen.press('ctrl+u');
      screen.type(line);
      screen.press('enter');
      await screen.waitFor(reason);
    }
    expect(callsOf(engine, 'create')).toEqual([]);
    screen.press('ctrl+u');
    screen.type(`worker2 -e FOO=bar -e 'GREETING=hi there' -p 127.0.0.1:8080:80 -p 53/udp`);
    screen.press('enter');
    await screen.waitFor(
      /docker create --name worker2 -e FOO=bar -e 'GREETING=hi there' -p 127\.0\.0\.1:8080:80 -p 53\/udp busybox:latest sleep 100 · Created worker2/,
    );
    await screen.waitFor(/Containers \(1\/1\) all/);
    expect(callsOf(engine, 'create')).toEqual([
      [
        'create',
        {
          image: 'busybox:latest',
          cmd: ['sleep', '100'],
          name: 'worker2',
          env: ['FOO=bar', 'GREETING=hi there'],
          ports: [
            { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 },
            { containerPort: 53, protocol: 'udp' },
          ],
        },
      ],
    ]);
  });
});

describe('R runs a container', () => {
  test('the options open with --rm; detached sends env, ports and --rm, and the menu shows the command', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('R');
    await screen.waitFor(/Run busybox:latest/);
    screen.type('sleep 1000');
    screen.press('enter');
    await screen.waitFor(/> --rm/);
    screen.type(' -e MODE=test -p 8080:80');
    screen.press('enter');
    // The menu is narrower than the commands: the status line shows the whole one once picked.
    await screen.waitFor(/interactive +docker run -it --rm -e MODE=test -p 8080:80 busybox:l/);
    expect(screen.screen()).toMatch(/detached +docker run -d --rm -e MODE=test -p 8080:80 busybox:l/);
    expect(callsOf(engine, 'run')).toEqual([]);
    screen.press('down');
    screen.press('enter');
    await screen.waitFor(
      /docker run -d --rm -e MODE=test -p 8080:80 busybox:latest sleep 1000 · Started new/,
    );
    expect(callsOf(engine, 'run')).toEqual([
      [
        'run',
        {
          image: 'busybox:latest',
          cmd: ['sleep', '1000'],
          name: undefined,
          env: ['MODE=test'],
          ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }],
          autoRemove: true,
        },
      ],
    ]);
  });
});

describe('the palette runs and creates by image name', () => {
  test(':run of an image that is not here offers the pull (Enter: yes), shows it per layer, then goes on', async () => {
    const engine = fixtures();
    const pull = engine.pullImage;
    let finish: () => void = () => undefined;
    engine.pullImage = (reference, onProgress, o) =>
      new Promise((resolve) => {
        onProgress?.({
          layers: [
            { id: 'fa4e1a7e0001', phase: 'downloading', status: 'Downloading', current: 1e6, total: 2e6 },
          ],
          messages: [],
          digest: undefined,
          error: undefined,
        });
        finish = () => resolve(pull(reference, undefined, o));
      });
    const { screen } = await open(engine);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type(`run 127.0.0.1:5000/team/app sh -c 'echo hi there'`);
    screen.press('enter');
    await screen.waitFor(/127\.0\.0\.1:5000\/team\/app:latest is not on this engine\. Pull it\?/);
    expect(screen.screen()).toMatch(/berth pulls it from 127\.0\.0\.1:5000/);
    expect(screen.screen()).toMatch(/Equivalent: docker pull 127\.0\.0\.1:5000\/team\/app:latest/);
    expect(screen.screen()).toMatch(/y \/ Enter +pull +n \/ Esc +cancel \(default: Yes\)/);
    screen.press('enter');
    await screen.waitFor(/fa4e1a7e0001: Downloading +\[=+> +\] +1MB\/2MB/);
    finish();
    // The view stays at its end until Enter, which goes on with the run: its options, the command as split.
    await screen.waitFor(/Pulled · Enter goes on to run · Esc stops here/);
    expect(screen.screen()).toMatch(/fa4e1a7e0001: complete/);
    await screen.waitFor(/Pulled 127\.0\.0\.1:5000\/team\/app:latest\. Enter goes on to run\./);
    screen.press('enter');
    await screen.waitFor(/Run 127\.0\.0\.1:5000\/team\/app:latest sh -c 'echo hi there'/);
    screen.press('ctrl+u');
    screen.type('-e FOO=bar');
    screen.press('enter');
    await screen.waitFor(/detached +docker run -d -e FOO=bar/);
    screen.press('down');
    screen.press('enter');
    await screen.waitFor(/Started new from 127\.0\.0\.1:5000\/team\/app:latest/);
    expect(callsOf(engine, 'run')).toEqual([
      [
        'run',
        {
          image: '127.0.0.1:5000/team/app:latest',
          cmd: ['sh', '-c', 'echo hi there'],
          name: undefined,
          env: ['FOO=bar'],
          ports: [],
          autoRemove: false,
        },
      ],
    ]);
  });

  test('a failed pull is a sentence and nothing is created; n leaves the image alone', async () => {
    const engine = fixtures();
    engine.pullImage = async (reference) => {
      engine.calls.push(['pull', reference]);
      throw new EngineError(
        'NotFound',
        'The registry at 127.0.0.1:5000 has no image nope:1 (manifest unknown).',
      );
    };
    const { screen } = await open(engine);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('create 127.0.0.1:5000/nope:1');
    screen.press('enter');
    await screen.waitFor(/is not on this engine\. Pull it\?/);
    screen.press('y');
    await screen.waitFor(
      /docker pull 127\.0\.0\.1:5000\/nope:1 · The registry at 127\.0\.0\.1:5000 has no image nope:1 \(manifest unknown\)\. Nothing was created\./,
    );
    expect(callsOf(engine, 'create')).toEqual([]);
    screen.press('enter');
    await screen.waitFor((s) => !s.includes('Failed ·'));

    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('run alpine');
    screen.press('enter');
    await screen.waitFor(/alpine:latest is not on this engine\. Pull it\?/);
    expect(screen.screen()).toMatch(/berth pulls it from Docker Hub \(docker\.io\)/);
    screen.press('n');
    await screen.waitFor((s) => !s.includes('Pull it?'));
    await screen.waitFor(
      /docker pull alpine:latest · alpine:latest is not on this engine: nothing was run\./,
    );
    expect(callsOf(engine, 'pull')).toEqual([['pull', '127.0.0.1:5000/nope:1']]);
    expect(callsOf(engine, 'run')).toEqual([]);
  });

  test('a local image goes straight to the options; a bad name or command is a sentence', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('create shop/api:1.2 serve --port 80');
    screen.press('enter');
    await screen.waitFor(/Create shop\/api:1\.2 serve --port 80/);
    screen.press('escape');
    await screen.waitFor((s) => !s.includes('Create shop/api'));
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('run Bad/Name');
    screen.press('enter');
    await screen.waitFor(/"Bad\/Name" is not a valid image name: repository names must be lowercase/);
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type(`run busybox sh -c 'echo`);
    screen.press('enter');
    await screen.waitFor(/That cannot be split into words: the single quote is not closed\./);
    expect(callsOf(engine, 'pull')).toEqual([]);
  });
});

/** The open dialog's rows inside its frame, joined: its sentences whole, however they wrapped. */
function dialogText(screen: string): string {
  const rows = screen.split('\n');
  const top = rows.findIndex((row) => row.includes('╭'));
  const left = rows[top]?.indexOf('╭') ?? 0;
  const right = rows[top]?.indexOf('╮') ?? 0;
  const bottom = rows.findIndex((row, i) => i > top && row.includes('╰'));
  return rows
    .slice(top + 1, bottom)
    .map((row) => row.slice(left + 1, right).trim())
    .join(' ');
}

describe('d removes one name of an image, or the image', () => {
  /** busybox under a second name, as `t` leaves it: the list shows busybox:latest first. */
  function twoNames(): FakeEngine {
    return createFakeEngine({
      containers: [fakeContainer({ name: 'web' })],
      images: [fakeImage({ repoTags: ['busybox:latest', 'myapp:1.0'] })],
    });
  }

  test('the name typed in the menu is the one removed; the other stays', async () => {
    const engine = twoNames();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('d');
    await screen.waitFor(/Remove which name of busyboxlates\?/);
    expect(screen.screen()).toMatch(/▶ busybox:latest +this name only; the image stays/);
    screen.type('myapp');
    await screen.waitFor(/▶ myapp:1\.0 /);
    screen.press('enter');
    await screen.waitFor(/Remove myapp:1\.0\?/);
    expect(screen.screen()).toMatch(/Removes the tag myapp:1\.0; the image stays under its 1 other tag/);
    expect(screen.screen()).toMatch(/Equivalent: docker rmi myapp:1\.0/);
    screen.press('y');
    await screen.waitFor(/docker rmi myapp:1\.0 · Removed myapp:1\.0\./);
    expect(callsOf(engine, 'removeImage')).toEqual([['removeImage', 'myapp:1.0', { force: false }]]);
  });

  test('the image itself goes by ID with every name, force on and locked: docker rmi -f needs it', async () => {
    const engine = twoNames();
    engine.containersUsingImage = async () => ['web'];
    const image = engine.images[0]!;
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('d');
    await screen.waitFor(/Remove which name of busyboxlates\?/);
    screen.press('down', 'down');
    await screen.waitFor(/▶ busyboxlates +the image, with all 2 names \(-f\)/);
    screen.press('enter');
    await screen.waitFor(/Remove busyboxlates and all its names\?/);
    const dialog = dialogText(screen.screen());
    expect(dialog).toMatch(/Removes all 2 names \(busybox:latest, myapp:1\.0\), then deletes busyboxlates/);
    expect(dialog).toMatch(/Used by web: force deletes it from under a stopped container; a running one/);
    // Locked: no key shown after it, and f does not clear it.
    expect(dialog).toMatch(/\[x\] force \(-f\), needed for an image under several names y remove/);
    screen.press('f');
    await screen.waitForStable(100);
    expect(screen.screen()).toMatch(/\[x\] force \(-f\)/);
    screen.press('y');
    await screen.waitFor(/docker rmi -f busyboxlates · Removed busyboxlates\./);
    expect(callsOf(engine, 'removeImage')).toEqual([['removeImage', image.id, { force: true }]]);
  });

  test('a name given a moment ago, not yet in the list, is offered: the engine is asked', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    // `docker tag` from elsewhere: the engine has the name, the list has not heard of it.
    const busybox = engine.images[0]!;
    engine.images = [{ ...busybox, repoTags: ['busybox:latest', 'myapp:1.0'] }, ...engine.images.slice(1)];
    screen.press('d');
    await screen.waitFor(/Remove which name of busyboxlates\?/);
    expect(screen.screen()).toMatch(/▶ busybox:latest +this name only/);
    expect(screen.screen()).toMatch(/ {3}myapp:1\.0 +this name only/);
  });

  test('an image with one name asks at once, with force off', async () => {
    const engine = fixtures();
    const { screen } = await open(engine);
    await focusImages(screen);
    screen.press('d');
    await screen.waitFor(/Remove busybox:latest\?/);
    expect(screen.screen()).not.toMatch(/which name/);
    expect(screen.screen()).toMatch(/\[ \] force \(f\)/);
    screen.press('y');
    await screen.waitFor(/docker rmi busybox:latest · Removed busybox:latest\./);
    expect(callsOf(engine, 'removeImage')).toEqual([['removeImage', engine.images[0]!.id, { force: false }]]);
  });
});

describe('u pushes the selected image', () => {
  test('asks which of its names, showing the registry of each, then pushes that one', async () => {
    const engine = createFakeEngine({
      containers: [fakeContainer({ name: 'web' })],
      images: [fakeImage({ repoTags: ['app:1', '127.0.0.1:5000/team/app:1'] }), fakeImage({ repoTags: [] })],
    });
    const { screen } = await open(engine);
    screen.press('2');
    await screen.waitFor(/▶ app:1/);
    screen.press('u');
    await screen.waitFor(/Push app1a+: which name\?/);
    expect(screen.screen()).toMatch(/app:1 +to Docker Hub \(docker\.io\)/);
    expect(screen.screen()).toMatch(/127\.0\.0\.1:5000\/team\/app:1 +to 127\.0\.0\.1:5000/);
    screen.press('down');
    screen.press('enter');
    await screen.waitFor(
      /docker push 127\.0\.0\.1:5000\/team\/app:1 · Pushed 127\.0\.0\.1:5000\/team\/app:1\./,
    );
    expect(callsOf(engine, 'push')).toEqual([['push', '127.0.0.1:5000/team/app:1']]);
    screen.press('enter');
    await screen.waitFor((s) => !s.includes('Digest:'));
    screen.press('j');
    await screen.waitFor(/▶ <none>/);
    screen.press('u');
    await screen.waitFor(/has no name to push under: tag it first \(t\)/);
    expect(callsOf(engine, 'push')).toHaveLength(1);
  });

  test("--read-only disables it, and the palette's run IMAGE", async () => {
    const engine = fixtures();
    const { screen } = await open(engine, { readOnly: true });
    await focusImages(screen);
    screen.press('u');
    await screen.waitFor(/read-only mode/);
    expect(screen.screen()).not.toMatch(/which name\?/);
    // The palette's words with an argument say so too, instead of closing without a word.
    screen.press(':');
    await screen.waitFor(/Command palette/);
    screen.type('run nothere:1 sh');
    screen.press('enter');
    await screen.waitFor((s) => !s.includes('Command palette'));
    await screen.waitFor(/read-only mode \(--read-only\): run would change the engine\./);
    expect(screen.screen()).not.toMatch(/Pull it\?/);
    expect(callsOf(engine, 'push')).toEqual([]);
    expect(callsOf(engine, 'pull')).toEqual([]);
  });
});

function layer(createdByRaw: string, size: number, created: number) {
  return {
    id: undefined,
    created,
    createdBy: describeHistoryStep(createdByRaw),
    createdByRaw,
    size,
    comment: '',
    tags: [],
  };
}
