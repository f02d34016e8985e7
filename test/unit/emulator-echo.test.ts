/**
 * The emulator parses the output that follows a key as it arrives (src/terminal/emulator.ts
 * `noteUserInput`): xterm otherwise parses each write on a timer, a millisecond or more added
 * to every echo in the terminal pane.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { OutputStream } from '../../src/engine/logs.js';
import type { TerminalSession } from '../../src/engine/session.js';
import { type SessionRequest, SessionsModel } from '../../src/state/sessions.js';
import { loadEmulator, SessionEmulator } from '../../src/terminal/emulator.js';

beforeAll(async () => {
  await loadEmulator();
});

const firstRow = (emulator: SessionEmulator) =>
  emulator.terminal.buffer.active.getLine(0)?.translateToString(true) ?? '';
const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SessionEmulator', () => {
  it('parses output on a timer, and the output after a key at once', async () => {
    const emulator = new SessionEmulator(20, 4);
    emulator.write(Buffer.from('/ # '));
    expect(firstRow(emulator)).toBe('');
    await turn();
    expect(firstRow(emulator)).toBe('/ # ');

    emulator.noteUserInput();
    emulator.write(Buffer.from('l'));
    expect(firstRow(emulator)).toBe('/ # l');

    // One chunk a key: later output waits for the timer again.
    emulator.write(Buffer.from('s'));
    expect(firstRow(emulator)).toBe('/ # l');
    await turn();
    expect(firstRow(emulator)).toBe('/ # ls');
    emulator.dispose();
  });
});

/** A session that echoes each write on the next turn of the event loop, as a shell's TTY does. */
function echoingSession(afterEcho: () => void): TerminalSession {
  const listeners = new Set<(chunk: Buffer, stream: OutputStream) => void>();
  return {
    id: 'echo',
    tty: true,
    canWrite: true,
    note: undefined,
    write(data) {
      setImmediate(() => {
        for (const listener of listeners) listener(Buffer.from(data), 'stdout');
        afterEcho();
      });
    },
    resize: async () => undefined,
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onExit: () => () => undefined,
    onError: () => () => undefined,
    close: async () => undefined,
  };
}

describe('SessionsModel', () => {
  it("has a key's echo on the emulator's screen as the echo arrives", async () => {
    const seen: string[] = [];
    let model: SessionsModel | undefined;
    let key = '';
    model = new SessionsModel(async () =>
      echoingSession(() => seen.push(firstRow(model?.get(key)?.emulator as SessionEmulator))),
    );
    const request: SessionRequest = {
      kind: 'exec',
      containerId: 'c',
      containerName: 'c',
      argv: ['sh'],
      command: 'sh',
    };
    key = await model.open({} as Engine, request, { cols: 20, rows: 4 });
    model.write(key, 'a');
    model.write(key, 'b');
    await turn();
    // Each echo was parsed when it came, not on xterm's timer after it.
    expect(seen).toEqual(['a', 'ab']);
    model.get(key)?.emulator.dispose();
  });
});
