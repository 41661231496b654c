import { isDraft } from '../render/fields.js';
import { isQueryPermalink, type Format, type Joiner } from '../render/index.js';
import type { ExtractedPost } from '../post.js';
import type { FolderWriter, WriteOutcome } from '../write/folder.js';
import { writeText, type TextSink } from '../write/output.js';
import type { RunReport } from './report.js';
import type { Outcome } from './threads.js';
import type { StateKeeper } from '../mirror/keeper.js';

/** Where the outcomes of a run go, one by one in input order; each reports its own in that order. */
export interface Sink {
  put(outcome: Outcome): Promise<void>;
  /** After the last outcome: `list` says whether any input held a list (JSON prints `[]` for an empty one). */
  finish(list: boolean): Promise<void>;
}

/** Reports what an outcome says before it is printed or written: its cleaners' warnings, its error, its note. */
function reportOutcome(outcome: Outcome, report: RunReport): boolean {
  if (outcome.note !== undefined) report.say(`${outcome.input}: ${outcome.note}`);
  else if (outcome.converted) {
    report.cleaned(outcome.input, outcome.converted.reports);
    report.converted(outcome.input, outcome.converted.post, outcome.converted.reports);
  }
  else report.fail(outcome.error, outcome.input);
  return outcome.converted !== undefined;
}

/** Standard output: each post printed as soon as it is ready, in the output format. */
export class StdoutSink implements Sink {
  private join: Joiner | null = null;
  private count = 0;

  constructor(
    private readonly stdout: TextSink,
    private readonly format: Format,
    private readonly report: RunReport,
  ) {}

  async put(outcome: Outcome): Promise<void> {
    if (!reportOutcome(outcome, this.report)) return;
    const text = outcome.converted?.text ?? '';
    if (text === '' && !this.format.records) return;
    this.join ??= this.format.join(outcome.list);
    await writeText(this.stdout, this.join.before(this.count === 0) + this.join.after(text));
    this.count++;
  }

  async finish(list: boolean): Promise<void> {
    if (!this.join && !list) return;
    this.join ??= this.format.join(list);
    await writeText(this.stdout, this.join.close(this.count));
  }
}

/** Files being written at once, while the next posts convert. */
const WRITE_WINDOW = 16;

/**
 * A folder of files: each post claims its file name in input order and is written while the
 * next posts convert; what became of it is reported in input order too, so names given to
 * colliding posts, messages and the summary are the same from run to run.
 */
export class FolderSink implements Sink {
  private readonly writing: Array<{ outcome: Outcome; written: Promise<WriteOutcome> | null; post: ExtractedPost | null }> = [];

  constructor(
    private readonly writer: FolderWriter,
    private readonly report: RunReport,
    private readonly keeper: StateKeeper,
    /** Whether posts are served at their old addresses (a generator's preset): a query permalink is then told once. */
    private readonly permalinks = false,
  ) {}

  async put(outcome: Outcome): Promise<void> {
    let written: Promise<WriteOutcome> | null = null;
    let post: ExtractedPost | null = null;
    if (outcome.converted) {
      // A post the folder served elsewhere before is rendered again, with its old addresses.
      post = this.keeper.withFormerAddresses(outcome.converted.post);
      written = post === outcome.converted.post ? this.writer.write(post, outcome.converted.text ?? undefined, outcome.converted.links) : this.writer.write(post);
      written.catch(() => undefined); // reported in order by settle
    }
    this.writing.push({ outcome, written, post });
    if (this.writing.length >= WRITE_WINDOW) await this.settle();
  }

  async finish(): Promise<void> {
    while (this.writing.length > 0) await this.settle();
  }

  /** Reports the oldest post under way: what its cleaners did, then its file (or its error). */
  private async settle(): Promise<void> {
    const next = this.writing.shift();
    if (!next) return;
    if (reportOutcome(next.outcome, this.report) && next.written && next.post) {
      try {
        const written = await next.written;
        const { status, path, warnings, duplicateOf } = written;
        this.report.counts[status]++;
        for (const warning of warnings) this.report.say(`${path}: warning: ${warning}`);
        if (duplicateOf !== undefined) this.report.say(`${next.outcome.input}: duplicate of post ${duplicateOf}, already in ${path}: not written again`);
        const post = next.post;
        // A draft's link is always a query (it has no permalink yet): not the site's kind of permalink.
        if (this.permalinks && isQueryPermalink(post.link) && !isDraft(post)) {
          this.report.once('warning: the site has plain permalinks (?p=123), which a static site cannot serve: posts are served at /SLUG/ instead');
        }
        const { change, moved } = this.keeper.record(post, written);
        if (change) this.report.counts[change]++;
        this.report.detail(`${path}: ${change ?? status}`);
        if (moved !== null) {
          await this.writer.remove(moved);
          this.report.detail(`${moved}: removed (the post is now ${path})`);
        }
      } catch (error) {
        this.report.fail(error, next.outcome.input);
      }
    }
    if (next.outcome.note === undefined) this.report.tick();
  }
}
