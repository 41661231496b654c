// Builds the benchmark's inputs from the project's own fixtures: posts of 2 kB to 200 kB of
// HTML, made by joining whole fixture bodies (so every Booster widget, table, gallery and code
// block of the fixtures appears at its real density), and NDJSON archives of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small deterministic generator (mulberry32): the same seed builds the same inputs.
 * @param {number} seed
 * @returns {() => number}
 */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @typedef {{ bodies: string[], template: Record<string, any> }} Source */

/**
 * Every post body of fixtures/ of at least 200 characters, and the seed post as a template.
 * @param {string} fixtures
 * @returns {Source}
 */
export function fixtureBodies(fixtures) {
  /** @type {string[]} */
  const bodies = [];
  /** @type {Record<string, any> | null} */
  let template = null;
  for (const name of readdirSync(fixtures).sort()) {
    let value;
    try {
      value = JSON.parse(readFileSync(join(fixtures, name, 'input.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const post of Array.isArray(value) ? value : [value]) {
      const html = post?.content?.rendered;
      if (typeof html !== 'string' || html.length < 200) continue;
      bodies.push(html);
      if (name.startsWith('seed-')) template = post;
    }
  }
  if (!template || bodies.length === 0) throw new Error(`no fixture posts under ${fixtures}`);
  return { bodies, template };
}

/**
 * Post sizes between `min` and `max` bytes, log-uniform on the square of a uniform draw: most
 * posts are a few kB, as on real sites, and a tail reaches `max`.
 * @param {() => number} next @param {number} min @param {number} max
 */
export function postSize(next, min, max) {
  const u = next();
  return Math.round(min * (max / min) ** (u * u));
}

/**
 * One post of about `size` bytes of HTML: whole fixture bodies until the size is reached.
 * @param {Source} source @param {number} id @param {number} size @param {() => number} next
 */
export function makePost({ bodies, template }, id, size, next) {
  let html = '';
  while (html.length < size) html += bodies[Math.floor(next() * bodies.length)] ?? '';
  const day = String(1 + (id % 28)).padStart(2, '0');
  return {
    ...template,
    id,
    slug: `bench-post-${id}`,
    link: `https://example.org/bench-post-${id}/`,
    date: `2024-03-${day}T10:00:00`,
    date_gmt: `2024-03-${day}T10:00:00`,
    modified: `2024-03-${day}T10:00:00`,
    modified_gmt: `2024-03-${day}T10:00:00`,
    title: { rendered: `Benchmark post ${id} &#8211; ${size} bytes` },
    content: { rendered: html, protected: false },
  };
}

/**
 * `count` posts as NDJSON lines, with the HTML of each.
 * @param {Source} source @param {number} count
 * @param {{ seed?: number, min?: number, max?: number }} [options]
 */
export function makeArchive(source, count, { seed = 1, min = 2_000, max = 200_000 } = {}) {
  const next = random(seed);
  /** @type {string[]} */
  const lines = [];
  /** @type {string[]} */
  const html = [];
  for (let id = 1; id <= count; id++) {
    const post = makePost(source, id, postSize(next, min, max), next);
    lines.push(JSON.stringify(post));
    html.push(post.content.rendered);
  }
  return { ndjson: `${lines.join('\n')}\n`, html };
}

/**
 * The real archive of issue 15: `count` posts made by cycling through every post of the shared
 * corpus's real REST responses (`real-posts/*.json`, lists and single posts) and the seed post,
 * ids, slugs and permalinks made unique. Real posts are often short: this is the mix where a
 * fixed cost per post shows.
 * @param {string} corpus the shared corpus folder @param {string} seed the seed post's file @param {number} count
 */
export function realArchive(corpus, seed, count) {
  /** @type {any[]} */
  const originals = [];
  const folder = join(corpus, 'real-posts');
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.json')) continue;
    const value = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    for (const post of Array.isArray(value) ? value : [value]) if (typeof post?.content?.rendered === 'string') originals.push(post);
  }
  originals.push(JSON.parse(readFileSync(seed, 'utf8')));
  /** @type {string[]} */
  const lines = [];
  /** @type {string[]} */
  const html = [];
  for (let i = 0; i < count; i++) {
    const post = originals[i % originals.length];
    const id = i + 1;
    const link = typeof post.link === 'string' ? post.link.replace(/\/?$/, `-${id}/`) : `https://example.org/real-${id}/`;
    lines.push(JSON.stringify({ ...post, id, slug: `${post.slug || 'post'}-${id}`, link }));
    html.push(post.content.rendered);
  }
  return { ndjson: `${lines.join('\n')}\n`, html, originals: originals.length };
}
