import { describe, expect, test } from 'vitest';
import type { ContainerEntry } from '../../src/state/containers-store.js';
import { containerRows, countContainers, filterImages, moveSelection } from '../../src/state/selectors.js';
import { fakeContainer, fakeImage } from '../support/fake-engine.js';

const entry = (o: Parameters<typeof fakeContainer>[0]): ContainerEntry => ({
  ...fakeContainer(o),
  statusReadAt: 0,
});

const web = entry({ name: 'web' });
const db = entry({ name: 'db', state: 'paused', status: 'Up 1 hour (Paused)' });
const worker = entry({ name: 'worker', state: 'exited', status: 'Exited (137) 1 minute ago' });
const api = entry({ name: 'shop-api', labels: {}, composeProject: 'shop' });
const cache = entry({ name: 'shop-cache', state: 'created', status: 'Created', composeProject: 'shop' });

const names = (rows: ReturnType<typeof containerRows>) =>
  rows.map((r) => (r.kind === 'group' ? `[${r.project || 'standalone'}]` : r.container.name));

describe('the containers list', () => {
  test('running only by default, sorted by state then name', () => {
    expect(names(containerRows([worker, db, web], { showAll: false, filter: '' }))).toEqual(['web', 'db']);
  });

  test('all shows stopped ones after the running and paused', () => {
    expect(names(containerRows([worker, db, web], { showAll: true, filter: '' }))).toEqual([
      'web',
      'db',
      'worker',
    ]);
  });

  test('compose projects get a heading each, standalone containers first', () => {
    expect(names(containerRows([cache, worker, api, web], { showAll: true, filter: '' }))).toEqual([
      '[standalone]',
      'web',
      'worker',
      '[shop]',
      'shop-api',
      'shop-cache',
    ]);
  });

  test('the filter matches name, image, project or id, ignoring case', () => {
    const all = [web, db, worker, api, cache];
    expect(names(containerRows(all, { showAll: true, filter: 'WOR' }))).toEqual(['worker']);
    expect(names(containerRows(all, { showAll: true, filter: 'shop' }))).toEqual([
      '[shop]',
      'shop-api',
      'shop-cache',
    ]);
    expect(names(containerRows(all, { showAll: true, filter: db.id.slice(0, 6) }))).toContain('db');
    expect(containerRows(all, { showAll: true, filter: 'nothing-like-it' })).toEqual([]);
  });

  test('counts running and total', () => {
    expect(countContainers([web, db, worker])).toEqual({ running: 1, total: 3 });
  });
});

describe('moving the selection', () => {
  const rows = containerRows([cache, worker, api, web], { showAll: true, filter: '' });
  const selectable = (r: (typeof rows)[number]) => r.kind === 'container';
  test('skips group headings and stops at the ends', () => {
    expect(moveSelection(rows, web.id, 1, selectable)).toBe(worker.id);
    expect(moveSelection(rows, worker.id, 1, selectable)).toBe(api.id);
    expect(moveSelection(rows, cache.id, 5, selectable)).toBe(cache.id);
    expect(moveSelection(rows, web.id, -3, selectable)).toBe(web.id);
  });
  test('top, bottom, and a selection that vanished', () => {
    expect(moveSelection(rows, api.id, 'top', selectable)).toBe(web.id);
    expect(moveSelection(rows, web.id, 'bottom', selectable)).toBe(cache.id);
    expect(moveSelection(rows, 'gone', 1, selectable)).toBe(web.id);
    expect(moveSelection([], 'x', 1)).toBeUndefined();
  });
});

test('images filter by any tag or id prefix', () => {
  const images = [
    fakeImage({ repoTags: ['busybox:latest', 'mine:v1'] }),
    fakeImage({ repoTags: ['redis:7'] }),
  ];
  expect(filterImages(images, 'MINE').map((i) => i.repoTags[0])).toEqual(['busybox:latest']);
  expect(filterImages(images, images[1]!.shortId.slice(0, 4)).map((i) => i.repoTags[0])).toContain('redis:7');
});
