import { customTaxonomies, isDraft, sitePath } from '../render/fields.js';
import type { Target } from './types.js';

/** Hugo: a page bundle per post under `content/`, `static/` copied as it is. */
export const hugo: Target = Object.freeze<Target>({
  name: 'hugo',
  description: 'Hugo: content/SECTION/SLUG/index.md, url at the old address, images in static/',
  template: 'content/{section}/{slug}/index.md',
  // Hugo's predefined front matter keys.
  frontMatter: [
    { name: 'title', get: (p) => p.title },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'lastmod', get: (p) => p.modified, date: true },
    { name: 'slug', get: (p) => p.slug },
    { name: 'draft', get: isDraft },
    { name: 'author', get: (p) => p.author },
    { name: 'categories', get: (p) => p.categories },
    { name: 'tags', get: (p) => p.tags },
    customTaxonomies,
    { name: 'summary', get: (p) => p.excerpt },
    { name: 'images', get: (p) => (p.featuredImage ? [p.featuredImage.url] : null) },
    { name: 'url', get: sitePath },
  ],
  staticDir: 'static',
  servesOldAddresses: true,
  markdown: 'hugo',
  links: 'rewrite',
});
