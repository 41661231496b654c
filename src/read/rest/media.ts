import type { RestClient } from './client.js';
import { siblingRoute } from './routes.js';

const PER_REQUEST = 100;

/**
 * The media items posts show, for `--image-size full`: the ids of their `wp-image-ID` images
 * and featured images, fetched 100 a request from the site's media collection (`id`,
 * `source_url` and `media_details`, where WordPress says the original upload of a `-scaled`
 * image), each once per run, and given to each post as `_embedded['wp:attachment']`, the shape
 * an export's attachments take too.
 */
export class MediaOriginals {
  private readonly media = new Map<number, Promise<unknown>>();

  constructor(private readonly rest: RestClient) {}

  /** The posts, each with the media it shows; a post whose media cannot be fetched is given as it is. */
  async withMedia(posts: readonly unknown[], collection: string): Promise<unknown[]> {
    const wanted = posts.map(shownIds);
    await this.fetch([...new Set(wanted.flat())].filter((id) => !this.media.has(id)), siblingRoute(collection, 'wp/v2/media'));
    return Promise.all(
      posts.map(async (post, i) => {
        const items = (await Promise.all((wanted[i] ?? []).map((id) => this.media.get(id)))).filter((item) => item !== undefined);
        if (items.length === 0 || typeof post !== 'object' || post === null) return post;
        const value = post as Record<string, unknown>;
        const embedded = typeof value._embedded === 'object' && value._embedded !== null ? value._embedded : {};
        return { ...value, _embedded: { ...embedded, 'wp:attachment': [items] } };
      }),
    );
  }

  private async fetch(ids: number[], route: string): Promise<void> {
    for (let at = 0; at < ids.length; at += PER_REQUEST) {
      const some = ids.slice(at, at + PER_REQUEST);
      const url = new URL(route);
      const set = (name: string, value: string): void => url.searchParams.set(name, value);
      set('include', some.join(','));
      set('per_page', String(some.length));
      set('_fields', 'id,source_url,media_details');
      const answer = this.rest.json(url.href).then(
        (list) => new Map((Array.isArray(list) ? list : []).map((item) => [(item as { id?: unknown })?.id, item])),
        () => new Map<unknown, unknown>(),
      );
      for (const id of some) this.media.set(id, answer.then((byId) => byId.get(id)));
    }
  }
}

/** The media ids a REST post shows: its content's `wp-image-ID` images and its featured image. */
function shownIds(post: unknown): number[] {
  if (typeof post !== 'object' || post === null) return [];
  const value = post as { content?: { rendered?: unknown }; featured_media?: unknown };
  const html = typeof value.content?.rendered === 'string' ? value.content.rendered : '';
  const ids = [...html.matchAll(/\bwp-image-(\d+)\b/g)].map((m) => Number(m[1]));
  if (typeof value.featured_media === 'number' && value.featured_media > 0) ids.push(value.featured_media);
  return [...new Set(ids)];
}
