// The baseline of the throughput benchmark: the HTML of every post of an NDJSON archive through
// bare turndown (one TurndownService on its defaults, in a loop, in one process), as someone
// would convert posts without wp-extract: nothing is cleaned, and with OUTDIR each post's
// Markdown is written to its own file (one writeFileSync per post, no front matter, no safety).
// Prints the number of posts and of Markdown characters, so the work cannot be optimised away.
//
//   node scripts/bench/turndown.js ARCHIVE.ndjson [OUTDIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import TurndownService from 'turndown';

const [file, out] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/bench/turndown.js ARCHIVE.ndjson [OUTDIR]');
if (out) mkdirSync(out, { recursive: true });
const service = new TurndownService();
let posts = 0;
let chars = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const post = JSON.parse(line);
  const markdown = service.turndown(post.content.rendered);
  if (out) writeFileSync(join(out, `${post.id}.md`), markdown);
  chars += markdown.length;
  posts++;
}
console.log(JSON.stringify({ posts, chars }));
