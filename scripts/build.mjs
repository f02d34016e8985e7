// Bundles berth with esbuild into dist/:
// - dist/berth.cjs: the whole app, one CommonJS file. CommonJS because a classic script can be
//   compiled with a V8 code cache (node:vm's cachedData) and an ES module cannot on Node 20: the
//   launcher keeps the compiled code between runs (src/launch/load-bundle.ts), which took the first
//   frame from about 530 to about 370 ms (docs/performance.md). esbuild wraps every bundled module in
//   a function that runs on first use, so `--version` and `doctor` still evaluate little.
// - dist/launch.cjs: the launcher bin/berth requires (loads the bundle through the code cache).
// Native modules and packages only some sessions need stay external and load from node_modules.
// `node scripts/build.mjs ENTRY OUTDIR` bundles another entry as an ES module with the same
// settings (the bench's render-cost measures berth's components as the bundle runs them).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { asciiOnly, memoizeToESM } from './bundle-text.mjs';

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

// Node built-ins that dependencies load at start-up though only some sessions use them (`http`:
// docker-modem's, needed once dockerode is, after the first frame on a local socket; see below):
// docker-modem loads `https` (with `tls` and `crypto`, ~22 ms) for any engine, commander and
// terminal-size load `child_process` (~11 ms), dockerode `zlib` (builds), signal-exit `assert`
// (patched since to need it only for a failed check), and berth's saving of logs and registry
// logins `fs/promises` (~2 ms).
// Each is given a stand-in that loads it on first use (src/launch/lazy-module.ts); a start
// against a local socket loads none of them (test/unit/lazy-builtins.test.ts).
const LAZY_BUILTINS = ['https', 'http', 'child_process', 'crypto', 'zlib', 'assert', 'fs/promises'];
const lazyModuleSource = path.resolve('src/launch/lazy-module.ts');
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(lazyModuleSource)}).lazyModule(() => require("node:${args.path}"));`,
      resolveDir: path.dirname(lazyModuleSource),
      loader: 'js',
    }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const [entry, outdir = 'dist'] = process.argv.slice(2);

// Ink's reconciler imports its devtools with a top-level await when DEV=true, which a CommonJS
// bundle cannot hold. berth builds with DEV=false, so the block is dropped; the build fails if
// an Ink upgrade changes those lines, rather than shipping a bundle that differs silently.
const INK_DEVTOOLS_BLOCK =
  /^if \(isDev\(\)\) \{\n {4}try \{\n {8}await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/m;
const INK_PACKAGE_JSON =
  /const packageJson = isDev\(\)\n {4}\? await loadPackageJson\(\)\n {4}: (\{ name: undefined, version: undefined \});/;
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!INK_DEVTOOLS_BLOCK.test(source) || !INK_PACKAGE_JSON.test(source)) {
        throw new Error(`${args.path}: Ink's devtools lines changed; update the ink-without-devtools plugin`);
      }
      return {
        contents: source.replace(INK_DEVTOOLS_BLOCK, '').replace(INK_PACKAGE_JSON, 'const packageJson = $1;'),
        loader: 'js',
      };
    });
  },
};

// dockerode (with docker-modem, its streams and Node's HTTP client, ~15 ms to set up) loads when
// berth first makes a dockerode client. A start against a local socket asks its first frame's
// questions over connections of its own (src/engine/client.ts `getJson`, events.ts), and the
// client is made on first use (`createContext`), so the first frame is drawn before either. The
// class berth imports is a stand-in that loads the bundled dockerode on its first `new`.
const lazyDockerode = {
  name: 'lazy-dockerode',
  setup(build) {
    const client = path.resolve('src/engine/client.ts');
    build.onResolve({ filter: /^dockerode$/ }, (args) =>
      args.importer === client ? { path: 'dockerode', namespace: 'lazy-dockerode' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-dockerode' }, () => ({
      contents:
        'let Docker; module.exports = function LazyDocker(...args) { Docker ??= require("dockerode"); return new Docker(...args); };',
      resolveDir: path.resolve('.'),
      loader: 'js',
    }));
  },
};

// wrap-ansi (Ink's wrapping) brings string-width 7, which measures text-presentation symbols such
// as ▶ © ⚠ as two cells where terminals draw one, and where Ink itself (string-width 8) measures
// one. The bundle gives wrap-ansi the string-width 8 everything else uses (patched to measure
// ASCII and box drawing without Intl.Segmenter): one measure, and one less module to set up.
const oneStringWidth = {
  name: 'one-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes(`${path.sep}wrap-ansi${path.sep}`)
        ? { path: path.resolve('node_modules/string-width/index.js') }
        : undefined,
    );
  },
};

// chalk carries its own copy of ansi-styles, the same code as the ansi-styles package that
// wrap-ansi, slice-ansi and ansi-tokenize load: the bundle gives chalk the package's, so the
// colour tables are built once at start-up, not twice (~1 ms). The build stops if the two copies
// ever differ (a chalk or ansi-styles upgrade): then drop this or check the difference.
const chalkVendoredStyles = path.resolve('node_modules/chalk/source/vendor/ansi-styles/index.js');
const ansiStylesPackage = path.resolve('node_modules/ansi-styles/index.js');
const chalkSource = path.resolve('node_modules/chalk/source/index.js');
const oneAnsiStyles = {
  name: 'one-ansi-styles',
  setup(build) {
    const code = (file) => readFileSync(file, 'utf8').replace(/\s+/g, '');
    if (code(chalkVendoredStyles) !== code(ansiStylesPackage)) {
      throw new Error(
        `${chalkVendoredStyles} differs from ${ansiStylesPackage}: see one-ansi-styles in scripts/build.mjs`,
      );
    }
    build.onResolve({ filter: /^(#ansi-styles|\.\/vendor\/ansi-styles\/index\.js)$/ }, (args) =>
      args.importer === chalkSource ? { path: ansiStylesPackage } : undefined,
    );
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Native modules and ssh2's optional native helpers load at run time from node_modules.
  // @xterm/headless (the first session) and yaml (a config file) are required on first use.
  external: ['node-pty', 'cpu-features', 'ssh2', 'react-devtools-core', '@xterm/headless', 'yaml'],
  // React's production build: the development one (chosen when NODE_ENV is unset) doubles
  // the bundle, and every render runs its checks.
  define: {
    __BERTH_VERSION__: JSON.stringify(pkg.version),
    'process.env.DEV': '"false"',
    'process.env.NODE_ENV': '"production"',
  },
  plugins: [
    lazyFunctionModules,
    inkWithoutDevtools,
    oneStringWidth,
    oneAnsiStyles,
    lazyBuiltins,
    lazyDockerode,
  ],
  metafile: true,
  // A CommonJS bundle has no import.meta; the bundled uses of it are in paths berth never takes
  // (yoga's file location for a wasm it has inline, Ink's package.json under DEV=true).
  logOverride: { 'empty-import-meta': 'silent' },
};

const outputs = [];
if (entry) {
  const result = await build({
    ...shared,
    entryPoints: [entry],
    outdir,
    splitting: true,
    format: 'esm',
    // CommonJS dependencies (dockerode) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
    },
  });
  outputs.push(result);
} else {
  const app = await build({
    ...shared,
    entryPoints: { berth: 'src/cli.ts' },
    outdir,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // import() of a bundled module becomes a require() inside the bundle (no ES module loader
    // at run time: the vm.Script the launcher compiles has none).
    supported: { 'dynamic-import': false },
  });
  // CommonJS too, as bin/berth is (bin/package.json): a start that meets no ES module never sets
  // up Node's ES module loader, ~9 ms of every start (A/B at 5 containers: 124 → 115 ms).
  const launcher = await build({
    ...shared,
    entryPoints: { launch: 'src/launch/launch.ts' },
    outdir,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    plugins: [],
  });
  outputs.push(app, launcher);
}

// What esbuild has no option for (scripts/bundle-text.mjs): the JavaScript it wrote, made all ASCII
// and with its CommonJS-import helper memoised.
for (const file of outputs.flatMap((r) => Object.keys(r.metafile.outputs))) {
  if (!/\.(c|m)?js$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  const rewritten = memoizeToESM(asciiOnly(text));
  if (rewritten !== text) writeFileSync(file, rewritten);
}

// Remove what is no longer part of this build (hashed chunk names, an older layout), so dist/
// holds one build, not every build since the clone.
const current = new Set(
  outputs.flatMap((r) => Object.keys(r.metafile.outputs)).map((file) => path.basename(file)),
);
for (const file of readdirSync(outdir)) {
  if (!current.has(file)) rmSync(path.join(outdir, file), { force: true });
}
