/**
 * The image keys in the real app (`bin/berth` in a pty) against an engine of this file's own:
 * `t` tags, `c` commits a container with a new CMD that the committed image then runs, and `b`
 * builds a four-step Dockerfile whose rebuild shows every step after FROM served by the cache,
 * `:push` and `p` push to and pull from a registry on the engine's loopback, a row per layer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { pushImage } from '../../src/engine/transfer.js';
import { makeContainer } from '../support/engine.js';
import { disposeAppsAfterEach, type PtyApp } from '../support/pty-app.js';
import { startRegistry } from '../support/registry.js';
import {
  allContainerNames,
  dialogLines,
  openBerth,
  ownEngineForFile,
  selectContainer,
} from './berth-session.js';

disposeAppsAfterEach();

const own = ownEngineForFile('e2e-images');
const { cleanup } = own;

/** Focuses the images list and waits for `name` to be the selected image. */
async function focusImage(app: PtyApp, name: string) {
  app.press('2');
  await app.waitFor(new RegExp(`│▶ ${name.replace(/[.:/]/g, '\\$&')}`), { timeout: 5000 });
}

/** Types an answer into the open prompt once it shows `title`, and accepts it. */
async function answer(app: PtyApp, title: RegExp, text: string) {
  await app.waitFor((screen) => dialogLines(screen).some((l) => title.test(l)), { timeout: 5000 });
  app.press('ctrl+u');
  await app.waitFor((screen) => dialogLines(screen).includes('>'), { timeout: 3000 });
  app.type(text);
  await app.waitFor((screen) => dialogLines(screen).includes(`> ${text}`), { timeout: 3000 });
  app.press('enter');
}

/** What a container of `image` prints, run to its end through dockerode (no TTY: framed output). */
async function outputOf(image: string): Promise<string> {
  const container = await own.context.docker.createContainer({ Image: image });
  cleanup.push(() => container.remove({ force: true }));
  await container.start();
  await container.wait();
  const raw = (await container.logs({ stdout: true, stderr: true })) as Buffer;
  let text = '';
  // Each frame: stream byte, three zero bytes, a big-endian length, then the payload.
  for (let at = 0; at + 8 <= raw.length; at += 8 + raw.readUInt32BE(at + 4)) {
    text += raw.subarray(at + 8, at + 8 + raw.readUInt32BE(at + 4)).toString();
  }
  return text;
}

describe('image keys', () => {
  test('t tags the selected image; an invalid name is refused in the prompt, a valid one appears', async () => {
    const app = await openBerth(own.engine.host);
    await focusImage(app, 'busybox:latest');
    app.press('t');
    await answer(app, /Tag busybox:latest/, 'Bad Name');
    await app.waitFor(/is not a valid image name/);
    await answer(app, /Tag busybox:latest/, 'e2e/tagged:1');
    await app.waitFor('docker tag busybox:latest e2e/tagged:1');
    // The heading above History names every tag of the image, in the engine's order.
    await app.waitFor(/(busybox:latest, e2e\/tagged:1|e2e\/tagged:1, busybox:latest) · /, { timeout: 5000 });
    const tagged = await own.context.docker.getImage('e2e/tagged:1').inspect();
    const original = await own.context.docker.getImage('busybox:latest').inspect();
    expect(tagged.Id).toBe(original.Id);
    await expect(own.context.docker.getImage('Bad Name').inspect()).rejects.toThrow();
  });

  test('d on an image with several names removes the one chosen; the image stays under the others', async () => {
    const original = await own.context.docker.getImage('busybox:latest').inspect();
    const app = await openBerth(own.engine.host);
    app.press('2');
    // The row shows the image's first name, whichever the engine lists first.
    await app.waitFor(/│▶ \S+/, { timeout: 5000 });
    app.press('t');
    await answer(app, /^Tag /, 'myapp:1.0');
    await app.waitFor(/Tagged \S+ as myapp:1\.0\./, { timeout: 5000 });
    const before = (await own.context.docker.getImage('myapp:1.0').inspect()).RepoTags;
    expect(before).toContain('busybox:latest');

    app.press('d');
    await app.waitFor((s) => dialogLines(s).some((l) => /^Remove which name of [0-9a-f]{12}\?/.test(l)), {
      timeout: 5000,
    });
    // Every name is offered, and the image itself by ID.
    const menu = dialogLines(app.screen());
    const entries = menu.map((l) => l.replace(/^▶ /, ''));
    for (const name of before) expect(entries.some((l) => l.startsWith(`${name} `))).toBe(true);
    expect(entries.some((l) => /^[0-9a-f]{12} +the image, with all \d names \(-f\)/.test(l))).toBe(true);
    app.type('myapp');
    await app.waitFor((s) => dialogLines(s).some((l) => l.startsWith('▶ myapp:1.0 ')));
    app.press('enter');
    await app.waitFor((s) => dialogLines(s).some((l) => l.startsWith('Remove myapp:1.0?')));
    app.press('y');
    await app.waitFor('docker rmi myapp:1.0 · Removed myapp:1.0.', { timeout: 5000 });

    // The engine untagged just that name: the image and its other names are all still there.
    await expect(own.context.docker.getImage('myapp:1.0').inspect()).rejects.toThrow();
    const after = await own.context.docker.getImage(original.Id).inspect();
    expect(after.RepoTags.sort()).toEqual(before.filter((name) => name !== 'myapp:1.0').sort());
    expect((await own.context.docker.getImage('busybox:latest').inspect()).Id).toBe(original.Id);
  });

  test('c commits a container with CMD ["echo","committed"]; the new image is selected and prints committed', async () => {
    await makeContainer(own.context, cleanup, { name: 'web', cmd: ['sleep', '100000'], init: true });
    const app = await openBerth(own.engine.host);
    await selectContainer(app, 'web');
    app.press('c');
    await answer(app, /Commit web to a new image/, 'e2e/committed:1');
    await answer(app, /Commit web as e2e\/committed:1/, '["echo","committed"]');
    await app.waitFor(`docker commit -c 'CMD ["echo","committed"]' web e2e/committed:1`, { timeout: 5000 });
    await app.waitFor(/│▶ e2e\/committed:1 /, { timeout: 5000 });
    const details = await own.context.docker.getImage('e2e/committed:1').inspect();
    expect(details.Config.Cmd).toEqual(['echo', 'committed']);
    expect((await outputOf('e2e/committed:1')).trim()).toBe('committed');
  });

  test('b builds a four-step Dockerfile; the rebuild shows every step after FROM as cached', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-build-'));
    const token = Date.now().toString(36);
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM busybox\nRUN echo ${token} > /token\nRUN echo step three\nCMD ["cat", "/token"]\n`,
    );
    const app = await openBerth(own.engine.host);
    const steps = (screen: string) => dialogLines(screen).filter((l) => /^Step \d\/4 : /.test(l));

    for (const round of ['first', 'rebuild']) {
      app.press('2');
      await app.waitFor(/│▶ \S/);
      app.press('b');
      await answer(app, /Build an image/, dir);
      await answer(app, /Build /, 'e2e/built:1');
      await app.waitFor(/Successfully tagged e2e\/built:1/, { timeout: 20_000 });
      const shown = steps(app.screen());
      expect(shown).toHaveLength(4);
      expect(shown[0]).not.toMatch(/CACHED/);
      for (const step of shown.slice(1)) {
        if (round === 'first') expect(step).not.toMatch(/CACHED/);
        else expect(step).toMatch(/ CACHED /);
      }
      if (round === 'first') expect(dialogLines(app.screen())).toContain(`│ step three`);
      await app.waitFor(`docker build -t e2e/built:1 ${dir}`);
      // The dialog hides the list; the detail pane's heading names the selected image.
      await app.waitFor(/│e2e\/built:1 · [0-9a-f]{12} · /);
      app.press('enter');
      await app.waitFor((screen) => dialogLines(screen).length === 0);
    }
    expect((await outputOf('e2e/built:1')).trim()).toBe(token);
  });

  test(':run of an image that is not here offers the pull, then runs it with -e and -p; a bad -p is refused first', async () => {
    const registry = await startRegistry(own.engine);
    const docker = {
      DOCKER_CONFIG: path.join(mkdtempSync(path.join(tmpdir(), 'berth-e2e-docker-')), 'empty'),
    };
    const name = `${registry.host}/berth/runme:1`;
    try {
      await own.context.docker
        .getImage('busybox:latest')
        .tag({ repo: `${registry.host}/berth/runme`, tag: '1' });
      await pushImage(own.context, name, undefined, { env: docker });
      // Every local image goes, so the pull has a layer to move and nothing is here to run.
      for (const image of await own.context.docker.listImages())
        await own.context.docker.getImage(image.Id).remove({ force: true });
      const app = await openBerth(own.engine.host, { env: docker });
      app.press(':');
      await app.waitFor(/Command palette/);
      app.type(`run ${name} sh -c 'echo "FOO is $FOO"; sleep 300'`);
      app.press('enter');
      await app.waitFor(`${name} is not on this engine. Pull it?`, { timeout: 5000 });
      expect(dialogLines(app.screen())).toContain(`Equivalent: docker pull ${name}`);
      // Enter takes the default, which is yes: a pull changes nothing that is already here.
      app.press('enter');
      // The pull view shows each layer and stays at its end; Enter goes on with the run.
      await app.waitFor(/Pulled · Enter goes on to run · Esc stops here/, { timeout: 20_000 });
      await app.waitFor((s) => dialogLines(s).some((l) => /^[0-9a-f]{12}: Pull complete/.test(l)));
      await own.context.docker.getImage(name).inspect();
      app.press('enter');
      await app.waitFor((s) => dialogLines(s).some((l) => l.startsWith(`Run ${name} sh -c`)));

      await answer(app, /^Run /, '--name runme -e FOO=bar -p 127.0.0.1:99999:80');
      await app.waitFor(/"127\.0\.0\.1:99999:80": 99999 is not a port; ports are 1 to 65535\./);
      expect(await allContainerNames(own.context)).toEqual([]);
      await answer(app, /^Run /, '--name runme -e FOO=bar -p 127.0.0.1:18080:80');
      await app.waitFor((s) => dialogLines(s).some((l) => l.startsWith('▶ interactive')));
      app.press('enter');
      await app.waitFor(/FOO is bar/, { timeout: 10_000 });
      await app.waitFor(`docker run -it --name runme -e FOO=bar -p 127.0.0.1:18080:80 ${name} sh -c`);
      const info = await own.context.docker.getContainer('runme').inspect();
      expect(info.Config.Image).toBe(name);
      expect(info.Config.Env).toContain('FOO=bar');
      expect(info.Config.Cmd).toEqual(['sh', '-c', 'echo "FOO is $FOO"; sleep 300']);
      expect(info.HostConfig.PortBindings).toEqual({
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }],
      });
      expect(info.HostConfig.AutoRemove).toBe(false);
    } finally {
      // busybox back under its usual name, for the tests after this one.
      await own.context.docker
        .getImage(name)
        .tag({ repo: 'busybox', tag: 'latest' })
        .catch(() => undefined);
      await registry.destroy();
    }
  });

  // Last: it removes every local image, busybox included, so the pull has a layer to move.
  test(':push NAME pushes, p pulls it back with a row per layer and selects it; a missing name is a sentence', async () => {
    const registry = await startRegistry(own.engine);
    const noCredentials = path.join(mkdtempSync(path.join(tmpdir(), 'berth-e2e-docker-')), 'empty');
    mkdirSync(noCredentials);
    const name = `${registry.host}/berth/pulled:1`;
    try {
      await own.context.docker
        .getImage('busybox:latest')
        .tag({ repo: `${registry.host}/berth/pulled`, tag: '1' });
      const app = await openBerth(own.engine.host, { env: { DOCKER_CONFIG: noCredentials } });

      // Push has no key: the palette's `push NAME`, confirmed in a prompt that opens filled in.
      app.press(':');
      await app.waitFor(/Command palette/);
      app.type(`push ${name}`);
      app.press('enter');
      await app.waitFor((screen) => dialogLines(screen).includes(`> ${name}`), { timeout: 3000 });
      app.press('enter');
      await app.waitFor(`docker push ${name} · Pushed ${name}.`, { timeout: 20_000 });
      // Read from whole frames: a frame can arrive in parts.
      await app.waitFor((s) => dialogLines(s).some((l) => /^[0-9a-f]{12}: Pushed/.test(l)));
      await app.waitFor((s) => dialogLines(s).some((l) => /^Digest: sha256:[0-9a-f]{64}$/.test(l)));
      app.press('enter');
      await app.waitFor((screen) => dialogLines(screen).length === 0);

      // Every local image goes, busybox included, so the pull has a layer to move.
      for (const image of await own.context.docker.listImages())
        await own.context.docker.getImage(image.Id).remove({ force: true });
      app.press('2');
      await app.waitFor('Images (0)');
      app.press('p');
      await answer(app, /Pull an image/, name);
      await app.waitFor(/Digest: sha256:[0-9a-f]{64}/, { timeout: 20_000 });
      await app.waitFor((s) => dialogLines(s).some((l) => /^[0-9a-f]{12}: Pull complete/.test(l)));
      await app.waitFor(`docker pull ${name} · Pulled ${name}.`);
      app.press('enter');
      await app.waitFor((screen) => dialogLines(screen).length === 0);
      await app.waitFor(`│▶ ${name}`);

      app.press('p');
      await answer(app, /Pull an image/, `${registry.host}/nope/x:1`);
      await app.waitFor(/has no image nope\/x:1/, { timeout: 10_000 });
    } finally {
      await registry.destroy();
    }
  });
});
