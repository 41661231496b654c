import type { CleanReport } from '../clean/index.js';
import { createExtractor } from '../extract.js';
import type { ExtractSettings, OutputSettings } from '../options.js';
import type { ExtractedPost, Post } from '../post.js';
import { READS_HTML, renderOne } from '../render/index.js';

/** One parsed post to clean, convert and render. */
export interface Job {
  post: Post;
  /** The input's name, with `[index]` for an item of a list. */
  input: string;
}

/** A post made from a job: the extracted post, what the cleaners did, and its rendered text. */
export interface Converted {
  /** The post; without its HTML and Markdown when `text` holds what is printed of them. */
  post: ExtractedPost;
  reports: CleanReport[];
  /** The post rendered in the output format (no final newline), or null when it is rendered later (images to download first). */
  text: string | null;
}

/**
 * What a converter needs to know. Plain data by type (no function can be put here), so the
 * same settings can be sent to a worker thread.
 */
export interface ConvertSettings {
  extract: ExtractSettings;
  /** Render each post in this output; null to hand back the whole post, rendered later. */
  render: OutputSettings | null;
}

/**
 * Prepare → clean → convert (→ render) for one job: the pure core. The main thread and every
 * worker thread build it with this one call from the same settings, so a post comes out the
 * same whichever thread converts it. A rendered post comes back without its HTML and Markdown
 * (the text holds them), so that less crosses between threads.
 */
export function createJobConverter(settings: ConvertSettings): (job: Job) => Converted {
  // A post rendered here as Markdown is printed without its cleaned HTML: not serialised at all.
  const extractor = createExtractor({ ...settings.extract, html: settings.render === null || READS_HTML[settings.render.format] });
  return (job) => {
    const { post, reports } = extractor.extract(job.post);
    if (!settings.render) return { post, reports, text: null };
    const text = renderOne(post, settings.render);
    return { post: { ...post, contentHtml: '', excerptHtml: '', html: '', markdown: '' }, reports, text };
  };
}
