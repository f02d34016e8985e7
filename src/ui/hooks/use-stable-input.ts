import { type Key, useInput } from 'ink';
import { useCallback, useContext, useLayoutEffect, useRef } from 'react';
import { splitKeys } from '../key-chunks.js';
import { InputRouterContext } from './input-router.js';

/**
 * `useInput` with a handler whose identity never changes. Ink re-subscribes its input listener
 * whenever the handler changes, i.e. after every render; a key arriving between the render and
 * the re-subscription was lost (seen with fast typing while logs streamed). The latest handler
 * is read through a ref instead.
 *
 * `isActive` is read the same way rather than passed to Ink: Ink would unsubscribe and
 * re-subscribe in an effect that runs after the frame is drawn, so the key typed right after a
 * dialog closed (the screen already showing the list) reached no one. Under an `InputRouter`
 * the handler is registered as the component is drawn (see input-router.tsx); without one (a
 * component rendered alone in a test) it falls back to Ink's `useInput`.
 */
export function useStableInput(
  handler: (input: string, key: Key) => void,
  options: { isActive?: boolean } = {},
) {
  const latest = useRef(handler);
  latest.current = handler;
  const active = useRef(options.isActive ?? true);
  active.current = options.isActive ?? true;
  // Keys typed fast (or over ssh) can arrive in one read: every handler gets them one by one.
  const stable = useCallback((input: string, key: Key) => {
    for (const next of splitKeys(input, key)) {
      if (active.current) latest.current(next.input, next.key as Key);
    }
  }, []);
  const router = useContext(InputRouterContext);
  useLayoutEffect(() => router?.subscribe(stable), [router, stable]);
  useInput(stable, { isActive: router === undefined });
}
