import { customTaxonomies, isDraft, sitePath } from '../render/fields.js';
import type { Target } from './types.js';

/** Jekyll (with jekyll-seo-tag and jekyll-last-modified-at): `_posts/`, the top folder copied as it is. */
export const jekyll: Target = Object.freeze<Target>({
  name: 'jekyll',
  description: 'Jekyll: _posts/DATE-SLUG.md, permalink at the old address, images copied from the top folder',
  template: '_posts/{yyyy}-{mm}-{dd}-{slug}.md',
  frontMatter: [
    { name: 'title', get: (p) => p.title },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'last_modified_at', get: (p) => p.modified, date: true },
    { name: 'slug', get: (p) => p.slug },
    { name: 'author', get: (p) => p.author },
    { name: 'categories', get: (p) => p.categories },
    { name: 'tags', get: (p) => p.tags },
    customTaxonomies,
    { name: 'excerpt', get: (p) => p.excerpt },
    { name: 'image', get: (p) => p.featuredImage?.url ?? null },
    { name: 'published', get: (p) => (isDraft(p) ? false : null) },
    { name: 'wordpress_id', get: (p) => p.id },
    { name: 'permalink', get: sitePath },
    // A post's text is not a template: `{{ }}` in it is text.
    { name: 'render_with_liquid', get: () => false },
  ],
  // Every folder not starting with `_` is copied as it is.
  staticDir: '',
  servesOldAddresses: true,
  markdown: 'markdown',
  links: 'rewrite',
});
