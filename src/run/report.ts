import { formatReport, type CleanReport } from '../clean/index.js';
import { errorLine, ExitCode, stackOf, toWpExtractError } from '../errors.js';
import type { ExtractedPost } from '../post.js';
import { formatDuration, Progress } from '../write/progress.js';
import type { LossReport } from './losses.js';

/** Where a run's messages go. */
export interface ReportIO {
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  now?(): number;
}

/** Failed inputs named in the summary, at most. */
const FAILED_SHOWN = 20;

/**
 * What a run says and how it ends: every message line, the counts of the summary, the inputs
 * that failed and the exit status (the worst error met). Messages are one line each, on stderr.
 */
export class RunReport {
  status: ExitCode = ExitCode.Ok;
  readonly failed: string[] = [];
  readonly counts = { written: 0, skipped: 0, duplicate: 0, new: 0, changed: 0, unchanged: 0, gone: 0 };
  /** Password-protected posts met, told once at the end. */
  private protectedPosts = 0;
  private progress: Progress | null = null;
  private readonly now: () => number;
  private readonly started: number;

  constructor(
    private readonly io: ReportIO,
    private readonly verbose: boolean,
  ) {
    this.now = io.now ?? Date.now;
    this.started = this.now();
  }

  /** Shows a progress line (writing a folder, on a terminal). */
  showProgress(): void {
    this.progress = new Progress(this.io.stderr, this.now);
  }

  expect(total: number): void {
    this.progress?.expect(total);
  }

  tick(): void {
    this.progress?.tick();
  }

  say(line: string): void {
    this.progress?.clear();
    this.io.stderr.write(`wp-extract: ${line}\n`);
  }

  /** Reports an error as one line (its stack too with --verbose) and counts it. */
  fail(error: unknown, input: string): void {
    const e = toWpExtractError(error, 'E_INTERNAL', input);
    this.say(errorLine(e));
    if (this.verbose) this.io.stderr.write(`${stackOf(e)}\n`);
    if (e.exitCode > this.status) this.status = e.exitCode;
    this.failed.push(e.input ?? input);
  }

  /**
   * What the cleaners did to a post: their warnings, and with --verbose everything. What a
   * report tallies is told once at the end, over all posts (post by post with --verbose).
   */
  cleaned(input: string, reports: readonly CleanReport[]): void {
    for (const report of reports) {
      if (report.warning && (!report.tally || this.verbose)) this.say(`${input}: warning: ${report.warning}`);
      if (this.verbose) this.say(`${input}: ${formatReport(report)}`);
      for (const [label, n] of report.tally ?? []) {
        const seen = this.tallies.get(label) ?? { posts: 0, count: 0 };
        this.tallies.set(label, { posts: seen.posts + 1, count: seen.count + n });
      }
    }
  }

  /** What the posts' reports tallied, by label (`kind: detail`): in how many posts, how many times. */
  private readonly tallies = new Map<string, { posts: number; count: number }>();

  /** The run's loss report (`--report FILE`), when asked for. */
  losses: LossReport | null = null;

  /** A post converted: counted if it is password-protected, and its losses noted for the loss report. */
  converted(input: string, post: Pick<ExtractedPost, 'id' | 'link' | 'title' | 'passwordProtected'>, reports: readonly CleanReport[]): void {
    if (post.passwordProtected) this.protectedPosts++;
    this.losses?.add(input, post, reports);
  }

  /** The warnings a run gives once, at its end. */
  finish(): void {
    for (const line of tallyLines(this.tallies)) this.say(line);
    const n = this.protectedPosts;
    if (n > 0) {
      this.say(`warning: ${n} password-protected post${n === 1 ? '' : 's'}: flagged (password_protected, and a draft for a generator); its content is left out, but an export's with --protected`);
    }
  }

  private readonly told = new Set<string>();

  /** Says a line once per run, however many posts give cause. */
  once(line: string): void {
    if (this.told.has(line)) return;
    this.told.add(line);
    this.say(line);
  }

  detail(line: string): void {
    if (this.verbose) this.say(line);
  }

  /**
   * The last lines of a run that wrote a folder: the counts (with `update`, how many posts were
   * new, changed, unchanged and gone), the requests a site took, and which inputs failed.
   */
  summary(dir: string, quiet: boolean, update: boolean, requests: number): void {
    this.progress?.clear();
    if (!quiet) {
      const { written, skipped, duplicate } = this.counts;
      const seconds = (this.now() - this.started) / 1000;
      const duplicates = duplicate > 0 ? `, ${duplicate} duplicate${duplicate === 1 ? '' : 's'}` : '';
      const counts = update
        ? `${this.counts.new} new, ${this.counts.changed} changed, ${this.counts.unchanged} unchanged, ${this.counts.gone} gone`
        : `${written} written, ${skipped} skipped`;
      const asked = requests > 0 ? `, ${requests} request${requests === 1 ? '' : 's'}` : '';
      this.io.stderr.write(`wp-extract: ${counts}${duplicates}, ${this.failed.length} failed in ${formatDuration(seconds)}${asked} (${dir})\n`);
    }
    if (this.failed.length > 0) {
      const shown = this.failed.slice(0, FAILED_SHOWN).join(', ');
      const more = this.failed.length > FAILED_SHOWN ? `, and ${this.failed.length - FAILED_SHOWN} more` : '';
      this.io.stderr.write(`wp-extract: failed: ${shown}${more}\n`);
    }
  }
}

const posts = (n: number): string => `${n} post${n === 1 ? '' : 's'}`;

/** How the run tells each kind of tally, given its details (`[name]`) with their counts; null says nothing. */
const TALLY_LINES: Readonly<Record<string, (details: Array<[detail: string, seen: { posts: number; count: number }]>) => string | null>> = {
  'shortcodes left as text': (details) =>
    `warning: shortcodes left as text: ${details.map(([name, seen]) => `${name} in ${posts(seen.posts)}`).join(', ')} (--shortcodes strip removes them; --verbose names the posts)`,
  'form removed': (details) => `note: forms removed, as no static page can submit them: ${details.map(([name, seen]) => `${name} in ${posts(seen.posts)}`).join(', ')}`,
  'page builder data not converted': (details) =>
    `warning: ${posts(details.reduce((a, [, s]) => a + s.posts, 0))} keep their content in a page builder's data (${details.map(([name]) => name).join(', ')}), which is not converted: their Markdown is the builder's fallback`,
  'custom field not read': (details) =>
    `warning: custom fields left out, as their serialized PHP holds an object or a reference (never read) or is malformed: ${details.map(([name, seen]) => `${name} in ${posts(seen.posts)}`).join(', ')}`,
  'terms cut short': (details) =>
    `warning: ${posts(Math.max(...details.map(([, s]) => s.posts)))} name more terms than the input holds (${details.map(([name]) => name).join(', ')}: ?_embed brings 10 a taxonomy, and no class_list completes them); crawling the site brings them all`,
  'gallery left out': (details) => {
    const seen = details.reduce((a, [, s]) => ({ posts: a.posts + s.posts, count: a.count + s.count }), { posts: 0, count: 0 });
    return `warning: ${seen.count} ${seen.count === 1 ? 'gallery' : 'galleries'} left out (in ${posts(seen.posts)}): their images are not in the export; an export of all content (with its media), or the site's address, brings them`;
  },
};

/** The run's lines for what its posts tallied, one per kind, in a fixed order. */
function tallyLines(tallies: ReadonlyMap<string, { posts: number; count: number }>): string[] {
  const kinds = new Map<string, Array<[string, { posts: number; count: number }]>>();
  for (const [label, seen] of [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = label.indexOf(': ');
    const kind = at === -1 ? label : label.slice(0, at);
    const details = kinds.get(kind);
    if (details) details.push([label.slice(at + 2), seen]);
    else kinds.set(kind, [[label.slice(at + 2), seen]]);
  }
  return Object.keys(TALLY_LINES).flatMap((kind) => {
    const details = kinds.get(kind);
    const line = details ? TALLY_LINES[kind]?.(details) : null;
    return line ? [line] : [];
  });
}
