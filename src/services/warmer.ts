// Background renders for creatives a bid could not wait for: one at a time, yielding between
// renders, bounded queue (the oldest wait is dropped, never the request path). The render cache
// then answers the next bid for the same creative inline.
import type { Logger } from './deps.ts';

/**
 * What a cold HTML render has been costing (ms), as the background warmer measures it: an average
 * that jumps up at once and comes down slowly. (Bids no longer render cold units inline at all.)
 */
export class RenderCost {
  constructor(private ms = 40) {}
  get estimate(): number {
    return this.ms;
  }
  record(ms: number): void {
    this.ms = ms > this.ms ? ms : this.ms * 0.9 + ms * 0.1;
  }
}

export class RenderWarmer {
  private queue: Array<{ key: string; run: () => Promise<unknown> }> = [];
  private queued = new Set<string>();
  private running = false;
  /** Auctions being answered: a background render (CPU on this thread) waits for them to finish. */
  inflight = 0;
  done = 0;

  constructor(
    private readonly log: Logger,
    private readonly maxQueued = 256,
  ) {}

  /** Queues a render under its content key; the same key twice is one render. */
  schedule(key: string, run: () => Promise<unknown>): void {
    if (this.queued.has(key)) return;
    if (this.queue.length >= this.maxQueued) this.queued.delete(this.queue.shift()!.key);
    this.queue.push({ key, run });
    this.queued.add(key);
    if (!this.running) {
      this.running = true;
      setTimeout(() => void this.drain(), 0);
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      // Never start a render while an auction is racing its deadline (waiting at most 1 s, so a busy server still warms).
      for (let waited = 0; this.inflight > 0 && waited < 1000; waited += 2) await new Promise((r) => setTimeout(r, 2));
      const job = this.queue.shift()!;
      try {
        await job.run();
        this.done++;
      } catch (err) {
        this.log.warn('background render failed', { err: String(err) });
      } finally {
        this.queued.delete(job.key);
      }
      // Let waiting requests run between renders.
      await new Promise((r) => setTimeout(r, 0));
    }
    this.running = false;
  }
}
