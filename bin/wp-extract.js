#!/usr/bin/env node
'use strict';
// Runs the bundled command line (dist/bundle/cli.js, see scripts/bundle.js) with the V8 code
// cache made when it was built. Node 20 keeps no compile cache of its own, and compiling the
// bundle was a large part of start-up. A cache from another Node version is rejected by V8 and
// the bundle is compiled as usual. CommonJS (bin/package.json), so that nothing here waits on
// the ES module loader.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dir = join(__dirname, '..', 'dist', 'bundle');
const file = join(dir, 'cli.js');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compile
}
// esbuild writes the bundle in ASCII (charset: 'ascii'), so reading it as latin1 is exact.
const source = readFileSync(file, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dir);
if (process.env.WP_EXTRACT_CODE_CACHE === 'write') {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
bundle.exports.run();
