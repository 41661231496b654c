import { canonical, customFields, customTaxonomies, formerAddresses, isDraft, keysExcept, noindex, peopleAndLanguage, seoDescription, sitePath } from '../render/fields.js';
import type { Target } from './types.js';

/** Front matter keys the generator reads on its own: never a custom field's or taxonomy's. */
const RESERVED = ['aliases', 'build', 'cascade', 'date', 'description', 'draft', 'expiryDate', 'headless', 'isCJKLanguage', 'keywords', 'lastmod', 'layout', 'linkTitle', 'markup', 'menus', 'menu', 'outputs', 'params', 'publishDate', 'resources', 'sitemap', 'slug', 'summary', 'title', 'type', 'url', 'weight'];

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
    keysExcept(customTaxonomies, RESERVED),
    ...peopleAndLanguage('language', 'translationKey'),
    { name: 'summary', get: (p) => p.excerpt },
    // Hugo's own `description`; PaperMod's and others' canonicalURL and robotsNoIndex.
    { name: 'description', get: seoDescription },
    { name: 'canonicalURL', get: canonical },
    { name: 'robotsNoIndex', get: noindex },
    { name: 'images', get: (p) => (p.featuredImage ? [p.featuredImage.url] : null) },
    { name: 'url', get: sitePath },
    // Hugo writes a page at each alias that sends the reader on.
    { name: 'aliases', get: formerAddresses },
    keysExcept(customFields, RESERVED),
  ],
  staticDir: 'static',
  servesOldAddresses: true,
  markdown: 'hugo',
  feed: '/index.xml',
  dataDir: 'data',
  archives: {
    file: (_path, name) => `content/wp-archives/${name}.md`,
    // A page of its own at the old address, left out of the site's lists and feeds.
    frontMatter: (path, title) => ({ title, url: path, build: { list: 'never' } }),
  },
  links: 'rewrite',
});
