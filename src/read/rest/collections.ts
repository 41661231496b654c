import { WpExtractError } from '../../errors.js';
import { restUrl } from '../discover.js';
import { isoDate } from '../filters.js';
import type { RestClient } from './client.js';
import type { ApiRoot } from './discovery.js';
import { collectionRoute } from './routes.js';

/** What a collection is read for: the filters a site applies on its side. */
export interface CollectionFilters {
  type?: string;
  after?: string;
  before?: string;
  search?: string;
  categories?: string[];
  tags?: string[];
  status?: string[];
}

/** Every status the REST API lists for a user allowed to see it. */
const ALL_STATUSES = 'publish,future,draft,pending,private';

/** Post types that are not content: media, menus, templates, styles, fonts, reusable blocks. */
const NOT_CONTENT = new Set(['attachment', 'nav_menu_item', 'wp_block', 'wp_template', 'wp_template_part', 'wp_navigation', 'wp_global_styles', 'wp_font_family', 'wp_font_face']);

/**
 * The collections of a site: the address of a post type's collection with the filters as
 * query parameters (term slugs looked up as ids), its content types, and the post type each
 * collection address this crawl resolved holds.
 */
export class Collections {
  /** The post type of each collection route resolved (`/wp/v2/posts` → `post`). */
  private readonly types = new Map<string, string>();

  constructor(
    private readonly rest: RestClient,
    private readonly root: ApiRoot,
  ) {}

  /** The collection address of a post type, with the filters. */
  async collectionFor(address: string, filters: CollectionFilters): Promise<string> {
    const root = await this.root.of(address);
    const route = await this.typeRoute(root, filters.type ?? 'posts');
    const query: Record<string, string> = {};
    if (filters.after) query.after = isoDate(filters.after, '--after');
    if (filters.before) query.before = isoDate(filters.before, '--before');
    if (filters.search) query.search = filters.search;
    if (filters.categories?.length) query.categories = await this.termIds(root, 'categories', filters.categories);
    if (filters.tags?.length) query.tags = await this.termIds(root, 'tags', filters.tags);
    if (filters.status?.length) query.status = filters.status.includes('all') ? ALL_STATUSES : filters.status.join(',');
    else if (this.rest.http.options.auth) query.status = ALL_STATUSES;
    return restUrl(root, route, query);
  }

  /** The post type of a collection address this crawl resolved, if any. */
  typeOf(collection: string): string | undefined {
    return this.types.get(collectionRoute(collection));
  }

  /** The content types of a site (`--type all`): posts, pages, then its custom types, by slug. */
  async contentTypes(address: string): Promise<string[]> {
    const types = await this.rest.json(restUrl(await this.root.of(address), 'wp/v2/types'));
    const custom = Object.keys((types ?? {}) as object).filter((slug) => slug !== 'post' && slug !== 'page' && !NOT_CONTENT.has(slug));
    return ['posts', 'pages', ...custom];
  }

  private async typeRoute(root: string, type: string): Promise<string> {
    const known = (route: string, slug: string): string => {
      this.types.set(`/${route}`, slug);
      return route;
    };
    if (type === 'posts' || type === 'post') return known('wp/v2/posts', 'post');
    if (type === 'pages' || type === 'page') return known('wp/v2/pages', 'page');
    const types = await this.rest.json(restUrl(root, 'wp/v2/types'));
    for (const [slug, info] of Object.entries((types ?? {}) as Record<string, { rest_base?: string; rest_namespace?: string }>)) {
      if (slug === type || info.rest_base === type) return known(`${info.rest_namespace ?? 'wp/v2'}/${info.rest_base ?? slug}`, slug);
    }
    const have = Object.keys((types ?? {}) as object).join(', ');
    throw new WpExtractError('E_USAGE', `--type: the site has no post type "${type}" (it has: ${have})`, { input: this.rest.input });
  }

  private async termIds(root: string, taxonomy: string, slugs: string[]): Promise<string> {
    const terms = (await this.rest.json(restUrl(root, `wp/v2/${taxonomy}`, { slug: slugs.join(','), per_page: '100' }))) as Array<{ id: number; slug: string }>;
    const missing = slugs.filter((slug) => !terms.some((t) => t.slug === slug));
    if (missing.length > 0) {
      const noun = taxonomy === 'categories' ? 'category' : 'tag';
      throw new WpExtractError('E_USAGE', `--${noun}: no such ${noun}: ${missing.join(', ')}`, { input: this.rest.input });
    }
    return terms.map((t) => t.id).join(',');
  }
}
