import { WpExtractError } from '../../errors.js';
import type { RestClient } from './client.js';
import { Pages } from './pages.js';
import { siblingRoute } from './routes.js';

/** A site's approved comments, by the posts they belong to, every page of them. */
export class Comments {
  constructor(private readonly rest: RestClient) {}

  /** Every approved comment of a site, by post id (for `--update --comments`). */
  allComments(collection: string): Promise<Map<number, unknown[]>> {
    return this.commentsByPost(siblingRoute(collection, 'wp/v2/comments'), {});
  }

  /** Every page of a comments listing, the comments by the post they belong to. */
  private async commentsByPost(route: string, query: Record<string, string>): Promise<Map<number, unknown[]>> {
    const byPost = new Map<number, unknown[]>();
    for await (const comments of new Pages(this.rest, route, query, Number.POSITIVE_INFINITY, 'comments')) {
      for (const comment of comments as Array<{ post?: unknown }>) {
        if (typeof comment?.post !== 'number') continue;
        const list = byPost.get(comment.post);
        if (list) list.push(comment);
        else byPost.set(comment.post, [comment]);
      }
    }
    return byPost;
  }

  /**
   * The posts with every approved comment of theirs as `_embedded.replies` (where `_embed` puts
   * the first ten): one listing for the whole page of posts, every page of it. Password-protected
   * posts are left out of the request (WordPress refuses it whole for them). A failure leaves the
   * posts as they are and is returned, to be reported after them.
   */
  async withComments(commentsRoute: string, posts: unknown[]): Promise<{ values: unknown[]; error: WpExtractError | null }> {
    const open = posts.flatMap((post) => {
      const p = post as { id?: unknown; content?: { protected?: unknown } };
      return typeof p?.id === 'number' && p.content?.protected !== true ? [p.id] : [];
    });
    if (open.length === 0) return { values: posts, error: null };
    let byPost: Map<number, unknown[]>;
    try {
      byPost = await this.commentsByPost(commentsRoute, { post: open.join(',') });
    } catch (error) {
      const reason = error instanceof WpExtractError ? error.message : String(error);
      return { values: posts, error: new WpExtractError('E_REMOTE', `comments of posts ${open.join(', ')} not read: ${reason}`, { input: this.rest.input, cause: error }) };
    }
    const asked = new Set(open);
    const values = posts.map((post) => {
      const id = (post as { id?: unknown })?.id;
      return typeof id === 'number' && asked.has(id) ? withReplies(post as Record<string, unknown>, byPost.get(id) ?? []) : post;
    });
    return { values, error: null };
  }
}

/** A post with its comments where `_embed` puts them. */
export function withReplies(post: Record<string, unknown>, comments: unknown[]): Record<string, unknown> {
  const embedded = typeof post._embedded === 'object' && post._embedded !== null ? post._embedded : {};
  return { ...post, _embedded: { ...embedded, replies: [comments] } };
}
