/**
 * One Ink input subscription for the whole app, handing each key to the components that asked
 * for keys. Components register in a layout effect, which runs in the same commit that draws
 * them: a dialog listens from the moment it is on screen. Through Ink's own `useInput` it would
 * start listening only in a passive effect after the frame was written, and the key typed right
 * after the dialog appeared (`x` then `SIGSTOP`) was lost.
 */
import { type Key, useInput } from 'ink';
import { createContext, type ReactNode, useCallback, useRef } from 'react';

export type InputHandler = (input: string, key: Key) => void;

export interface InputRouterValue {
  /** Adds a handler; returns the function that removes it. */
  subscribe(handler: InputHandler): () => void;
}

export const InputRouterContext = createContext<InputRouterValue | undefined>(undefined);

export function InputRouter({ children }: { children: ReactNode }) {
  const handlers = useRef<InputHandler[]>([]);
  const router = useRef<InputRouterValue>({
    subscribe(handler) {
      handlers.current = [...handlers.current, handler];
      return () => {
        handlers.current = handlers.current.filter((h) => h !== handler);
      };
    },
  });
  const route = useCallback((input: string, key: Key) => {
    // A copy: a handler may open or close a dialog, which subscribes or unsubscribes.
    for (const handler of [...handlers.current]) handler(input, key);
  }, []);
  useInput(route);
  return <InputRouterContext.Provider value={router.current}>{children}</InputRouterContext.Provider>;
}
