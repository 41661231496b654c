import { customFields, customTaxonomies, description, featuredUrl, isDraft, keysExcept, peopleAndLanguage, sitePath, termNames } from '../render/fields.js';
import type { Target } from './types.js';

/** Front matter keys the generator reads on its own: never a custom field's or taxonomy's. */
const RESERVED = ['layout', 'slug'];

/** Astro's blog starter: a content collection, `public/` copied as it is. */
export const astro: Target = Object.freeze<Target>({
  name: 'astro',
  description: "Astro: src/content/blog/SLUG.md in the blog starter's schema, slug at the old path, images in public/",
  template: 'src/content/blog/{slug}.md',
  frontMatter: [
    { name: 'title', get: (p) => p.title },
    { name: 'description', get: description },
    { name: 'pubDate', get: (p) => p.date, date: true },
    { name: 'updatedDate', get: (p) => p.modified, date: true },
    { name: 'heroImage', get: featuredUrl },
    { name: 'tags', get: termNames },
    keysExcept(customTaxonomies, RESERVED),
    ...peopleAndLanguage('lang', 'translationKey'),
    { name: 'draft', get: isDraft },
    // The entry's slug is its old path (`2024/01/03/beta`), for a `[...slug]` route.
    { name: 'slug', get: (p) => sitePath(p)?.replace(/^\/|\/$/g, '') || null },
    keysExcept(customFields, RESERVED),
  ],
  staticDir: 'public',
  servesOldAddresses: true,
  markdown: 'markdown',
  feed: '/rss.xml',
  dataDir: 'src/data',
  // A Markdown page in src/pages is served at its path, before the [...slug] route of the posts.
  archives: {
    file: (path) => `src/pages${path.endsWith('/') ? path : `${path}/`}index.md`,
    frontMatter: (_path, title) => ({ title }),
  },
  links: 'rewrite',
});
