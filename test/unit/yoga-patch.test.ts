/**
 * berth patches yoga-layout (patches/yoga-layout+3.2.1.patch): its WebAssembly, which the package
 * carries inline as base64, is compiled and instantiated synchronously instead of through
 * fetch() of a data: URL and a top-level await. That spared loading Node's fetch (undici) at
 * every start, about 35 ms, and lets the bundle be CommonJS (no top-level await).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('yoga-layout, as patched', () => {
  it('lays out without fetch() and is ready as soon as it is imported', () => {
    // A process of its own, with fetch watched: yoga must not reach for it.
    const script = `
      let fetched = false;
      const realFetch = globalThis.fetch;
      globalThis.fetch = (...args) => { fetched = true; return realFetch(...args); };
      const { default: Yoga } = await import('yoga-layout');
      const root = Yoga.Node.create();
      root.setWidth(30);
      root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
      const child = Yoga.Node.create();
      child.setFlexGrow(1);
      root.insertChild(child, 0);
      root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
      console.log(JSON.stringify({ width: child.getComputedWidth(), fetched }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ width: 30, fetched: false });
  });
});
