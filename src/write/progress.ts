/** A progress line on a terminal: done/total, rate and time left, redrawn at most 10 times a second. */
export class Progress {
  private done = 0;
  private last = 0;
  private shown = false;
  private readonly started: number;
  private total: number | null = null;

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Adds what a source says it holds (a site's `X-WP-Total`) to the posts to come. */
  expect(count: number): void {
    this.total = (this.total ?? this.done) + count;
  }

  tick(): void {
    this.done++;
    const t = this.now();
    if (t - this.last < 100) return;
    this.last = t;
    this.draw(t);
  }

  private draw(t: number): void {
    const seconds = Math.max(0.001, (t - this.started) / 1000);
    const rate = this.done / seconds;
    let text = `${this.done}${this.total !== null ? `/${this.total}` : ''} posts, ${rate.toFixed(1)}/s`;
    if (this.total !== null && rate > 0) text += `, ${formatDuration((this.total - this.done) / rate)} left`;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  /** Clears the line, so the summary or an error starts clean. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
