import { customTaxonomies, isDraft, sitePath, termNames } from '../render/fields.js';
import type { Target } from './types.js';

/** Astro's blog starter: a content collection, `public/` copied as it is. */
export const astro: Target = Object.freeze<Target>({
  name: 'astro',
  description: "Astro: src/content/blog/SLUG.md in the blog starter's schema, slug at the old path, images in public/",
  template: 'src/content/blog/{slug}.md',
  frontMatter: [
    { name: 'title', get: (p) => p.title },
    { name: 'description', get: (p) => p.excerpt },
    { name: 'pubDate', get: (p) => p.date, date: true },
    { name: 'updatedDate', get: (p) => p.modified, date: true },
    { name: 'heroImage', get: (p) => p.featuredImage?.url ?? null },
    { name: 'tags', get: termNames },
    customTaxonomies,
    { name: 'draft', get: isDraft },
    // The entry's slug is its old path (`2024/01/03/beta`), for a `[...slug]` route.
    { name: 'slug', get: (p) => sitePath(p)?.replace(/^\/|\/$/g, '') || null },
  ],
  staticDir: 'public',
  servesOldAddresses: true,
  markdown: 'markdown',
  links: 'rewrite',
});
