/**
 * src/launch/young-heap.ts: with quickYoungHeapGrowth() a start-up's worth of allocation, most of
 * it kept, takes fewer scavenges than without (the control). Each case runs in a process of its
 * own, as plain JavaScript under plain node (a loader would allocate on its own account).
 */
import { describe, expect, it } from 'vitest';
import { countingCollections, runPlainNode, transpiledForPlainNode } from '../support/plain-node.js';

const youngHeap = transpiledForPlainNode(new URL('../../src/launch/young-heap.ts', import.meta.url));

/** Scavenges while ~20 MB of small objects are made and a third of them kept. */
async function scavenges(quick: boolean): Promise<number> {
  const script = `
    import { quickYoungHeapGrowth } from ${JSON.stringify(youngHeap.path())};
    if (${quick}) quickYoungHeapGrowth();
    ${countingCollections('minors', 'MINOR')}
    const kept = [];
    for (let i = 0; i < 300_000; i++) {
      const row = { i, text: 'row ' + i, cells: [i, i + 1] };
      if (i % 3 === 0) kept.push(row);
    }
    // gc entries are delivered after the fact.
    setTimeout(() => console.log(JSON.stringify({ minors, kept: kept.length })), 200);
  `;
  const { minors } = await runPlainNode<{ minors: number }>(script);
  return minors;
}

describe('quickYoungHeapGrowth', () => {
  it('takes a start-up with fewer scavenges', async () => {
    const [usual, quick] = await Promise.all([scavenges(false), scavenges(true)]);
    expect(usual).toBeGreaterThan(0);
    expect(quick).toBeLessThan(usual);
  }, 30_000);
});
