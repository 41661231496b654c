import { canonical, customFields, customTaxonomies, description, featuredUrl, isDraft, keysExcept, noindex, peopleAndLanguage, sitePath, termNames } from '../render/fields.js';
import type { Target } from './types.js';

/** Front matter keys the generator reads on its own: never a custom field's or taxonomy's. */
const RESERVED = ['collections', 'content', 'date', 'dynamicPermalink', 'eleventyComputed', 'eleventyDataSchema', 'eleventyExcludeFromCollections', 'eleventyImport', 'eleventyNavigation', 'layout', 'page', 'pagination', 'permalink', 'permalinkBypassOutputDir', 'tags', 'templateEngineOverride'];

/** Eleventy's data cascade: `posts/`, `wp-content/` passed through from the top folder. */
export const eleventy: Target = Object.freeze<Target>({
  name: 'eleventy',
  description: 'Eleventy: posts/SLUG.md, permalink at the old address, images passed through from the top folder',
  template: 'posts/{slug}.md',
  frontMatter: [
    { name: 'title', get: (p) => p.title },
    { name: 'description', get: description },
    { name: 'canonical', get: canonical },
    { name: 'noindex', get: noindex },
    { name: 'date', get: (p) => p.date, date: true },
    { name: 'tags', get: termNames },
    keysExcept(customTaxonomies, RESERVED),
    ...peopleAndLanguage('lang', 'translationKey'),
    { name: 'image', get: featuredUrl },
    { name: 'draft', get: isDraft },
    // A draft is not written at all; a post is served at its old address.
    { name: 'permalink', get: (p) => (isDraft(p) ? false : sitePath(p)) },
    { name: 'eleventyExcludeFromCollections', get: (p) => (isDraft(p) ? true : null) },
    // A post's text is not a template: `{{ }}` and `{% %}` in it are text.
    { name: 'templateEngineOverride', get: () => 'md' },
    keysExcept(customFields, RESERVED),
  ],
  // With `eleventyConfig.addPassthroughCopy("wp-content")`.
  staticDir: '',
  servesOldAddresses: true,
  markdown: 'markdown',
  feed: null,
  dataDir: '_data',
  archives: {
    file: (_path, name) => `wp-archives/${name}.md`,
    frontMatter: (path, title) => ({ title, permalink: path, dynamicPermalink: false, eleventyExcludeFromCollections: true, templateEngineOverride: 'md' }),
  },
  links: 'rewrite',
  redirectPage: (from, to) =>
    [
      '---',
      // A JSON string is a YAML one; not a template, so nothing in the address is read as Liquid.
      `permalink: ${JSON.stringify(from.endsWith('/') ? from : `${from}/`)}`,
      'dynamicPermalink: false',
      'templateEngineOverride: html',
      'eleventyExcludeFromCollections: true',
      '---',
      `<!doctype html><meta charset="utf-8"><title>Moved</title><meta http-equiv="refresh" content="0; url=${to}"><link rel="canonical" href="${to}"><p><a href="${to}">${to}</a></p>`,
      '',
    ].join('\n'),
});
