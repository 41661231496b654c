#!/usr/bin/env node
'use strict';
// Loads the bundled command line (dist/bundle/cli.js, see scripts/bundle.js) with the V8 code
// cache made when it was built, then runs it. The worker threads of --jobs start this same
// file, so every thread loads the same code the same way; a thread knows it is a worker by
// WORKER_FLAG in its argv, which only the pool passes, and which it checks against
// worker_threads.
//
// The bundle is ASCII (scripts/bundle.js escapes every other character), read as UTF-8.
// Node 20 keeps no compile cache of its own, and compiling the bundle was a large part of
// start-up; a cache from another Node version, another bundle or other V8 flags is rejected by
// V8 and the bundle is compiled as usual. CommonJS (bin/package.json), so that nothing here waits on
// the ES module loader.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const WORKER_FLAG = '--wp-extract-worker-thread';
const dir = join(__dirname, '..', 'dist', 'bundle');
const file = join(dir, 'cli.js');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compile
}
const source = readFileSync(file, 'utf8');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dir);

if (process.argv[2] === WORKER_FLAG && !require('node:worker_threads').isMainThread) {
  bundle.exports.serveJobs();
} else {
  if (process.env.WP_EXTRACT_CODE_CACHE === 'write') {
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  bundle.exports.run(process.argv.slice(2), { script: __filename, argv: [WORKER_FLAG], longRun });
}

/**
 * V8 grows a heap by up to 4× its live size after each full collection, so that a long run's
 * heap kept growing with the number of posts (10,000 posts: 196 MiB on one thread) though what
 * it keeps alive does not. Growing it by a third at most keeps it flat, for a few per cent of
 * time (BENCHMARKS.md). V8 reads the flag at each collection, and flags are per process: it
 * holds for the worker threads too. Set only once a run is long: loading node:v8 costs a short
 * run start-up time, and a code cache made under other flags is rejected.
 */
function longRun() {
  require('node:v8').setFlagsFromString('--heap-growing-percent=35');
}
