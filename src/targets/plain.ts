import { DEFAULT_FIELDS } from '../render/fields.js';
import type { Target } from './types.js';

/** A plain folder of Markdown files with wp-extract's own front matter: no generator, no site. */
export const plain: Target = Object.freeze<Target>({
  name: 'default',
  description: "a folder of Markdown files with wp-extract's own front matter",
  template: '{type}/{yyyy}-{mm}-{dd}-{slug}.md',
  frontMatter: DEFAULT_FIELDS,
  staticDir: null,
  servesOldAddresses: false,
  markdown: 'markdown',
  feed: null,
  dataDir: null,
  archives: null,
  links: 'keep',
});
