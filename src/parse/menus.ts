import { htmlToInlineText } from '../html/index.js';
import type { SiteTerm, WxrItem, WxrSite } from '../read/wxr.js';
import { archiveBase } from './terms.js';

/**
 * A site's navigation menus, as its export (`nav_menu_item` items) or its REST API
 * (`/wp/v2/menus`, `/wp/v2/menu-items`, which need an account that may edit the theme) holds
 * them: each item with its title and the old address it leads to, nested under its parent.
 * Where the new site serves each address is the folder's decision (see mirror/site-pages.ts).
 */
export interface MenuItem {
  title: string;
  /** The old address (absolute); only http(s) addresses are kept. */
  url: string;
  children: MenuItem[];
}

export interface Menu {
  slug: string;
  name: string;
  items: MenuItem[];
}

/** A media item's page and file: `?attachment_id=ID` and its page lead to its file. */
export interface SiteAttachment {
  id: number;
  /** Its attachment page (absolute), or '' when unknown. */
  link: string;
  /** Its file (absolute). */
  url: string;
}

/** What a source says of its site besides its posts: its menus, its terms and its media. */
export interface SiteData {
  menus?: Menu[];
  terms?: SiteTerm[];
  attachments?: SiteAttachment[];
}

/** A menu item before nesting: its id, parent's id, place, menu and what it shows. */
interface FlatItem {
  id: number;
  parent: number;
  order: number;
  menu: string;
  title: string;
  url: string;
}

const isWebAddress = (url: string): boolean => /^https?:\/\//i.test(url);

/** Items nested under their parents, in menu order; an item whose parent is not in the menu stays at the top. */
function nest(items: readonly FlatItem[]): MenuItem[] {
  const byId = new Map(items.map((item) => [item.id, { item, node: { title: item.title, url: item.url, children: [] as MenuItem[] } }]));
  const top: MenuItem[] = [];
  for (const { item, node } of [...byId.values()].sort((a, b) => a.item.order - b.item.order || a.item.id - b.item.id)) {
    const parent = item.parent > 0 && item.parent !== item.id ? byId.get(item.parent) : undefined;
    (parent ? parent.node.children : top).push(node);
  }
  return top;
}

/** Menus from flat items and their names by slug. */
function menusOf(items: readonly FlatItem[], names: ReadonlyMap<string, string>): Menu[] {
  return [...names]
    .map(([slug, name]) => ({ slug, name, items: nest(items.filter((item) => item.menu === slug)) }))
    .filter((menu) => menu.items.length > 0)
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/**
 * An export's menus: each `nav_menu_item` item, in its `nav_menu` term, leading to a post or
 * page of the export (its permalink), a term's archive, or a custom address.
 */
export function wxrMenus(items: readonly WxrItem[], posts: ReadonlyMap<number, { link: string; title: string }>, site: WxrSite): Menu[] {
  const names = new Map<string, string>();
  const flat: FlatItem[] = [];
  const root = (site.url ?? '').replace(/\/+$/, '');
  for (const item of items) {
    const menu = item.terms.find((term) => term.domain === 'nav_menu');
    if (!menu) continue;
    names.set(menu.nicename, menu.name);
    const meta = (key: string): string => item.meta.get(key)?.[0] ?? '';
    const objectId = Number(meta('_menu_item_object_id'));
    const type = meta('_menu_item_type');
    const post = type === 'post_type' ? posts.get(objectId) : undefined;
    const term: SiteTerm | undefined = type === 'taxonomy' ? site.terms.get(objectId) : undefined;
    const url = type === 'custom' ? meta('_menu_item_url') : post ? post.link : term && root ? `${root}/${archiveBase(term.taxonomy)}/${term.slug}/` : '';
    const title = htmlToInlineText(item.fields.title ?? '').trim() || htmlToInlineText(post?.title ?? '').trim() || htmlToInlineText(term?.name ?? '').trim();
    if (!isWebAddress(url) || title === '') continue;
    flat.push({ id: Number(item.fields['wp:post_id']), parent: Number(meta('_menu_item_menu_item_parent')) || 0, order: Number(item.fields['wp:menu_order']) || 0, menu: menu.nicename, title, url });
  }
  return menusOf(flat, names);
}

/** A site's menus from its REST API: `/wp/v2/menus` and `/wp/v2/menu-items` as they answer. */
export function restMenus(menus: readonly unknown[], items: readonly unknown[]): Menu[] {
  const slugs = new Map<number, string>();
  const names = new Map<string, string>();
  for (const value of menus) {
    const menu = value as { id?: unknown; slug?: unknown; name?: unknown };
    if (typeof menu.id !== 'number' || typeof menu.slug !== 'string') continue;
    slugs.set(menu.id, menu.slug);
    names.set(menu.slug, typeof menu.name === 'string' ? htmlToInlineText(menu.name) : menu.slug);
  }
  const flat = items.flatMap((value): FlatItem[] => {
    const item = value as { id?: unknown; parent?: unknown; menu_order?: unknown; menus?: unknown; title?: { rendered?: unknown }; url?: unknown };
    const menu = typeof item.menus === 'number' ? slugs.get(item.menus) : undefined;
    const title = typeof item.title?.rendered === 'string' ? htmlToInlineText(item.title.rendered).trim() : '';
    const url = typeof item.url === 'string' ? item.url : '';
    if (typeof item.id !== 'number' || menu === undefined || title === '' || !isWebAddress(url)) return [];
    return [{ id: item.id, parent: typeof item.parent === 'number' ? item.parent : 0, order: typeof item.menu_order === 'number' ? item.menu_order : 0, menu, title, url }];
  });
  return menusOf(flat, names);
}
