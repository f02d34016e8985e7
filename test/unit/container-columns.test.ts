import { describe, expect, test } from 'vitest';
import { containerColumns, statsCells } from '../../src/ui/panes/container-cells.js';

/** The cells and the single spaces between them fill the row exactly. */
function used(c: ReturnType<typeof containerColumns>): number {
  const cells = [c.name, c.state, c.status, c.cpu, c.memory, c.image, c.ports].filter((w) => w > 0);
  return cells.reduce((sum, w) => sum + w, 0) + cells.length - 1;
}

describe('the containers list columns with the CPU/MEM column', () => {
  test('off, the columns are what they were', () => {
    expect(containerColumns(78)).toEqual({
      name: 19,
      state: 8,
      status: 26,
      image: 20,
      ports: 0,
      cpu: 0,
      memory: 0,
    });
  });

  test('a wide pane (side by side at 200 columns) shows the longest status whole, and the image', () => {
    const columns = containerColumns(82);
    expect(columns.status).toBeGreaterThanOrEqual('Exited (137) About a minute ago'.length);
    expect(columns.image).toBeGreaterThanOrEqual(16);
    expect(used(columns)).toBeLessThanOrEqual(80);
  });

  test.each([
    // An 80-column terminal (stacked): both cells, the image shortened.
    [78, 6, 8],
    // Side by side at 160 columns.
    [65, 6, 8],
    // Side by side at 100 columns: the CPU cell alone.
    [42, 6, 0],
    // A stacked 40-column terminal: neither.
    [38, 0, 0],
  ])('a pane %i wide shows CPU %i and MEM %i wide, and the row still fits', (width, cpu, memory) => {
    const columns = containerColumns(width, { stats: true });
    expect(columns.cpu).toBe(cpu);
    expect(columns.memory).toBe(memory);
    expect(used(columns)).toBeLessThanOrEqual(width - 2);
    expect(columns.name).toBeGreaterThanOrEqual(6);
    expect(columns.status).toBeGreaterThanOrEqual(4);
  });

  test.each([
    [undefined, true, '…', ''],
    [undefined, false, '', ''],
    [{ cpuPercent: undefined, memoryUsage: 5 * 2 ** 20, memoryLimit: 2 ** 30 }, true, '…', '5MiB'],
    [{ cpuPercent: 12.345, memoryUsage: 1.5 * 2 ** 30, memoryLimit: 2 ** 32 }, true, '12.3%', '1.5GiB'],
    [{ cpuPercent: 0, memoryUsage: 800 * 1024, memoryLimit: 2 ** 32 }, true, '0.0%', '800KiB'],
    [{ cpuPercent: 199.96, memoryUsage: 0, memoryLimit: 2 ** 32 }, true, '200%', '0B'],
  ])('%j (running: %s) reads %j and %j', (stats, running, cpu, memory) => {
    expect(statsCells(stats, running)).toEqual({ cpu, memory });
  });
});
