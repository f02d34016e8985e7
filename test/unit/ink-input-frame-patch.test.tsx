/**
 * berth patches Ink so that a key's frame is drawn at once (patches/ink+6.8.0.patch: ink.js
 * handleInput and drawInputFrame, components/App.js). Upstream, the update a key handler makes
 * is rendered in a later task, and Ink's 30 fps throttle holds the frame back up to 33 ms more
 * when any other frame (a log line, an engine reply) was drawn just before.
 *
 * A frame here is a call of Ink's onRender option: Ink makes one per frame it draws (also
 * under CI, where it writes nothing to the terminal until exit).
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { render, Text, useInput } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  columns = 40;
  rows = 10;
  written = '';
  write(data: string | Uint8Array, ...rest: unknown[]): boolean {
    this.written += String(data);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }
}

function fakeStdin() {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
  });
  return stdin;
}

interface Probe {
  /** The count the last render drew (Ink draws a frame after the commit, before layout effects). */
  rendered: number;
  set?: (n: number) => void;
}

/** A counter: keys add 1; `probe.set` (outside input, as an engine reply would) sets it. */
function Counter({ probe }: { probe: Probe }) {
  const [n, setN] = useState(0);
  probe.set = setN;
  probe.rendered = n;
  useInput(() => setN((x) => x + 1));
  return <Text>count {n}</Text>;
}

function setUp() {
  const frames: number[] = [];
  const probe: Probe = { rendered: 0 };
  const stdin = fakeStdin();
  const instance = render(<Counter probe={probe} />, {
    stdout: new FakeTerminal() as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink calls it for each frame it renders: which count that frame shows.
    onRender: () => frames.push(probe.rendered),
  });
  /** Resolves once a frame shows `n` (at most 1 s). */
  const drawn = async (n: number) => {
    const deadline = Date.now() + 1000;
    while (frames.at(-1) !== n && Date.now() < deadline) await nextTurn();
    expect(frames.at(-1)).toBe(n);
  };
  return { frames, stdin, instance, drawn, set: (n: number) => probe.set!(n) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One turn of the event loop: a frame rendered in a later task (upstream) is not drawn yet. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe("Ink's input frames, as patched", () => {
  it("draws a key's frame before the event loop turns", async () => {
    const app = setUp();
    cleanup = () => app.instance.unmount();
    await sleep(100);
    app.stdin.write('j');
    await nextTurn();
    expect(app.frames.at(-1)).toBe(1);
  });

  it('draws it at once even right after another frame (past the 30 fps throttle)', async () => {
    const app = setUp();
    cleanup = () => app.instance.unmount();
    await sleep(100);
    app.set(10);
    // The engine's reply is drawn (the throttle's leading edge)…
    await app.drawn(10);
    // …and a key 0–5 ms later is not held back for the throttle's 33 ms.
    app.stdin.write('j');
    await nextTurn();
    expect(app.frames.at(-1)).toBe(11);
  });

  it('replaces a frame the throttle still held: nothing older is drawn after it', async () => {
    const app = setUp();
    cleanup = () => app.instance.unmount();
    await sleep(100);
    app.set(10);
    await app.drawn(10);
    // Within the throttle's window: held for its trailing edge.
    app.set(20);
    await nextTurn();
    await nextTurn();
    app.stdin.write('j');
    await nextTurn();
    expect(app.frames.at(-1)).toBe(21);
    const drawn = app.frames.length;
    await sleep(100);
    // The held frame (20) was dropped, not drawn over the key's.
    expect(app.frames.slice(drawn)).toEqual([]);
  });

  it('throttles the frames after it from it on', async () => {
    const app = setUp();
    cleanup = () => app.instance.unmount();
    await sleep(100);
    app.stdin.write('j');
    await nextTurn();
    const drawn = app.frames.length;
    // An engine reply right after the key waits for the throttle's trailing edge…
    app.set(5);
    await nextTurn();
    await nextTurn();
    expect(app.frames.length).toBe(drawn);
    // …and is drawn then.
    await sleep(80);
    expect(app.frames.at(-1)).toBe(5);
  });
});
