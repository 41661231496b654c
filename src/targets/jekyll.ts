import { canonical, customFields, customTaxonomies, featuredUrl, formerAddresses, isDraft, keysExcept, peopleAndLanguage, seoDescription, sitePath } from '../render/fields.js';
import type { Target } from './types.js';

/** Front matter keys the generator reads on its own: never a custom field's or taxonomy's. */
const RESERVED = ['categories', 'collection', 'content', 'date', 'excerpt', 'excerpt_separator', 'ext', 'id', 'layout', 'next', 'output', 'path', 'permalink', 'previous', 'published', 'redirect_from', 'redirect_to', 'relative_path', 'slug', 'tags', 'title', 'url'];

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
    keysExcept(customTaxonomies, RESERVED),
    ...peopleAndLanguage('lang', 'translation_key'),
    { name: 'excerpt', get: (p) => p.excerpt },
    // jekyll-seo-tag's description and canonical_url; jekyll-sitemap leaves out `sitemap: false`.
    { name: 'description', get: seoDescription },
    { name: 'canonical_url', get: canonical },
    { name: 'sitemap', get: (p) => (p.seo?.noindex ? false : null) },
    { name: 'image', get: featuredUrl },
    { name: 'published', get: (p) => (isDraft(p) ? false : null) },
    { name: 'wordpress_id', get: (p) => p.id },
    { name: 'permalink', get: sitePath },
    // jekyll-redirect-from writes a page at each that sends the reader on.
    { name: 'redirect_from', get: formerAddresses },
    // A post's text is not a template: `{{ }}` in it is text.
    { name: 'render_with_liquid', get: () => false },
    keysExcept(customFields, RESERVED),
  ],
  // Every folder not starting with `_` is copied as it is.
  staticDir: '',
  servesOldAddresses: true,
  markdown: 'markdown',
  // jekyll-feed's, as the README's _config.yml enables it.
  feed: '/feed.xml',
  dataDir: '_data',
  archives: {
    file: (_path, name) => `wp-archives/${name}.md`,
    frontMatter: (path, title) => ({ title, permalink: path, render_with_liquid: false }),
  },
  links: 'rewrite',
});
