// Bundles the command line into dist/bundle/ (one file per entry plus shared chunks), so that
// a run loads a few files instead of some 300 modules: Node 20 has no compile cache, and
// resolving and reading modules was most of the start-up time. undici stays outside, loaded
// only when an input is a URL; the library (dist/index.js) is tsc's output, unbundled.
import { build } from 'esbuild';

const result = await build({
  entryPoints: { cli: 'src/cli.ts', worker: 'src/work/worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['undici'],
  // Some dependencies (yaml) are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __wpxRequire } from 'node:module'; const require = __wpxRequire(import.meta.url);" },
  metafile: process.argv.includes('--analyze'),
  logLevel: 'warning',
});
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
