/**
 * wp-extract as a library: the stages the CLI is built from.
 * read → parse → clean → convert → render.
 */
export { ErrorCodes, ExitCode, WpExtractError, type ErrorCode } from './errors.js';
export type { ExtractedPost, FeaturedImage, Post } from './post.js';
export {
  classifyInput,
  expandSources,
  jsonStream,
  HttpClient,
  HTTP_DEFAULTS,
  type CrawlOptions,
  type HttpOptions,
  type ReadContext,
  type Source,
  type StreamItem,
} from './read/index.js';
export { readUrl } from './read/url.js';
export { readInputs, type InputItem } from './run/inputs.js';
export { runPipeline, type RunIO } from './run/index.js';
export { EXTRACT_DEFAULTS, FOLDER_DEFAULTS, OUTPUT_DEFAULTS, planRun, type ExtractSettings, type FolderOptions as RunFolderOptions, type RunOptions, type RunPlan } from './plan.js';
export { checkFilters, isoDate, PostFilter, type Filters } from './read/filters.js';
export { TARGETS, TARGET_NAMES, type LinkMode, type Target, type TargetName } from './targets/index.js';
export { FolderWriter, type FolderOptions } from './write/folder.js';
export { PATH_FIELDS, postPath, safeSegment } from './write/names.js';
export { parseDocument, parseJson, parsePost, normalizeDate, type ParsedDocument, type ParsedItem } from './parse/index.js';
export {
  CLEANERS,
  cleanHtml,
  createCleaners,
  formatReport,
  type CleanOptions,
  type CleanReport,
  type CleanResult,
  type Cleaner,
  type CleanContext,
} from './clean/index.js';
export { createConverter, MARKDOWN_RULES, TURNDOWN_OPTIONS, type Converter, type MarkdownOptions, type MarkdownRule } from './convert/markdown.js';
export type { DomElement, DomNode } from './convert/dom.js';
export { htmlToText, excerptText, visibleWords } from './convert/text.js';
export {
  DEFAULT_FIELDS,
  FORMATS,
  FRONT_MATTER_FIELDS,
  FRONT_MATTER_STYLES,
  JSON_FIELDS,
  OUTPUT_FORMATS,
  frontMatterOf,
  jsonRecordOf,
  renderFrontMatter,
  renderMarkdown,
  renderPosts,
  type Format,
  type FrontMatterField,
  type FrontMatterStyle,
  type OutputFormat,
  type RenderOptions,
} from './render/index.js';
export { createExtractor, type ExtractOptions, type Extraction, type Extractor } from './extract.js';
export { main, parseCommandLine, type CliIO, type CliOptions } from './cli.js';
