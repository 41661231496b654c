import { restMenus, type Menu, type SiteAttachment, type SiteData } from '../../parse/menus.js';
import type { SiteTerm } from '../wxr.js';
import { withQuery, type RestClient } from './client.js';
import { Pages } from './pages.js';
import { siblingRoute } from './routes.js';

/**
 * What a site's REST API says of the site besides its posts, for a generator's folder: its
 * menus (where it shows them), every term of its taxonomies, and (for the redirects to saved
 * files) its media. Each part that the site does not show is left out, without an error.
 */
export class SiteDataReader {
  constructor(private readonly rest: RestClient) {}

  /** The site's data, `collection` being its posts' collection (the other routes are its siblings). */
  async read(collection: string, media: boolean): Promise<SiteData> {
    const [menus, terms, attachments] = await Promise.all([this.menus(collection), this.terms(collection), media ? this.attachments(collection) : null]);
    return { ...(menus ? { menus } : {}), ...(terms ? { terms } : {}), ...(attachments ? { attachments } : {}) };
  }

  /**
   * The site's navigation menus (`/wp/v2/menus` and every page of `/wp/v2/menu-items`), or null
   * where the site does not show them: WordPress shows them only to an account that may edit the
   * theme (`--auth`), and older sites have no such routes.
   */
  private async menus(collection: string): Promise<Menu[] | null> {
    try {
      const menus = await this.rest.json(withQuery(siblingRoute(collection, 'wp/v2/menus'), { per_page: '100' }));
      if (!Array.isArray(menus) || menus.length === 0) return null;
      const items: unknown[] = [];
      for await (const page of new Pages(this.rest, siblingRoute(collection, 'wp/v2/menu-items'), {}, Number.POSITIVE_INFINITY, 'menu items')) items.push(...page);
      return restMenus(menus, items);
    } catch {
      return null;
    }
  }

  /**
   * The site's terms, every public taxonomy's but menus' (`/wp/v2/taxonomies`, then each
   * taxonomy's collection, 100 a page): slug, name, parent's slug, description. Null where the
   * site does not list its taxonomies.
   */
  private async terms(collection: string): Promise<SiteTerm[] | null> {
    try {
      const taxonomies = await this.rest.json(siblingRoute(collection, 'wp/v2/taxonomies'));
      if (typeof taxonomies !== 'object' || taxonomies === null) return null;
      const out: SiteTerm[] = [];
      for (const [taxonomy, about] of Object.entries(taxonomies as Record<string, { rest_base?: unknown; rest_namespace?: unknown }>)) {
        if (taxonomy === 'nav_menu' || typeof about.rest_base !== 'string') continue;
        const route = `${typeof about.rest_namespace === 'string' ? about.rest_namespace : 'wp/v2'}/${about.rest_base}`;
        const terms: Array<{ id?: unknown; slug?: unknown; name?: unknown; parent?: unknown; description?: unknown }> = [];
        for await (const page of new Pages(this.rest, siblingRoute(collection, route), { _fields: 'id,slug,name,parent,description' }, Number.POSITIVE_INFINITY, 'terms')) terms.push(...(page as typeof terms));
        const slugs = new Map(terms.map((term) => [term.id, term.slug]));
        for (const term of terms) {
          if (typeof term.slug !== 'string' || term.slug === '') continue;
          const parent = slugs.get(term.parent);
          const description = typeof term.description === 'string' ? term.description.trim() : '';
          out.push({ taxonomy, slug: decodeURIComponent(term.slug), name: typeof term.name === 'string' ? term.name : term.slug, ...(typeof parent === 'string' ? { parent } : {}), ...(description ? { description } : {}) });
        }
      }
      return out;
    } catch {
      return null;
    }
  }

  /** The site's media, each item's page and file (100 a request); null where the site does not list them. */
  private async attachments(collection: string): Promise<SiteAttachment[] | null> {
    try {
      const out: SiteAttachment[] = [];
      for await (const page of new Pages(this.rest, siblingRoute(collection, 'wp/v2/media'), { _fields: 'id,link,source_url' }, Number.POSITIVE_INFINITY, 'media')) {
        for (const item of page as Array<{ id?: unknown; link?: unknown; source_url?: unknown }>) {
          if (typeof item.id === 'number' && typeof item.source_url === 'string') out.push({ id: item.id, link: typeof item.link === 'string' ? item.link : '', url: item.source_url });
        }
      }
      return out;
    } catch {
      return null;
    }
  }
}
