import { describe, expect, test } from 'vitest';
import type { ImageSummary } from '../../src/engine/engine.js';
import type { ContainerEntry } from '../../src/state/containers-store.js';
import type { ContainerRow } from '../../src/state/selectors.js';
import { selectedContainerIndex, selectedImageIndex } from '../../src/ui/selection.js';

const group = (project: string, count: number): ContainerRow => ({
  kind: 'group',
  key: `group:${project}`,
  project,
  count,
});
const row = (id: string): ContainerRow => ({
  kind: 'container',
  key: id,
  container: { id, name: id } as ContainerEntry,
});
const image = (id: string) => ({ id }) as ImageSummary;

describe('selectedContainerIndex', () => {
  const rows = [group('shop', 3), row('api'), row('db'), row('web'), group('', 1), row('solo')];

  test('the wanted container, wherever it is', () => {
    expect(selectedContainerIndex(rows, 'web')).toBe(3);
    expect(selectedContainerIndex(rows, 'solo')).toBe(5);
  });

  test('with none wanted, the first container, never a heading', () => {
    expect(selectedContainerIndex(rows, undefined)).toBe(1);
    expect(selectedContainerIndex([group('shop', 0)], undefined)).toBe(-1);
    expect(selectedContainerIndex([], 'web')).toBe(-1);
  });

  test('a heading named like the wanted key is not selected', () => {
    expect(selectedContainerIndex(rows, 'group:shop')).toBe(1);
  });

  test('a wanted container that went away leaves the cursor where it was, on its neighbour', () => {
    expect(selectedContainerIndex(rows, 'db')).toBe(2);
    // db removed: the row that took its place.
    const withoutDb = rows.filter((r) => r.key !== 'db');
    expect(selectedContainerIndex(withoutDb, 'db')).toBe(2);
    expect(withoutDb[2]!.key).toBe('web');
    // The last row removed: the one before it, past the heading that is left.
    expect(selectedContainerIndex(rows, 'solo')).toBe(5);
    const withoutSolo = [...rows.slice(0, 4)];
    expect(selectedContainerIndex(withoutSolo, 'solo')).toBe(3);
  });

  test('two wanted keys resolved in turn (the screen behind a move, the list ahead) keep their own places', () => {
    const list = [row('a1'), row('db'), row('c1'), row('w1')];
    // The screen still wants w1 while the list already wants db (a move in its transition).
    expect(selectedContainerIndex(list, 'db')).toBe(1);
    expect(selectedContainerIndex(list, 'w1')).toBe(3);
    // A filter hides db: the list lands on db's neighbour, whatever the screen resolved last.
    const filtered = list.filter((r) => r.key !== 'db');
    expect(selectedContainerIndex(filtered, 'w1')).toBe(2);
    expect(filtered[selectedContainerIndex(filtered, 'db')]!.key).toBe('c1');
  });

  test('a wanted container never seen goes to the first container', () => {
    expect(selectedContainerIndex(rows, 'web')).toBe(3);
    expect(selectedContainerIndex(rows, 'gone-before-it-was-drawn')).toBe(1);
  });
});

describe('selectedImageIndex', () => {
  const images = [image('sha256:a'), image('sha256:b')];

  test('the wanted image, else the first; -1 with none', () => {
    expect(selectedImageIndex(images, 'sha256:b')).toBe(1);
    expect(selectedImageIndex(images, 'sha256:gone')).toBe(0);
    expect(selectedImageIndex(images, undefined)).toBe(0);
    expect(selectedImageIndex([], 'sha256:a')).toBe(-1);
  });
});
