import type { CleanReport } from '../clean/index.js';
import { createExtractor } from '../extract.js';
import type { Dialect } from '../convert/markdown.js';
import type { ExtractSettings, OutputSettings } from '../plan.js';
import type { ExtractedPost, Post } from '../post.js';
import type { LinkSpan } from '../convert/links.js';
import { FORMATS, renderDocument, renderOne, type RenderSettings } from '../render/index.js';
import { TARGETS } from '../targets/index.js';

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
  /** For Markdown: where each address of the post stands in `text`. */
  links?: LinkSpan[];
}

/**
 * What a converter needs to know. Plain data by type (no function can be put here), so the
 * same settings can be sent to a worker thread.
 */
export interface ConvertSettings {
  extract: ExtractSettings;
  /** The Markdown written (the output format's). */
  dialect: Dialect;
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
  const extractor = createExtractor({ ...settings.extract, dialect: settings.dialect, html: settings.render === null || FORMATS[settings.render.format].printsHtml });
  const render = settings.render ? renderSettingsOf(settings.render) : null;
  return (job) => {
    const { post, reports } = extractor.extract(job.post);
    if (!render) return { post, reports, text: null };
    const { links: _written, ...rest } = post;
    const bare = { ...rest, contentHtml: '', excerptHtml: '', html: '', markdown: '' };
    if (FORMATS[render.format].extension === null || !post.links) return { post: bare, reports, text: renderOne(post, render) };
    const { text, links } = renderDocument(post, render.frontMatter, render.fields);
    return { post: bare, reports, text: text.replace(/\n$/, ''), links };
  };
}

/** The render stage's settings for a run's output: the target's front matter keys, by its name. */
export function renderSettingsOf(output: OutputSettings): RenderSettings {
  return { format: output.format, frontMatter: output.frontMatter, fields: TARGETS[output.target].frontMatter };
}
