import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';

/**
 * `useInput` with a handler whose identity never changes. Ink re-subscribes its input listener
 * whenever the handler changes, i.e. after every render; a key arriving between the render and
 * the re-subscription was lost (seen with fast typing while logs streamed). The latest handler
 * is read through a ref instead.
 */
export function useStableInput(
  handler: (input: string, key: Key) => void,
  options: { isActive?: boolean } = {},
) {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, options);
}
