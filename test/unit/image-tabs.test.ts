/** The image History tab's columns (src/ui/tabs/image-tabs.ts `historyLines`). */
import { describe, expect, it } from 'vitest';
import type { ImageLayer } from '../../src/engine/images.js';
import { historyLines } from '../../src/ui/tabs/image-tabs.js';

const layer = (createdSecondsAgo: number, createdBy: string, now: number): ImageLayer => ({
  id: undefined,
  created: now / 1000 - createdSecondsAgo,
  createdBy,
  createdByRaw: createdBy,
  size: 0,
  comment: '',
  tags: [],
});

describe('historyLines', () => {
  it('keeps the STEP column in line whatever the age, "Less than a second ago" the longest', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    // Newest first, as the engine lists them.
    const layers = [
      layer(0.2, 'RUN echo built', now),
      layer(90, 'RUN echo minute', now),
      layer(3 * 7 * 24 * 3600, 'ADD file:abc in /', now),
    ];
    const lines = historyLines(layers, now).map((line) => line.map((segment) => segment.text).join(''));
    const column = lines[0]!.indexOf('STEP');
    expect(lines.slice(1).map((line) => line.slice(column))).toEqual([
      'ADD file:abc in /',
      'RUN echo minute',
      'RUN echo built',
    ]);
    expect(lines[3]).toContain('Less than a second ago');
  });
});
