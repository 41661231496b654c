// Bundles the command line into dist/bundle/ and makes V8's code cache for it, so that a run
// reads two files and compiles almost nothing: Node 20 has no module compile cache, and
// resolving, reading and compiling some 300 modules was most of the start-up time.
// undici stays outside, loaded only when an input is a URL. The library (dist/index.js) is
// tsc's output, unbundled.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * commander loads node:child_process (and with it net and stream) at start, for executable
 * subcommands, which wp-extract does not have: give it a stand-in that loads the real module
 * only if it is ever used.
 */
/** @type {import('esbuild').Plugin} */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'wp-extract' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'wp-extract' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * The sources load undici with `import()` (only for URLs). A script compiled with vm.Script, as
 * bin/wp-extract.js does, cannot use `import()`: in the bundle it becomes `require()`.
 * @type {import('esbuild').Plugin}
 */
const requireUndici = {
  name: 'require-undici',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes("import('undici')")) return undefined;
      return { contents: source.replaceAll("import('undici')", "Promise.resolve(require('undici'))"), loader: 'ts' };
    });
  },
};

/**
 * Packages that few runs use (the `yaml` library for front matter the fast path does not take,
 * TOML front matter, the WXR reader's XML parser) are bundled each in a file of their own and
 * loaded the first time one of their exports is read: evaluating them at every start cost
 * start-up time. The stand-in's getters are what esbuild's named imports read at each use.
 */
const LAZY = ['yaml', 'smol-toml', 'saxes'];
/** @param {string} name */
const chunkOf = (name) => `lazy-${name}.js`;
/** @type {import('esbuild').Plugin} */
const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    build.onResolve({ filter: /^(yaml|smol-toml|saxes)$/ }, (args) =>
      /[\\/]src[\\/]/.test(args.importer) ? { path: args.path, namespace: 'wp-extract-lazy' } : undefined,
    );
    build.onResolve({ filter: /^\.\/lazy-/ }, (args) => (args.namespace === 'wp-extract-lazy' ? { path: args.path, external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'wp-extract-lazy' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((name) => name !== 'default');
      const getters = names.map((name) => `get ${JSON.stringify(name)}() { return load()[${JSON.stringify(name)}]; }`);
      return {
        contents: `let loaded; const load = () => (loaded ??= require('./${chunkOf(args.path)}'));\nmodule.exports = { ${getters.join(', ')} };`,
        loader: 'js',
      };
    });
  },
};

/**
 * dom-serializer asks for `entities` 4, htmlparser2 and wp-extract for `entities` 7: two copies,
 * each building its decoding tables at start (1.7 ms for the older one). dom-serializer uses
 * only escapeText, escapeAttribute and encodeXML, which are the same in both: it gets 7.
 * @type {import('esbuild').Plugin}
 */
const oneEntities = {
  name: 'one-entities',
  setup(build) {
    build.onResolve({ filter: /^entities$/ }, async (args) => {
      if (!/[\\/]node_modules[\\/]dom-serializer[\\/]/.test(args.importer)) return undefined;
      const found = await build.resolve('entities', { kind: args.kind, resolveDir: process.cwd() });
      return { path: found.path };
    });
  },
};

/**
 * Writes every character of the bundle outside ASCII as a \\u escape, which means the same in
 * strings, templates and regular expressions (a pair of surrogates is one character under the
 * u flag, two code units without it, as the raw character is). esbuild's charset 'ascii'
 * leaves some raw inside regular expressions. An ASCII file decodes to a one-byte string, which
 * V8 reads and checks against the code cache faster than a two-byte one.
 * @param {string} file
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  // An escaped character (`\\é`) would become an escaped backslash: there is none, but make sure.
  if (/\\[^\0-\x7f]/.test(source)) throw new Error(`${file}: a backslash before a character outside ASCII`);
  writeFileSync(file, source.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** What the bundle and the lazily loaded files share. */
const COMMON = /** @type {const} */ ({
  bundle: true,
  // CommonJS, so that bin/wp-extract.js can compile the bundle with vm.Script and a code cache.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Written as UTF-8, then the bundle made ASCII by asciiOnly (see there).
  charset: 'utf8',
  logLevel: 'warning',
});

rmSync('dist/bundle', { recursive: true, force: true });
for (const name of LAZY) {
  await build({ ...COMMON, stdin: { contents: `export * from '${name}';`, resolveDir: process.cwd(), loader: 'js' }, outfile: `dist/bundle/${chunkOf(name)}` });
}
const result = await build({
  ...COMMON,
  // One entry: the worker threads of --jobs load this same bundle (through bin/wp-extract.js).
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  external: ['undici'],
  define: { 'import.meta.url': '__wpxModuleUrl' },
  banner: { js: "const __wpxModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess, requireUndici, lazyPackages, oneEntities],
  metafile: process.argv.includes('--analyze'),
});
writeFileSync('dist/bundle/package.json', '{ "type": "commonjs" }\n');
asciiOnly('dist/bundle/cli.js');

// The code cache holds the functions a typical run compiles: run one post through the bundle.
const sample = 'fixtures/seed-sotnews-104444/input.json';
if (existsSync(sample)) {
  const run = spawnSync(process.execPath, ['bin/wp-extract.js', sample], {
    env: { ...process.env, WP_EXTRACT_CODE_CACHE: 'write' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`making the code cache failed (exit ${run.status})`);
}

if (result.metafile) {
  const sizes = new Map();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'wp-extract';
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  for (const [name, bytes] of [...sizes].sort((a, b) => b[1] - a[1])) console.log(`${String(bytes).padStart(8)}  ${name}`);
}
