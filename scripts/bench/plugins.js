// @ts-check
/**
 * Plugin markup in exports: how many code blocks, formulas and embeds wp-extract and
 * wordpress-export-to-markdown (scripts/bench/peer.js) keep, on the same export. Writes section
 * 7 of BENCHMARKS.md.
 *
 *   node scripts/bench/plugins.js [--posts N]
 *
 * The export's posts are built, deterministically, from the shapes real archives hold (issue 23
 * lists them): SyntaxHighlighter's and WordPress.com's code shortcodes with the code that breaks
 * converters (`<?php`, `<link>`, entities, `*`, `\`, quotes, tabs, blank lines), its block,
 * WP-Syntax's `<pre lang>`, Jetpack's `$latex$` and `[latex]`, and its embed shortcodes. Each
 * snippet says what a reader must find in the Markdown: the code byte for byte in a fence with
 * its language, the TeX as math, the provider's address as a link.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { random } from './inputs.js';
import { installPeer, markdownBySlug, PEER, peerCommand } from './peer.js';
import { writeSection } from './section.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, '.bench', 'plugins');
const bin = join(root, 'bin', 'wp-extract.js');
const at = process.argv.indexOf('--posts');
const POSTS = at > 0 ? Number(process.argv[at + 1]) : 300;
const log = (/** @type {string} */ line) => process.stderr.write(`bench plugins: ${line}\n`);

/** @typedef {{ kind: 'code', source: string, code: string, language: string } | { kind: 'math', source: string, tex: string } | { kind: 'embed', source: string, id: string }} Snippet */

/** @type {Snippet[]} */
const SNIPPETS = [
  { kind: 'code', language: 'php', source: '[code lang="php"]\n<?php echo $title_for_layout?>\n<link rel="stylesheet" href="style.css">\n\t$rule = new AssetRule(); // "quoted" and \'single\'\n[/code]', code: '<?php echo $title_for_layout?>\n<link rel="stylesheet" href="style.css">\n\t$rule = new AssetRule(); // "quoted" and \'single\'' },
  { kind: 'code', language: '', source: '[sourcecode language="text"]inoremap \' "<++>[/sourcecode]', code: 'inoremap \' "<++>' },
  { kind: 'code', language: 'csharp', source: '[csharp]var list = new List<string>();\n\nlist.Add("*a*");[/csharp]', code: 'var list = new List<string>();\n\nlist.Add("*a*");' },
  { kind: 'code', language: 'javascript', source: '[code lang="js" firstline="82"]if (a &amp;&amp; b) {\n  return "x";\n}[/code]', code: 'if (a && b) {\n  return "x";\n}' },
  { kind: 'code', language: 'php', source: '[php]echo $a * $b; // a \\ backslash, a *star*[/php]', code: 'echo $a * $b; // a \\ backslash, a *star*' },
  { kind: 'code', language: 'javascript', source: '[javascript]if (x < 10) {\n  y = "it\'s -- fine...";\n}[/javascript]', code: 'if (x < 10) {\n  y = "it\'s -- fine...";\n}' },
  { kind: 'code', language: 'html', source: '[html]<div class="a">\n  <p>x &amp; y</p>\n</div>[/html]', code: '<div class="a">\n  <p>x &amp; y</p>\n</div>' },
  { kind: 'code', language: 'python', source: '<pre lang="python" line="1">def f(x):\n    return x < 2 and "ok"</pre>', code: 'def f(x):\n    return x < 2 and "ok"' },
  { kind: 'code', language: '', source: '[code]a\n\n\tb\n\nc = a * b[/code]', code: 'a\n\n\tb\n\nc = a * b' },
  { kind: 'code', language: 'bash', source: '[sourcecode lang="bash"]echo "--" \'...\' $HOME > /dev/null[/sourcecode]', code: 'echo "--" \'...\' $HOME > /dev/null' },
  { kind: 'code', language: 'ruby', source: '<!-- wp:syntaxhighlighter/code {"language":"ruby"} -->\n<pre class="wp-block-syntaxhighlighter-code">puts &quot;hi&quot; if a &lt; b</pre>\n<!-- /wp:syntaxhighlighter/code -->', code: 'puts "hi" if a < b' },
  { kind: 'code', language: 'sql', source: "[sql]SELECT * FROM t WHERE a <> 'x';[/sql]", code: "SELECT * FROM t WHERE a <> 'x';" },
  { kind: 'math', source: 'Euler: $latex e^{i\\pi}+1=0$ holds.', tex: 'e^{i\\pi}+1=0' },
  { kind: 'math', source: 'A sum, $latex \\sum_{k=1}^n k&s=2&fg=000000$, is small.', tex: '\\sum_{k=1}^n k' },
  { kind: 'math', source: '[latex]x^2 + y^2 = z^2[/latex]', tex: 'x^2 + y^2 = z^2' },
  { kind: 'embed', source: '[youtube MENdMl-UAn8]', id: 'MENdMl-UAn8' },
  { kind: 'embed', source: '[youtube=http://www.youtube.com/watch?v=M7lc1UVf-VE&amp;w=640&amp;h=385]', id: 'M7lc1UVf-VE' },
  { kind: 'embed', source: '[vimeo 76979871]', id: '76979871' },
  { kind: 'embed', source: '[tweet https://twitter.com/WordPress/status/1234567890123]', id: '1234567890123' },
  { kind: 'embed', source: '[gist https://gist.github.com/octocat/6cad326836d38bd3a7ae]', id: '6cad326836d38bd3a7ae' },
  { kind: 'embed', source: '[dailymotion id=x8oma9]', id: 'x8oma9' },
  { kind: 'embed', source: '[slideshare id=12345678&amp;doc=talk-120501&amp;w=425]', id: '12345678' },
  { kind: 'embed', source: '[codepen user="chriscoyier" slug_hash="gfdDu" height="300"]', id: 'gfdDu' },
];

const cdata = (/** @type {string} */ text) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The export, and each post's snippets by slug. */
function buildExport() {
  const next = random(23);
  /** @type {Map<string, Snippet[]>} */
  const bySlug = new Map();
  const items = [];
  for (let i = 0; i < POSTS; i++) {
    const slug = `post-${i}`;
    const chosen = [0, 1, 2].map(() => SNIPPETS[Math.floor(next() * SNIPPETS.length)]).filter((s) => s !== undefined);
    bySlug.set(slug, chosen);
    const content = chosen.map((s) => `A paragraph before it.\n\n${s.source}\n\nAnd one after.`).join('\n\n');
    items.push(`<item><title>${slug}</title><link>https://code.example.org/${slug}/</link><pubDate>Tue, 01 May 2012 10:00:00 +0000</pubDate><dc:creator>dev</dc:creator>
<content:encoded>${cdata(content)}</content:encoded><wp:post_id>${100 + i}</wp:post_id><wp:post_date_gmt>2012-05-01 10:00:00</wp:post_date_gmt>
<wp:post_date>2012-05-01 10:00:00</wp:post_date><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Code notes</title><link>https://code.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://code.example.org</wp:base_site_url><wp:base_blog_url>https://code.example.org</wp:base_blog_url>
<wp:author><wp:author_login>dev</wp:author_login><wp:author_display_name>Dev</wp:author_display_name></wp:author>
${items.join('\n')}
</channel></rss>
`;
  return { xml, bySlug };
}

/** The fenced blocks of a Markdown text: info string and body. @param {string} md */
const fences = (md) => [...md.matchAll(/^(`{3,}|~{3,})(.*)\n([\s\S]*?)\n\1\s*$/gm)].map((m) => ({ info: (m[2] ?? '').trim(), body: m[3] ?? '' }));

/** What a reader finds of each snippet in a post's Markdown. @param {Snippet[]} snippets @param {string} md */
function score(snippets, md) {
  const found = { code: 0, codeLanguage: 0, codeLines: 0, codeLinesTotal: 0, math: 0, embeds: 0, literal: 0 };
  const blocks = fences(md);
  const fencedLines = new Set(blocks.flatMap((b) => b.body.split('\n')));
  for (const s of snippets) {
    if (s.kind === 'code') {
      const exact = blocks.find((b) => b.body === s.code);
      if (exact) found.code++;
      if (exact && exact.info === s.language) found.codeLanguage++;
      for (const line of s.code.split('\n').filter((l) => l.trim() !== '')) {
        found.codeLinesTotal++;
        if (fencedLines.has(line)) found.codeLines++;
      }
    } else if (s.kind === 'math') {
      if (md.includes(`$${s.tex}$`)) found.math++;
    } else if (new RegExp(`\\]\\([^)]*${s.id}|<[^>]*${s.id}[^>]*>`).test(md)) found.embeds++;
  }
  found.literal = (md.match(/\[(?:code|sourcecode|source|php|csharp|javascript|html|sql|latex|youtube|vimeo|tweet|gist|dailymotion|slideshare|codepen)\b/g) ?? []).length;
  return found;
}

installPeer();
mkdirSync(work, { recursive: true });
const { xml, bySlug } = buildExport();
const file = join(work, 'plugins.xml');
writeFileSync(file, xml);
/** @type {Record<string, string>} */
const outputs = { 'wp-extract': join(work, 'ours'), 'wordpress-export-to-markdown': join(work, 'peer') };
for (const dir of Object.values(outputs)) rmSync(dir, { recursive: true, force: true });
log(`${POSTS} posts: wp-extract`);
const ours = spawnSync(process.execPath, [bin, file, '-o', outputs['wp-extract'] ?? '', '-q'], { encoding: 'utf8' });
if (ours.status !== 0) throw new Error(`wp-extract failed: ${ours.stderr}`);
log(`${POSTS} posts: ${PEER}`);
const [node, ...args] = peerCommand(file, outputs['wordpress-export-to-markdown'] ?? '');
const peer = spawnSync(node ?? process.execPath, args, { encoding: 'utf8' });
// It exits 0 when it halts: its own words say so.
if (peer.status !== 0 || /went wrong/i.test(peer.stdout + peer.stderr)) throw new Error(`${PEER} failed: ${peer.stdout}${peer.stderr}`);

const expected = { code: 0, math: 0, embeds: 0 };
for (const snippets of bySlug.values()) for (const s of snippets) expected[s.kind === 'embed' ? 'embeds' : s.kind]++;
const rows = Object.entries(outputs).map(([name, dir]) => {
  const markdown = markdownBySlug(dir);
  const total = { code: 0, codeLanguage: 0, codeLines: 0, codeLinesTotal: 0, math: 0, embeds: 0, literal: 0, posts: markdown.size };
  for (const [slug, snippets] of bySlug) {
    const found = score(snippets, markdown.get(slug) ?? '');
    for (const key of /** @type {Array<keyof typeof found>} */ (Object.keys(found))) total[key] += found[key];
  }
  return { name, total };
});
const pct = (/** @type {number} */ a, /** @type {number} */ b) => `${b === 0 ? 0 : ((a / b) * 100).toFixed(1)} %`;
const lines = [
  '## 7. Plugin markup in exports: code, math, embeds',
  '',
  `Written by \`node scripts/bench/plugins.js\` on ${new Date().toISOString().slice(0, 10)}: wp-extract against ${PEER} (\`--wizard=false\`, images off) on the same export of ${POSTS} posts, one run each.`,
  'The posts are built, deterministically, from the shapes of plugin markup real archives hold (SyntaxHighlighter and WordPress.com code shortcodes with `<?php`, `<link>`, entities, `*`, `\\`, quotes, tabs and blank lines, its block, WP-Syntax\'s `<pre lang>`, Jetpack\'s `$latex$` and `[latex]`, its embed shortcodes; the list is in the script), three to a post.',
  'A code block counts when a fence holds its code byte for byte (and with its language, in the next column); a code line, when it stands whole in a fence; a formula, as `$TeX$`; an embed, as a link to its provider\'s address; literal shortcodes are those printed as text.',
  '',
  '| | code blocks verbatim | with their language | code lines verbatim | math | embeds | literal shortcodes left |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    ({ name, total: t }) =>
      `| ${name} | ${t.code}/${expected.code} (${pct(t.code, expected.code)}) | ${t.codeLanguage}/${expected.code} | ${t.codeLines}/${t.codeLinesTotal} (${pct(t.codeLines, t.codeLinesTotal)}) | ${t.math}/${expected.math} | ${t.embeds}/${expected.embeds} | ${t.literal} |`,
  ),
];
writeSection(join(root, 'BENCHMARKS.md'), '## 7. Plugin markup in exports: code, math, embeds', lines);
log('wrote section 7 of BENCHMARKS.md');
