import { describe, expect, test } from 'vitest';
import type { BuildEvent } from '../../src/engine/build.js';
import { applyBuildEvent, initialBuildState, MAX_STEP_OUTPUT } from '../../src/state/build-model.js';
import { buildLines } from '../../src/ui/tabs/build-lines.js';
import { plainText } from '../../src/ui/tabs/tab-lines.js';

const replay = (events: BuildEvent[]) => events.reduce(applyBuildEvent, initialBuildState('/ctx', 'app:1'));

describe('the build view', () => {
  test('a cached step is marked, a run step keeps its output and time', () => {
    const state = replay([
      { type: 'step', index: 1, total: 2, instruction: 'RUN echo one' },
      { type: 'cached', step: 1 },
      { type: 'stepDone', step: 1, layerId: 'a'.repeat(12), seconds: 0, cached: true },
      { type: 'step', index: 2, total: 2, instruction: 'RUN echo two' },
      { type: 'output', step: 2, text: 'two\x1b]0;title\x07' },
      { type: 'stepDone', step: 2, layerId: 'b'.repeat(12), seconds: 1.25, cached: false },
      { type: 'tagged', step: 2, tag: 'app:1' },
      { type: 'done', imageId: 'b'.repeat(12) },
    ]);
    const lines = buildLines({ ...state, status: 'succeeded' }).map(plainText);
    expect(lines).toEqual([
      'Step 1/2 : RUN echo one  CACHED  0.0 s',
      'Step 2/2 : RUN echo two  1.3 s',
      '  │ two',
      'Successfully built bbbbbbbbbbbb  1 of 2 steps from the cache',
      'Successfully tagged app:1',
    ]);
  });

  test('FROM is the base image: never CACHED, no time; a pulled base says so', () => {
    const state = replay([
      { type: 'step', index: 1, total: 3, instruction: 'FROM busybox' },
      { type: 'stepDone', step: 1, layerId: 'dedbaf324fe9', seconds: 0.4, cached: false },
      { type: 'step', index: 2, total: 3, instruction: 'RUN echo hi' },
      { type: 'cached', step: 2 },
      { type: 'stepDone', step: 2, layerId: 'a'.repeat(12), seconds: 0, cached: true },
      { type: 'step', index: 3, total: 3, instruction: 'from 127.0.0.1:5000/base:1 AS second' },
      { type: 'output', step: 3, text: '1: Pulling from base' },
      { type: 'output', step: 3, text: 'Status: Downloaded newer image for 127.0.0.1:5000/base:1' },
      { type: 'stepDone', step: 3, layerId: 'c'.repeat(12), seconds: 2, cached: false },
    ]);
    const lines = buildLines(state).map(plainText);
    expect(lines[0]).toBe('Step 1/3 : FROM busybox  base image dedbaf324fe9');
    expect(lines[1]).toBe('Step 2/3 : RUN echo hi  CACHED  0.0 s');
    expect(lines[2]).toBe('Step 3/3 : from 127.0.0.1:5000/base:1 AS second  base image cccccccccccc, pulled');
  });

  test('a failing step shows its exit code and the sentence', () => {
    const state = replay([
      { type: 'step', index: 1, total: 1, instruction: 'RUN exit 3' },
      {
        type: 'error',
        step: 1,
        message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
        exitCode: 3,
      },
    ]);
    const lines = buildLines({ ...state, status: 'failed' }).map(plainText);
    expect(lines).toContain('Exit code 3');
    expect(lines.at(-1)).toMatch(/returned a non-zero code: 3/);
  });

  test('a noisy step keeps only its last lines', () => {
    const events: BuildEvent[] = [{ type: 'step', index: 1, total: 1, instruction: 'RUN yes' }];
    for (let i = 0; i < MAX_STEP_OUTPUT + 10; i++)
      events.push({ type: 'output', step: 1, text: `line ${i}` });
    const step = replay(events).steps[0]!;
    expect(step.output).toHaveLength(MAX_STEP_OUTPUT);
    expect(step.dropped).toBe(10);
    expect(step.output[0]).toBe('line 10');
  });
});
