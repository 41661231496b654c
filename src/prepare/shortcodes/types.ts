import type { Post } from '../../post.js';

/** One shortcode as written: its tag, attributes, positional attributes and content. */
export interface ShortcodeMatch {
  name: string;
  attrs: Record<string, string | undefined>;
  /** Positional attributes (`[embed https://…]`, `[youtube=URL]` gives `=URL`). */
  numeric: string[];
  /** The text between the opening and the closing tag, as written; undefined for one without. */
  content: string | undefined;
}

/** What expanding a post's shortcodes notes for the run's report: counts by what happened. */
export type ShortcodeNotes = Map<string, number>;

/** What a handler is given besides the shortcode. */
export interface ShortcodeContext {
  post: Post;
  /** Expands the shortcodes of a handler's content (layout shortcodes hold content that has its own). */
  expand(text: string): string;
  /** Counts something the run should report (a form removed, a gallery whose images are missing). */
  note(what: string): void;
}

/**
 * A family of shortcodes and what they become, as a plugin (or WordPress itself) rendered
 * them: one file per family, listed in order in index.ts. `expand` returns HTML, or null to
 * leave the shortcode as it was written.
 */
export interface ShortcodeHandler {
  name: string;
  description: string;
  /** Whether it handles a tag (as written: compare case-insensitively where WordPress would). */
  matches(tag: string): boolean;
  /**
   * Expanded before wptexturize and wpautop (as SyntaxHighlighter and Jetpack's LaTeX run at
   * priority 7 and 9 of the_content), so that code and TeX are never given curly quotes or
   * paragraphs; the others after them, as do_shortcode runs at priority 11.
   */
  early?: boolean;
  expand(code: ShortcodeMatch, context: ShortcodeContext): string | null;
}
