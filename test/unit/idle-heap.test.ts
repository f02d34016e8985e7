/**
 * src/launch/idle-heap.ts: with quietIdleHeap() V8 runs no idle full collection on a small heap
 * that grew after boot; without it, it does (the control, so the test can fail). Each case runs
 * in a process of its own, with the memory reducer's start delay (8 s) cut to 1.5 s.
 */
import { describe, expect, it } from 'vitest';
import { countingCollections, runPlainNode, transpiledForPlainNode } from '../support/plain-node.js';

// Plain JavaScript, run by plain node: a loader such as tsx makes a full collection while it
// loads, after which V8's small-heap trigger no longer applies and the control would prove nothing.
const idleHeap = transpiledForPlainNode(new URL('../../src/launch/idle-heap.ts', import.meta.url));

/** Major (mark-compact) collections seen while a process that grew its old generation idles. */
async function idleMajorCollections(quiet: boolean): Promise<number> {
  const script = `
    import { quietIdleHeap } from ${JSON.stringify(idleHeap.path())};
    if (${quiet}) quietIdleHeap();
    ${countingCollections('majors', 'MAJOR')}
    // Arrays this large are allocated straight into the old generation and grow it by ~3 MB,
    // as loading berth's bundle does; kept, so no collection is due for any other reason.
    const kept = [];
    for (let i = 0; i < 4; i++) kept.push(new Array(100_000).fill(i));
    setTimeout(() => console.log(JSON.stringify({ majors, kept: kept.length })), 5000);
  `;
  const { majors } = await runPlainNode<{ majors: number }>(script, [
    '--gc-memory-reducer-start-delay-ms=1500',
  ]);
  return majors;
}

describe('quietIdleHeap', () => {
  it('leaves V8 without the idle collection a small grown heap otherwise gets', async () => {
    const [usual, quiet] = await Promise.all([idleMajorCollections(false), idleMajorCollections(true)]);
    expect(usual).toBeGreaterThan(0);
    expect(quiet).toBe(0);
  }, 30_000);
});
