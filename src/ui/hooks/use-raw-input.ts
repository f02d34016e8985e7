import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';

/**
 * Every key exactly as the terminal sent it (`ESC [ A`, `\r`, `\x03`…), for the terminal pane,
 * which must pass keys to the session untouched; Ink's `useInput` would decode them into names.
 * Ink's input parser has already split the byte stream into one event per key (or paste).
 * Subscribed for the component's whole life; the handler decides per key whether it is its.
 */
export function useRawInput(handler: (sequence: string) => void) {
  const { internal_eventEmitter: emitter } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const listener = (data: string | Buffer) =>
      latest.current(typeof data === 'string' ? data : data.toString('utf8'));
    emitter.on('input', listener);
    return () => {
      emitter.off('input', listener);
    };
  }, [emitter]);
}
