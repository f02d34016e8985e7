/**
 * The emulator parses the output that follows a key as it arrives (src/terminal/emulator.ts
 * `noteUserInput`): xterm otherwise parses each write on a timer, a millisecond or more added
 * to every echo in the terminal pane.
 */
import { beforeAll, describe, expect, it } from 'vitest';
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

    // Only the write after the key: later output waits for the timer again.
    emulator.write(Buffer.from('s'));
    expect(firstRow(emulator)).toBe('/ # l');
    await turn();
    expect(firstRow(emulator)).toBe('/ # ls');
  });
});
