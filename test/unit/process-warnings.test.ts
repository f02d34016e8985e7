/**
 * While the UI runs, Node's process warnings go to the status line, not over the screen on
 * stderr; Node's own listeners are back once it ends.
 */
import { describe, expect, it } from 'vitest';
import { routeProcessWarnings } from '../../src/app/process-warnings.js';

const nextWarning = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('routeProcessWarnings', () => {
  it('hands warnings to the UI instead of the listeners before, and puts those back after', async () => {
    const before = process.listeners('warning');
    const heardBefore: string[] = [];
    const earlier = (warning: Error) => heardBefore.push(warning.message);
    process.on('warning', earlier);
    try {
      const shown: string[] = [];
      const restore = routeProcessWarnings((text) => shown.push(text));
      // Node's own printer is among those set aside.
      expect(process.listeners('warning')).toHaveLength(1);
      process.emitWarning('too many listeners', 'MaxListenersExceededWarning');
      await nextWarning();
      expect(shown).toEqual(['MaxListenersExceededWarning: too many listeners']);
      expect(heardBefore).toEqual([]);

      restore();
      // Node's printer and the earlier listener, in their order (not emitted again here: Node's
      // printer would write on the test's stderr).
      expect(process.listeners('warning')).toEqual([...before, earlier]);
    } finally {
      process.off('warning', earlier);
    }
  });
});
