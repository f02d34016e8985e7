/**
 * What a start leaves unloaded until it is needed (docs/performance.md, the first frame): the
 * build context's packer (tar-fs and its streams) until the first build, and commander for a bare
 * `berth`, which has nothing to parse. The bundle keeps the source's module order (esbuild runs a
 * module's body on its first import), so what the source does not import, the start does not run.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';

/** Mocks `name` with the real module, counting how often its body is asked for. */
function watch(name: string): { loads: number } {
  const seen = { loads: 0 };
  vi.doMock(name, async (importOriginal) => {
    seen.loads++;
    return importOriginal();
  });
  return seen;
}

afterEach(() => {
  vi.doUnmock('tar-fs');
  vi.doUnmock('commander');
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('a start', () => {
  it('loads the engine without the build packer, which the first build loads', async () => {
    vi.resetModules();
    const tarFs = watch('tar-fs');
    await import('../../src/engine/engine.js');
    expect(tarFs.loads).toBe(0);
    await import('../../src/engine/build-context.js');
    expect(tarFs.loads).toBe(1);
  });

  it('opens without commander when given no arguments, and parses with it otherwise', async () => {
    vi.resetModules();
    const commander = watch('commander');
    const { main } = await import('../../src/cli.js');
    // With stdin no terminal, startApp says so and returns 1, having started nothing.
    const stdinIsTty = process.stdin.isTTY;
    process.stdin.isTTY = false;
    onTestFinished(() => {
      process.stdin.isTTY = stdinIsTty;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'berth'])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/needs an interactive terminal/);
    expect(commander.loads).toBe(0);

    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'berth', '--version'])).toBe(0);
    expect(String(stdout.mock.calls[0]?.[0])).toMatch(/^\d+\.\d+\.\d+/);
    expect(commander.loads).toBe(1);
  });
});
