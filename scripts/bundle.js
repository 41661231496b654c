// Bundles the command line into dist/bundle/ and makes V8's code cache for it, so that a run
// reads two files and compiles almost nothing: Node 20 has no module compile cache, and
// resolving, reading and compiling some 300 modules was most of the start-up time.
// undici stays outside, loaded only when an input is a URL. The library (dist/index.js) is
// tsc's output, unbundled.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
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

rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  // One entry: the worker threads of --jobs load this same bundle (through bin/wp-extract.js).
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  // CommonJS, so that bin/wp-extract.js can compile it with vm.Script and a code cache.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // UTF-8, read as UTF-8 by bin/wp-extract.js: esbuild leaves some non-ASCII characters raw
  // even with charset 'ascii' (inside regular expressions), so no other decoding is exact.
  charset: 'utf8',
  external: ['undici'],
  define: { 'import.meta.url': '__wpxModuleUrl' },
  banner: { js: "const __wpxModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess, requireUndici],
  metafile: process.argv.includes('--analyze'),
  logLevel: 'warning',
});
writeFileSync('dist/bundle/package.json', '{ "type": "commonjs" }\n');

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
