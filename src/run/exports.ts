import { wxrMenus } from '../parse/menus.js';
import { attachmentOf, NOT_POSTS, type Attachments } from '../parse/wxr.js';
import type { Attachment } from '../post.js';
import { openBytes, type Source, type StreamItem } from '../read/index.js';
import { wxrItems, type WxrItem, type WxrSite } from '../read/wxr.js';
import type { Bytes, InputContext } from './inputs.js';

/** What the export reader hands on for one item: the item, and what it needs from the rest of the file. */
export interface WxrValue {
  item: WxrItem;
  site: WxrSite;
  attachments: Attachments;
  protectedContent: boolean;
}

/** The first reading wants the attachments: the posts' content, the bulk of the file, is not kept. */
const FIRST_READING_SKIPS: ReadonlySet<string> = new Set(['content:encoded']);

/**
 * The posts of an export, read twice: first for its attachments (a post's featured image and
 * gallery may come after it in the file), then item by item. A file is opened again; stdin is
 * kept in a temporary file during the first reading. Attachments, menu items and other items
 * that are not posts are passed over, and so are posts of other types and statuses than asked.
 */
export async function* wxrValues(source: Source, bytes: Bytes, context: InputContext): AsyncGenerator<StreamItem> {
  const spool = source.kind === 'stdin' ? await import('./spool.js').then(({ Spool }) => Spool.create()) : null;
  try {
    const attachments = new Map<number, Attachment>();
    // The menus' items, and every item's permalink and title (what a menu item leads to).
    const menuItems: WxrItem[] = [];
    const links = new Map<number, { link: string; title: string }>();
    let channel: WxrSite | undefined;
    try {
      for await (const item of wxrItems(spool ? spool.keep(bytes.chunks) : bytes.chunks, source.name, { skip: FIRST_READING_SKIPS, site: (found) => (channel = found) })) {
        const type = item.fields['wp:post_type'];
        const attachment = type === 'attachment' ? attachmentOf(item) : null;
        if (attachment) attachments.set(attachment.id, attachment);
        if (type === 'nav_menu_item') menuItems.push(item);
        else if (item.fields.link && item.fields['wp:status'] === 'publish') links.set(Number(item.fields['wp:post_id']), { link: item.fields.link.trim(), title: item.fields.title ?? '' });
      }
    } catch {
      // A broken file: the second reading converts every whole item before the fault, then reports it.
    }
    if (channel) {
      const media = [...attachments.values()].map(({ id, link, url }) => ({ id, link, url }));
      context.site?.({ menus: wxrMenus(menuItems, links, channel), terms: [...channel.terms.values()], attachments: media });
    }
    const again = spool ? spool.read() : (await openBytes(source as Source & { kind: 'file' }, context.stdin)).chunks;
    const wanted = itemFilter(context.crawl ?? {});
    const protectedContent = context.crawl?.protectedContent === true;
    let index = 0;
    let site: WxrSite | undefined;
    for await (const item of wxrItems(again, source.name, { site: (channel) => (site = channel) })) {
      if (site && wanted(item)) yield { index: index++, value: { item, site, attachments, protectedContent } satisfies WxrValue };
    }
  } finally {
    await spool?.remove();
  }
}

/** Which items of an export a run wants: by type (`--type`, posts by default) and status (`--status`, publish by default). */
function itemFilter(crawl: NonNullable<InputContext['crawl']>): (item: WxrItem) => boolean {
  const type = crawl.type ?? 'posts';
  const types = type === 'all' ? null : new Set([{ posts: 'post', pages: 'page' }[type] ?? type]);
  const statuses = crawl.status?.includes('all') ? null : new Set(crawl.status?.length ? crawl.status : ['publish']);
  return (item) => {
    const itemType = item.fields['wp:post_type'] || 'post';
    if (NOT_POSTS.has(itemType) || (types && !types.has(itemType))) return false;
    const status = item.fields['wp:status'] || 'publish';
    return statuses ? statuses.has(status) : status !== 'auto-draft' && status !== 'trash' && status !== 'inherit';
  };
}
