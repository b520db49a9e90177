// Batched event writes: the request path enqueues, one transaction per batch writes.
// A failed flush keeps the batch for the next attempt, so a burst or a hiccup loses nothing.
import type { EventRecord, Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

export class EventBuffer {
  private pending: EventRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly opts = { maxBatch: 500, delayMs: 100 },
  ) {}

  push(e: EventRecord): void {
    this.pending.push(e);
    if (this.pending.length >= this.opts.maxBatch) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.opts.delayMs);
  }

  get size(): number {
    return this.pending.length;
  }

  /** Impressions of this user on this UTC day not yet written, per campaign: caps see a burst before it is flushed. */
  pendingImpressions(userHash: string, day: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.pending) if (e.type === 'impression' && e.userHash === userHash && e.at.startsWith(day)) out[e.campaignId] = (out[e.campaignId] ?? 0) + 1;
    return out;
  }

  /** Drops the user link of pending events (erasure). */
  unlink(userHash: string): void {
    this.pending = this.pending.map((e) => (e.userHash === userHash ? { ...e, userHash: null, segments: null } : e));
  }

  /** Writes everything pending; resolves when it is stored. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.store
      .recordEvents(batch)
      .catch((err: unknown) => {
        this.pending = batch.concat(this.pending);
        this.log.error('event flush failed; will retry', { count: batch.length, err: String(err) });
        if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.opts.delayMs * 10);
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }
}
