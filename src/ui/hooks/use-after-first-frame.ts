import { useEffect, useState } from 'react';

/**
 * False for a component's first render and true from the next, which follows at once; always true
 * when `deferred` is false. For parts of the screen that may come a frame after the rest: the
 * first frame draws what is asked for first, and costs less.
 */
export function useAfterFirstFrame(deferred: boolean): boolean {
  const [after, setAfter] = useState(!deferred);
  useEffect(() => {
    if (after) return;
    const next = setImmediate(() => setAfter(true));
    return () => clearImmediate(next);
  }, [after]);
  return after;
}
