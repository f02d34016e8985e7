import { describe, expect, test } from 'vitest';
import { SessionKeys } from '../../src/terminal/session-keys.js';

describe('keys in the terminal pane', () => {
  test('ordinary keys go to the session exactly as the terminal sent them', () => {
    const keys = new SessionKeys();
    for (const raw of ['a', '\r', '\x7f', '\x03', '\x1b[A', '\x1b[1;5C', '日', '\t', '\x1b']) {
      expect(keys.handle(raw, false)).toEqual({ kind: 'send', data: raw });
    }
  });

  test('Ctrl-P Ctrl-Q detaches; Ctrl-P then anything else sends both', () => {
    const keys = new SessionKeys();
    expect(keys.handle('\x10', false)).toEqual({ kind: 'none' });
    expect(keys.handle('\x11', false)).toEqual({ kind: 'detach' });
    expect(keys.handle('\x10', false)).toEqual({ kind: 'none' });
    expect(keys.handle('x', false)).toEqual({ kind: 'send', data: '\x10x' });
    expect(keys.handle('\x10', false)).toEqual({ kind: 'none' });
    expect(keys.handle('\x10', false)).toEqual({ kind: 'send', data: '\x10' });
    expect(keys.handle('\x11', false)).toEqual({ kind: 'detach' });
  });

  test('Ctrl-P Ctrl-Q arriving in one read still detaches', () => {
    expect(new SessionKeys().handle('\x10\x11', false)).toEqual({ kind: 'detach' });
  });

  test('Ctrl-F toggles full screen; Shift-PgUp/PgDn scroll back', () => {
    const keys = new SessionKeys();
    expect(keys.handle('\x06', false)).toEqual({ kind: 'fullScreen' });
    expect(keys.handle('\x1b[5;2~', false)).toEqual({ kind: 'scroll', pages: 1 });
    expect(keys.handle('\x1b[6;2~', false)).toEqual({ kind: 'scroll', pages: -1 });
  });

  test('arrows become application cursor keys when the program asked for them (vi, top)', () => {
    const keys = new SessionKeys();
    expect(keys.handle('\x1b[A', true)).toEqual({ kind: 'send', data: '\x1bOA' });
    expect(keys.handle('\x1b[D', true)).toEqual({ kind: 'send', data: '\x1bOD' });
    expect(keys.handle('\x1b[5~', true)).toEqual({ kind: 'send', data: '\x1b[5~' });
  });
});
