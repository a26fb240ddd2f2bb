/**
 * Progress for long work: done/total, current request rate, errors so far and
 * an ETA. A listr2 view on a terminal; plain lines (every 5% or 10 s) when
 * output goes to a file or CI.
 */
import { Listr } from 'listr2';
import type { EtlEvent, EventSink } from '../events.js';
import type { CliIO } from './io.js';

const WINDOW_MS = 60_000;

/** Turns events into the numbers a person wants to see. Pure apart from the clock. */
export class ProgressTracker {
  done = 0;
  total = 0;
  errors = 0;
  rateLimited = 0;
  private requests: number[] = [];
  private finishes: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  onEvent(e: EtlEvent): void {
    const t = this.now();
    if (e.type === 'request') this.requests.push(t);
    else if (e.type === 'rate-limited') this.rateLimited++;
    else if (e.type === 'apply-start') this.total = e.total;
    else if (e.type === 'op-finished') {
      this.done = e.done;
      this.total = e.total;
      this.finishes.push(t);
      if (e.outcome === 'failed') this.errors++;
    } else if (e.type === 'progress') {
      this.done = e.done;
      if (e.total !== undefined) this.total = e.total;
      this.finishes.push(t);
    }
    const cutoff = t - WINDOW_MS;
    while (this.requests.length && this.requests[0]! < cutoff) this.requests.shift();
    while (this.finishes.length && this.finishes[0]! < cutoff) this.finishes.shift();
  }

  /**
   * Requests per minute over the last minute, counted as intervals: n requests
   * evenly spaced at the limit span n - 1 gaps, so counting n over that span
   * showed more than the limit on short runs (e.g. 219/min at 180). Time since
   * the last request counts too, so the figure falls while nothing is sent.
   */
  rate(): number {
    const n = this.requests.length;
    if (n < 2) return 0;
    const span = this.now() - this.requests[0]!;
    return span > 0 ? Math.floor(((n - 1) * 60_000) / span) : 0;
  }

  etaSeconds(): number | undefined {
    const remaining = this.total - this.done;
    if (remaining <= 0) return 0;
    if (this.finishes.length < 2) return undefined;
    const span = this.finishes[this.finishes.length - 1]! - this.finishes[0]!;
    const perItem = span / (this.finishes.length - 1);
    return Math.ceil((remaining * perItem) / 1000);
  }

  line(): string {
    const eta = this.etaSeconds();
    const parts = [`${this.done}/${this.total}`, `${this.rate()} req/min`, `${this.errors} error${this.errors === 1 ? '' : 's'}`];
    if (this.rateLimited) parts.push(`${this.rateLimited} rate-limit pause${this.rateLimited === 1 ? '' : 's'}`);
    parts.push(eta === undefined ? 'ETA …' : `ETA ${formatDuration(eta)}`);
    return parts.join(' · ');
  }
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Runs `work` with a progress view; `work` gets the sink to pass to the core. */
export async function withProgress<T>(io: CliIO, title: string, work: (sink: EventSink) => Promise<T>, extra?: EventSink): Promise<T> {
  const tracker = new ProgressTracker();
  const sink: EventSink = (e) => {
    tracker.onEvent(e);
    extra?.(e);
  };
  if (!io.isTTY) {
    let lastLine = 0;
    let lastPct = -1;
    const plain: EventSink = (e) => {
      sink(e);
      if (e.type === 'op-finished' && e.outcome === 'failed') io.err(`  failed: ${e.label}: ${e.message ?? ''}`);
      if (e.type === 'rate-limited') io.err(`  rate limited: pausing ${Math.ceil(e.waitMs / 1000)}s`);
      if (e.type !== 'op-finished' && e.type !== 'progress') return;
      const pct = tracker.total ? Math.floor((tracker.done * 20) / tracker.total) : 0;
      const t = Date.now();
      if (pct !== lastPct || t - lastLine > 10_000 || tracker.done === tracker.total) {
        lastPct = pct;
        lastLine = t;
        io.err(`${title}: ${tracker.line()}`);
      }
    };
    return work(plain);
  }
  let result: T | undefined;
  const list = new Listr(
    [
      {
        title,
        task: async (_ctx, task) => {
          const timer = setInterval(() => {
            task.title = `${title}: ${tracker.line()}`;
          }, 500);
          try {
            result = await work(sink);
            task.title = `${title}: ${tracker.line()}`;
          } finally {
            clearInterval(timer);
          }
        },
      },
    ],
    { registerSignalListeners: false, exitOnError: true },
  );
  await list.run();
  return result as T;
}
