import type { CleanReport } from '../clean/index.js';
import { createExtractor, type ExtractOptions } from '../extract.js';
import type { ExtractedPost, Post } from '../post.js';
import { renderMarkdown, type FrontMatterScheme, type FrontMatterStyle } from '../render/index.js';

/** One parsed post to clean, convert and render. */
export interface Job {
  post: Post;
  /** The input's name, with `[index]` for an item of a list. */
  input: string;
}

/** A post made from a job: the extracted post, what the cleaners did, and its Markdown file. */
export interface Converted {
  post: ExtractedPost;
  reports: CleanReport[];
  /** The whole Markdown file (front matter and body), when the converter renders it. */
  text?: string;
}

/** What a converter needs to know; plain data, so that it can be sent to a worker thread. */
export interface ConvertSettings {
  extract: ExtractOptions;
  /** Render the Markdown file too, in this front matter style and scheme. */
  render: { frontMatter: FrontMatterStyle; scheme: FrontMatterScheme } | null;
}

/**
 * Clean → convert (→ render) for one job: the pure core. The main thread and every worker
 * thread build it with this one call from the same settings, so a post comes out the same
 * whichever thread converts it. When the file is rendered here, the post comes back without
 * its HTML and Markdown (the file holds them), so that less crosses between threads.
 */
export function createJobConverter(settings: ConvertSettings): (job: Job) => Converted {
  const extractor = createExtractor(settings.extract);
  return (job) => {
    const { post, reports } = extractor.extract(job.post);
    if (!settings.render) return { post, reports };
    const text = renderMarkdown(post, settings.render.frontMatter, settings.render.scheme);
    return { post: { ...post, contentHtml: '', excerptHtml: '', html: '', markdown: '' }, reports, text };
  };
}
