import { basename, dirname, resolve } from 'node:path';
import type { CleanReport } from '../clean/index.js';
import type { ExtractedPost } from '../post.js';
import { FileWriter } from '../write/files.js';

/** One post's entry: what of it did not come across, by label (`kind: detail`) and count. */
interface LossEntry {
  input: string;
  id: number | null;
  link: string | null;
  title: string;
  losses: Record<string, number>;
}

/**
 * The loss report of a run (`--report FILE`): per post, what did not come across as the site
 * showed it (shortcodes left as text, forms removed, galleries left out, embeds reduced to
 * links, dynamic blocks that printed nothing, images on other hosts, content left empty, a page
 * builder's data not converted), and the totals, as JSON a migration can act on.
 */
export class LossReport {
  private readonly entries: LossEntry[] = [];
  private readonly totals = new Map<string, { posts: number; count: number }>();

  constructor(readonly file: string) {}

  add(input: string, post: Pick<ExtractedPost, 'id' | 'link' | 'title'>, reports: readonly CleanReport[]): void {
    const losses: Record<string, number> = {};
    for (const report of reports) for (const [label, n] of report.tally ?? []) losses[label] = (losses[label] ?? 0) + n;
    const labels = Object.keys(losses).sort();
    if (labels.length === 0) return;
    for (const label of labels) {
      const seen = this.totals.get(label) ?? { posts: 0, count: 0 };
      this.totals.set(label, { posts: seen.posts + 1, count: seen.count + (losses[label] ?? 0) });
    }
    this.entries.push({ input, id: post.id, link: post.link, title: post.title, losses: Object.fromEntries(labels.map((l) => [l, losses[l] ?? 0])) });
  }

  /** Writes the report whole (a temporary file renamed into place). */
  async write(): Promise<void> {
    const totals = Object.fromEntries([...this.totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = `${JSON.stringify({ posts_with_losses: this.entries.length, totals, posts: this.entries }, null, 2)}\n`;
    const path = resolve(this.file);
    const files = new FileWriter(dirname(path));
    await files.write(await files.resolveInside(basename(path)), text);
  }
}
