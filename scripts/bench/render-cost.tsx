/**
 * What one cursor move costs inside berth: the App on a fake engine of N containers, rendered by
 * Ink into a terminal-sized stdout that discards its output; `j` pressed again and again, and the
 * CPU time (user + system, process.cpuUsage) from the key to the frame written, median and p95.
 * CPU time, not wall time, so other work on a shared machine moves it little; the bench's own
 * cursor-move figure (key → screen, through a pty) is the one the target is held to.
 *
 *   npx tsx scripts/bench/render-cost.tsx [containers=2000] [moves=60] [cols=160] [rows=45]
 */
const [containers = 2000, moves = 60, cols = 160, rows = 45] = process.argv.slice(2).map(Number);

const { EventEmitter } = await import('node:events');
const { PassThrough } = await import('node:stream');
const { render } = await import('ink');
const { createScreenWriter } = await import('../../src/ui/screen-writer.js');
const { appElement, startedModel } = await import('../../test/support/app-under-test.js');
const { createFakeEngine, fakeContainer, fakeImage } = await import('../../test/support/fake-engine.js');

class NullTerminal extends EventEmitter {
  readonly isTTY = true;
  frames = 0;
  columns = cols;
  rows = rows;
  onFrame: (() => void) | undefined;
  last = '';
  write(data: string | Uint8Array, ...rest: unknown[]): boolean {
    this.frames++;
    this.last = String(data);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    // A frame is written once its cells are: not at the synchronized-update mark Ink writes first.
    if (this.last !== '\x1b[?2026h') this.onFrame?.();
    return true;
  }
}

const engine = createFakeEngine({
  containers: Array.from({ length: containers }, (_, i) =>
    fakeContainer({ name: `bench-${String(i).padStart(4, '0')}`, status: 'Up 2 hours' }),
  ),
  images: [fakeImage({ repoTags: ['busybox:latest'] })],
});
const model = await startedModel(engine);
const stdout = new NullTerminal();
const stdin = Object.assign(new PassThrough(), {
  isTTY: true,
  setRawMode: () => stdin,
  ref: () => stdin,
  unref: () => stdin,
});
// As berth renders (src/app/run-app.tsx): the frames through its screen writer.
const renderOptions = {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: stdin as unknown as NodeJS.ReadStream,
  exitOnCtrlC: false,
  patchConsole: false,
  logUpdate: createScreenWriter(stdout),
};
const instance = render(appElement(model), renderOptions);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await sleep(1500);
// Keeps the loop alive while a frame is awaited (a key that drew nothing would end the run).
const keepAlive = setInterval(() => undefined, 1000);

const cpu: number[] = [];
const wall: number[] = [];
for (let i = 0; i < moves; i++) {
  const frameWritten = new Promise<void>((resolve) => {
    stdout.onFrame = resolve;
  });
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  stdin.write(i % 2 === 0 ? 'j' : 'k');
  await Promise.race([frameWritten, sleep(2000)]);
  const used = process.cpuUsage(startCpu);
  cpu.push((used.user + used.system) / 1000);
  wall.push(performance.now() - startWall);
  await sleep(60);
}
clearInterval(keepAlive);
instance.unmount();
model.dispose();
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const { writeSync } = await import('node:fs');
writeSync(
  1,
  `${JSON.stringify({
    containers,
    moves,
    cpuMedianMs: +at(cpu, 0.5).toFixed(2),
    cpuP95Ms: +at(cpu, 0.95).toFixed(2),
    wallMedianMs: +at(wall, 0.5).toFixed(2),
  })}\n`,
);
process.exit(0);
