import type { Dialect } from '../convert/markdown.js';
import type { FrontMatterField, FrontMatterValue } from '../render/fields.js';

/** What becomes of links between the posts of an archive written to a folder. */
export type LinkMode = 'rewrite' | 'keep';

/**
 * A generator a folder is written for (`--preset`): everything that differs from one to the
 * next, in one object, so that the CLI and the library mean the same by its name. Adding a
 * generator is one file and one line in index.ts.
 */
export interface Target {
  /** The name `--preset` takes. */
  readonly name: string;
  /** One line for `--help` and the docs. */
  readonly description: string;
  /** The path of a post's file under the folder (see PATH_FIELDS). */
  readonly template: string;
  /** The front matter keys its themes read, in order. */
  readonly frontMatter: readonly FrontMatterField[];
  /**
   * The folder it copies to the built site as it is, where `--images` saves images at their
   * WordPress paths ('' for the top), or null when there is no site (plain folder: `media/`).
   */
  readonly staticDir: string | null;
  /**
   * Whether the built site serves each post at its old address (the permalink's path, which its
   * front matter names): links between posts then point there, and the folder's state keeps it.
   */
  readonly servesOldAddresses: boolean;
  /** What becomes of links between posts unless `--links` says. */
  readonly links: LinkMode;
  /**
   * The Markdown its content files are read as (with `-f md`): `hugo` where the generator reads
   * template syntax in them (see convert/hugo.ts). Jekyll and Eleventy are told in the front
   * matter not to (`render_with_liquid`, `templateEngineOverride`); Astro's Markdown has none.
   */
  readonly markdown: Dialect;
  /** The address of the site's main feed as the generator builds it (where `/feed/` goes), or null when it builds none by default. */
  readonly feed: string | null;
  /**
   * The text of a page the generator builds at an old address (`from`, a decoded path) that
   * sends the reader to the new one (`to`, encoded), for generators without redirects of their
   * own in front matter (Eleventy; Hugo and Jekyll have `aliases` and `redirect_from`). The
   * folder writes it under `redirects/`.
   */
  redirectPage?(from: string, to: string): string;
  /**
   * Where the pages of WordPress's archives go (a term's, an author's, a date's: see
   * mirror/archives.ts), a folder wp-extract owns, and the front matter that serves one at its
   * old address; null for a generator whose pages are not plain files (Astro's collections).
   */
  /** Where its site data files go (`authors.json`), read by its templates: Hugo's `data/`, Jekyll's and Eleventy's `_data/`; null for none. */
  readonly dataDir: string | null;
  readonly archives: {
    /** The file of the archive page at an old path (`name`: a file name made of it). */
    file(path: string, name: string): string;
    frontMatter(path: string, title: string): Record<string, FrontMatterValue>;
  } | null;
}
