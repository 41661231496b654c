import type { CleanReport } from '../clean/index.js';
import { createExtractor, type ExtractOptions, type Extractor } from '../extract.js';
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

/** Clean → convert (→ render) for one job: the pure core, on whichever thread runs it. */
export function createJobConverter(settings: ConvertSettings, extractor: Extractor = createExtractor(settings.extract)): (job: Job) => Converted {
  return (job) => {
    const { post, reports } = extractor.extract(job.post);
    if (!settings.render) return { post, reports };
    return { post, reports, text: renderMarkdown(post, settings.render.frontMatter, settings.render.scheme) };
  };
}
