/**
 * A container row is rendered again only when what it draws changes: a new "now" (read when any
 * row's age ticks over, or when the list changes) leaves the rows whose age text it does not
 * change alone.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerEntry } from '../../src/state/containers-store.js';
import { drawsTheSame } from '../../src/ui/panes/ContainersPane.js';
import { containerColumns } from '../../src/ui/panes/container-cells.js';
import { themeFor } from '../../src/ui/theme.js';
import { fakeContainer } from '../support/fake-engine.js';

const readAt = Date.parse('2026-11-28T12:00:00Z');
const entry = (status: string): ContainerEntry => ({
  ...fakeContainer({ name: 'web', status }),
  statusReadAt: readAt,
});
const propsFor = (container: ContainerEntry, now: number, selected = false) => ({
  container,
  columns: containerColumns(80),
  now,
  selected,
  focused: true,
  theme: themeFor({}),
  withSession: false,
  stats: undefined,
});

describe('a container row', () => {
  it('is not drawn again for a "now" that leaves its age text as it was', () => {
    const web = entry('Up 3 minutes');
    const before = propsFor(web, readAt + 5_000);
    // 40 s on it still reads "Up 3 minutes".
    expect(drawsTheSame(before, { ...before, now: readAt + 45_000 })).toBe(true);
  });

  it('is drawn again when its age text changes, or when anything else does', () => {
    const web = entry('Up 3 minutes');
    const before = propsFor(web, readAt + 5_000);
    expect(drawsTheSame(before, { ...before, now: readAt + 65_000 })).toBe(false); // Up 4 minutes
    expect(drawsTheSame(before, { ...before, selected: true })).toBe(false);
    expect(drawsTheSame(before, { ...before, container: entry('Up 3 minutes') })).toBe(false);
  });
});
