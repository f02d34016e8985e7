// Bundles src/cli.ts into dist/ with esbuild: one file for the fast start-up path, split chunks
// for what only some commands need (the UI, the doctor). node-pty is native and stays external.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { berth: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Native modules and ssh2's optional native helpers load at run time from node_modules.
  external: ['node-pty', 'cpu-features', 'ssh2', 'react-devtools-core'],
  define: { __BERTH_VERSION__: JSON.stringify(pkg.version), 'process.env.DEV': '"false"' },
  // CommonJS dependencies (dockerode) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
  },
});
