// Bundles src/cli.ts into dist/ with esbuild: one file for the fast start-up path, split chunks
// for what only some commands need (the UI, the doctor). node-pty is native and stays external.
// `node scripts/build.mjs ENTRY OUTDIR` bundles another entry the same way (the bench's
// render-cost measures berth's components as the bundle runs them).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Modules the engine client loads at start-up but only some connections use: dockerode's
// BuildKit session (gRPC and protobuf, about 100 ms; berth uses the classic builder) and
// docker-modem's ssh transport (ssh2, about 60 ms). Each is replaced by a function that loads
// the real module from node_modules on its first call: a local socket never evaluates them, and
// the bundle does not carry them (gRPC and protobuf were 0.8 MB of the chunk parsed at start-up).
const LAZY_FUNCTIONS = [
  { dir: '/dockerode/lib/', request: './session', module: 'dockerode/lib/session.js' },
  { dir: '/docker-modem/lib/', request: './ssh', module: 'docker-modem/lib/ssh.js' },
];
const lazyFunctionModules = {
  name: 'lazy-function-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(session|ssh)$/ }, (args) => {
      const lazy = LAZY_FUNCTIONS.find((l) => args.importer.includes(l.dir) && l.request === args.path);
      if (!lazy || args.namespace === 'lazy') return undefined;
      return { path: path.join(path.dirname(args.importer), args.path), namespace: 'lazy' };
    });
    build.onResolve({ filter: /^(dockerode\/lib\/session|docker-modem\/lib\/ssh)\.js$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const lazy = LAZY_FUNCTIONS.find((l) => args.path.endsWith(l.request.slice(1)));
      return {
        contents: `module.exports = (...args) => require(${JSON.stringify(lazy.module)})(...args);`,
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const [entry, outdir = 'dist'] = process.argv.slice(2);

const result = await build({
  entryPoints: entry ? [entry] : { berth: 'src/cli.ts' },
  outdir,
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
  // React's production build: the development one (chosen when NODE_ENV is unset) doubles
  // the bundle, and every render runs its checks.
  define: {
    __BERTH_VERSION__: JSON.stringify(pkg.version),
    'process.env.DEV': '"false"',
    'process.env.NODE_ENV': '"production"',
  },
  plugins: [lazyFunctionModules],
  metafile: true,
  // CommonJS dependencies (dockerode) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
  },
});

// Chunk names carry a content hash: remove the ones no longer part of this build, so dist/
// holds one build, not every build since the clone.
const current = new Set(Object.keys(result.metafile.outputs).map((file) => path.basename(file)));
for (const file of readdirSync(outdir)) {
  if (!current.has(file)) rmSync(path.join(outdir, file), { force: true });
}
