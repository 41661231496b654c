import type { FolderSettings, RunPlan } from '../plan.js';
import { parsePostKey } from '../post.js';
import type { HttpClient } from '../read/http.js';
import type { CrawlOptions } from '../read/url.js';
import { FolderWriter } from '../write/folder.js';
import { SiteLinks } from './links.js';
import { lockFolder } from './lock.js';
import { FolderState, STATE_FILE } from './state.js';
import type { InputItem } from '../run/inputs.js';
import type { RunReport } from '../run/report.js';
import { FolderSink } from '../run/sinks.js';
import { StateKeeper } from './keeper.js';
import { writeSitePages } from './site-pages.js';
import type { SiteData } from '../parse/menus.js';
import type { Target } from '../targets/types.js';
import type { Dialect } from '../convert/markdown.js';

/**
 * A run's output folder: held under a lock for the run, its state read at the start and written
 * whole at the end, posts written through a {@link FolderSink}; with `update`, only what changed,
 * and at the end, what is gone upstream reported (or removed, with `prune`).
 */
export class Mirror {
  private constructor(
    private readonly settings: FolderSettings,
    private readonly target: Target,
    private readonly dialect: Dialect,
    readonly writer: FolderWriter,
    readonly keeper: StateKeeper,
    readonly sink: FolderSink,
    private readonly release: () => void,
    private readonly report: RunReport,
  ) {}

  /** Locks the folder and reads its state; a folder another run holds, or a damaged state, is an error. */
  static async open(settings: FolderSettings, plan: Pick<RunPlan, 'output' | 'target' | 'extract' | 'dialect'>, client: () => HttpClient, report: RunReport): Promise<Mirror> {
    const release = await lockFolder(settings.dir, (line) => report.say(line));
    try {
      const state = await FolderState.load(settings.dir);
      const served = plan.target.servesOldAddresses;
      const writer = new FolderWriter({ ...settings, frontMatter: plan.output.frontMatter, fields: plan.target.frontMatter }, client);
      writer.reserve([...state.entries].map(([key, entry]) => [entry.path, key]));
      const keeper = new StateKeeper(state, settings.dir, settings.update, plan.extract.comments, (count) => {
        report.counts.unchanged += count;
        for (let i = 0; i < count; i++) report.tick();
      }, served);
      if (settings.update && state.entries.size === 0) report.say(`${settings.dir}: no ${STATE_FILE} here yet: every post is new`);
      const sink = new FolderSink(writer, report, keeper, served);
      return new Mirror(settings, plan.target, plan.dialect, writer, keeper, sink, release, report);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** The crawl options, with what an update crawl needs of the state. */
  crawl(crawl: CrawlOptions): CrawlOptions {
    return this.settings.update ? { ...crawl, update: this.keeper.crawlUpdate() } : crawl;
  }

  /** The run's items, without the posts an update finds unchanged. */
  filter(items: AsyncIterable<InputItem>): AsyncIterable<InputItem> {
    return this.keeper.filter(items);
  }

  /** What the sources say of their site besides posts (menus, terms), for its data files. */
  private readonly site: Required<SiteData> = { menus: [], terms: [], attachments: [] };

  siteData(data: SiteData): void {
    this.site.menus.push(...(data.menus ?? []));
    this.site.terms.push(...(data.terms ?? []));
    this.site.attachments.push(...(data.attachments ?? []));
  }

  /** Stops writing (a signal): half-written files removed, the lock let go. */
  async abort(): Promise<void> {
    await this.writer.files.abort();
    this.release();
  }

  /** After the last post: the posts gone upstream reported (removed with `prune`), the state written, the lock let go. */
  async close(): Promise<void> {
    try {
      await this.sweep();
      if (this.settings.links === 'rewrite') await this.link();
      if (this.target.servesOldAddresses) await this.redirect();
      const target = await this.writer.files.resolveInside(STATE_FILE);
      await this.writer.files.write(target, this.keeper.state.text());
    } catch (error) {
      this.report.fail(error, this.settings.dir);
    } finally {
      this.release();
    }
  }

  /** Points the links between posts where the folder serves them, the archive being whole now. */
  private async link(): Promise<void> {
    const rewritten = await this.writer.rewriteLinks(SiteLinks.ofState(this.keeper.state.entries));
    this.report.detail(`links between posts pointed to the folder in ${rewritten} file${rewritten === 1 ? '' : 's'}`);
  }

  /** The generator's site pages: archives, redirect pages, `_redirects` and `redirects.csv` (see site-pages.ts). */
  private async redirect(): Promise<void> {
    const { archives, redirects } = await writeSitePages(this.target, this.keeper.state, this.writer.files, this.dialect, this.site);
    this.report.detail(`${archives} archive page${archives === 1 ? '' : 's'}, ${redirects} old address${redirects === 1 ? '' : 'es'} redirected (_redirects, redirects.csv)`);
  }

  private async sweep(): Promise<void> {
    for (const [key, entry] of this.keeper.gone()) {
      const { id } = parsePostKey(key);
      this.report.counts.gone++;
      if (!this.settings.prune) {
        this.report.say(`${entry.path}: gone upstream (post ${id} is no longer listed); --prune removes it`);
        continue;
      }
      const images = this.keeper.forget(key);
      await this.writer.remove(entry.path);
      for (const image of images) await this.writer.remove(image);
      this.report.say(`${entry.path}: removed, gone upstream (post ${id})${images.length > 0 ? `, with ${images.length} image${images.length === 1 ? '' : 's'}` : ''}`);
    }
  }
}
