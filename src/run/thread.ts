import { serveJobs } from './worker.js';

// A worker thread started by the library (dist/index.js): the command line's threads start
// bin/wp-extract.js instead, which loads the bundle as its main thread does.
serveJobs();
