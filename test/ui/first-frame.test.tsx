/**
 * The real terminal's first frame (run-app passes `containersFirst`): the container list alone,
 * in its place; the images and details panes follow in the next frame, without a key or an
 * engine event. Without the prop (every other test) the first frame has every pane.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appElement, startedModel } from '../support/app-under-test.js';
import { createFakeEngine, fakeContainer, fakeImage } from '../support/fake-engine.js';

const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount();
});

async function firstFrames(containersFirst: boolean) {
  const web = fakeContainer({ name: 'web' });
  const engine = createFakeEngine({
    containers: [web, fakeContainer({ name: 'db', state: 'exited', status: 'Exited (0) 1 hour ago' })],
    images: [fakeImage({ repoTags: ['busybox:latest'] })],
    logs: { [web.id]: [{ stream: 'stdout', text: 'GET / 200 3ms', timestamp: '2026-11-28T10:00:01Z' }] },
  });
  const model = await startedModel(engine);
  const app = render(appElement(model, { containersFirst }));
  unmounts.push(() => app.unmount());
  return app;
}

describe('the first frame', () => {
  it('with containersFirst, is the container list alone, and the other panes follow', async () => {
    const app = await firstFrames(true);
    const first = app.frames[0] ?? '';
    expect(first).toMatch(/Containers \(1\/2\)/);
    expect(first).toContain('web');
    expect(first).not.toContain('Images');
    expect(first).not.toContain('Logs');
    await vi.waitFor(() => {
      expect(app.lastFrame()).toContain('Images (1)');
      expect(app.lastFrame()).toContain('GET / 200 3ms');
    });
    // The list stayed where it was drawn.
    expect(app.lastFrame()?.split('\n')[0]?.indexOf('Containers')).toBe(
      first.split('\n')[0]?.indexOf('Containers'),
    );
  });

  it('without it, has every pane', async () => {
    const app = await firstFrames(false);
    const first = app.frames[0] ?? '';
    expect(first).toMatch(/Containers \(1\/2\)/);
    expect(first).toContain('Images (1)');
    expect(first).toContain('Logs');
  });
});
