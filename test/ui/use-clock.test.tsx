/**
 * useClock's "now": the same number from one render to the next while the lists are the same (a
 * cursor move), so the memoised rows are not rendered again; read again when the rows or images
 * change, as their status texts were read just now.
 */
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../src/engine/engine.js';
import type { ContainerRow } from '../../src/state/selectors.js';
import { useClock } from '../../src/ui/hooks/use-clock.js';

const seen: number[] = [];
function Probe({ rows, images, label }: { rows: ContainerRow[]; images: ImageSummary[]; label: string }) {
  seen.push(useClock(rows, images));
  return <Text>{label}</Text>;
}

function ImagesOnly({ images, label }: { images: ImageSummary[]; label: string }) {
  seen.push(useClock(undefined, images));
  return <Text>{label}</Text>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts.splice(0)) u();
  seen.length = 0;
});

describe('useClock', () => {
  it('keeps "now" while the rows and images stay, and reads it again when they change', async () => {
    const rows: ContainerRow[] = [];
    const images: ImageSummary[] = [];
    const app = render(<Probe rows={rows} images={images} label="a" />);
    unmounts.push(app.unmount);
    const first = seen.at(-1)!;
    await sleep(20);
    // Another render for another reason (a cursor move): the same "now".
    app.rerender(<Probe rows={rows} images={images} label="b" />);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(first);
    // Other rows (the list was read again): now.
    app.rerender(<Probe rows={[]} images={images} label="c" />);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(first + 20);
    const second = seen.at(-1)!;
    await sleep(20);
    app.rerender(<Probe rows={rows} images={[]} label="d" />);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(second + 20);
  });

  it('keeps "now" across renders when called with one list only (each pane keeps its own clock)', async () => {
    const images: ImageSummary[] = [];
    const app = render(<ImagesOnly images={images} label="a" />);
    unmounts.push(app.unmount);
    const first = seen.at(-1)!;
    await sleep(20);
    app.rerender(<ImagesOnly images={images} label="b" />);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(first);
  });
});
