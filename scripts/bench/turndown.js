// The baseline of the throughput benchmark: the HTML of every post of an NDJSON archive through
// bare turndown (one TurndownService on its defaults, in a loop, in one process), as someone
// would convert posts without wp-extract. Nothing is cleaned and nothing is written.
// Prints the number of posts and of Markdown characters, so the work cannot be optimised away.
import { readFileSync } from 'node:fs';
import TurndownService from 'turndown';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/bench/turndown.js ARCHIVE.ndjson');
const service = new TurndownService();
let posts = 0;
let chars = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const post = JSON.parse(line);
  chars += service.turndown(post.content.rendered).length;
  posts++;
}
console.log(JSON.stringify({ posts, chars }));
