// Event writes by group commit: a request's event joins the batch being gathered and the request
// waits until that batch's transaction committed, so an acknowledged event survives a SIGKILL.
// While one batch commits the next gathers, so throughput stays batched. A row the store refuses
// never blocks the others: the batch is split until the bad row stands alone, which is then
// dead-lettered with the reason (and counted). `mode: 'buffered'` is the old fire-and-forget
// path (acknowledged before written), kept only so the benchmark can compare the two.
import type { DeadLetter, EventRecord, Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';
import { EventMetrics } from './event-metrics.ts';
import { eventProblem } from './event-validation.ts';

/** What became of one event: stored, dead-lettered (stored with its reason), or failed (not stored: the store is down). */
export type EventOutcome = 'stored' | 'dead_lettered' | 'failed' | 'queued';

export interface EventBufferOptions {
  mode: 'commit' | 'buffered';
  maxBatch: number;
  /**
   * Group commit under continuous traffic (the last batch committed less than HOT_MS ago): a
   * batch of fewer than `minBatch` events waits up to this long for company before it commits.
   * After a quiet spell an event is written once the requests already read in this event-loop
   * turn have joined (setImmediate), so light traffic pays no wait. 0 = never wait.
   */
  lingerMs: number;
  /** Events a lingering batch waits for. */
  minBatch: number;
  /** Buffered mode: flush period. */
  delayMs: number;
  /** A click or scan token counts once per this window. */
  dedupeWindowMs: number;
}

export const DEFAULT_EVENT_OPTIONS: EventBufferOptions = { mode: 'commit', maxBatch: 500, lingerMs: 5, minBatch: 32, delayMs: 100, dedupeWindowMs: 30 * 86_400_000 };

/**
 * Traffic counts as continuous when the previous batch committed less than this long ago. A
 * commit's fixed cost (transaction, WAL write) is most of a small batch's: measured on Node
 * (bench/event-batch.ts) about 0.75 ms for 1 event, 0.8 ms for 4, 1.4 ms for 16.
 */
const HOT_MS = 20;

interface Item {
  e: EventRecord;
  done: (o: EventOutcome) => void;
}

const MAX_PAYLOAD = 4096;

function deadLetter(e: EventRecord, reason: string, at: number): DeadLetter {
  let payload: string;
  try {
    payload = JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  } catch {
    payload = '"(unserializable)"';
  }
  return { id: crypto.randomUUID(), at: new Date(at).toISOString(), reason: reason.slice(0, 500), payload: (payload ?? 'null').slice(0, MAX_PAYLOAD) };
}

export class EventBuffer {
  private queue: Item[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private soon: ReturnType<typeof setImmediate> | null = null;
  private running: Promise<void> | null = null;
  private readonly opts: EventBufferOptions;
  readonly metrics: EventMetrics;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    opts: Partial<EventBufferOptions> = {},
    private readonly clock: () => number = Date.now,
    metrics?: EventMetrics,
  ) {
    this.opts = { ...DEFAULT_EVENT_OPTIONS, ...opts };
    this.metrics = metrics ?? new EventMetrics();
  }

  get mode(): EventBufferOptions['mode'] {
    return this.opts.mode;
  }

  /**
   * Records one event. In commit mode the promise settles once its batch committed (or the event
   * was dead-lettered); `failed` means nothing was stored and the caller must not acknowledge.
   */
  record(e: EventRecord): Promise<EventOutcome> {
    this.metrics.accepted(e.type);
    if (this.opts.mode === 'buffered') {
      this.queue.push({ e, done: () => {} });
      if (this.queue.length >= this.opts.maxBatch) void this.drain();
      else if (!this.timer) this.timer = setTimeout(() => void this.drain(), this.opts.delayMs);
      return Promise.resolve('queued');
    }
    return new Promise<EventOutcome>((done) => {
      this.queue.push({ e, done });
      if (this.gathered && this.queue.length >= this.opts.minBatch) this.gathered();
      if (this.running) return; // the running batch's drain loop picks it up the moment it commits
      if (this.queue.length >= this.opts.maxBatch) void this.drain();
      else if (!this.timer && !this.soon) {
        if (typeof setImmediate === 'function') this.soon = setImmediate(() => void this.drain());
        else this.timer = setTimeout(() => void this.drain(), 0);
      }
    });
  }

  /** When the last batch committed (performance.now), for telling continuous traffic from a quiet spell. */
  private lastCommitAt = -Infinity;
  /** Wakes a lingering batch early once it has `minBatch` events. */
  private gathered: (() => void) | null = null;
  private flushing = false;

  /** Under continuous traffic, waits up to lingerMs for minBatch events; else returns at once. */
  private async gather(): Promise<void> {
    if (this.flushing || this.opts.lingerMs <= 0 || this.queue.length >= this.opts.minBatch) return;
    if (performance.now() - this.lastCommitAt > HOT_MS) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.gathered = null;
        resolve();
      }, this.opts.lingerMs);
      this.gathered = () => {
        clearTimeout(t);
        this.gathered = null;
        resolve();
      };
    });
  }

  /** Fire-and-forget (tests, internal callers that do not acknowledge anything). */
  push(e: EventRecord): void {
    void this.record(e);
  }

  get size(): number {
    return this.queue.length;
  }

  /** Events waiting or a batch being written (Workers keep the isolate alive until it is done). */
  get busy(): boolean {
    return this.queue.length > 0 || this.running !== null;
  }

  /** Impressions of this user on this UTC day not yet written, per campaign: caps see a burst before it is written. */
  pendingImpressions(userHash: string, day: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const { e } of this.queue) if (e.type === 'impression' && e.userHash === userHash && e.at.startsWith(day)) out.set(e.campaignId, (out.get(e.campaignId) ?? 0) + 1);
    return out;
  }

  /** Drops the user link of pending events (erasure). */
  unlink(userHash: string): void {
    for (const item of this.queue) if (item.e.userHash === userHash) item.e = { ...item.e, userHash: null, segments: null };
  }

  /** Writes everything pending; resolves when it is stored (or dead-lettered, or failed). */
  async flush(): Promise<void> {
    this.flushing = true;
    this.gathered?.();
    try {
      while (this.running) await this.running;
      if (this.queue.length > 0) await this.drain();
      while (this.running) await this.running;
    } finally {
      this.flushing = false;
    }
  }

  private drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.soon) {
      clearImmediate(this.soon);
      this.soon = null;
    }
    if (this.running) return this.running;
    const run = (async () => {
      try {
        while (this.queue.length > 0) {
          if (this.opts.mode === 'commit') await this.gather();
          await this.commit(this.queue.splice(0, this.opts.maxBatch));
          this.lastCommitAt = performance.now();
        }
      } finally {
        this.running = null;
      }
    })();
    this.running = run;
    return run;
  }

  /** One batch: validated rows in one transaction with the dead letters of invalid ones. */
  private async commit(items: Item[]): Promise<void> {
    const started = this.clock();
    const good: Item[] = [];
    const dead: DeadLetter[] = [];
    const deadItems: Item[] = [];
    for (const item of items) {
      const problem = eventProblem(item.e);
      if (problem) {
        dead.push(deadLetter(item.e, `invalid event: ${problem}`, started));
        deadItems.push(item);
        this.metrics.deadLettered('invalid');
      } else good.push(item);
    }
    await this.write(good, dead, deadItems);
    this.metrics.batch(items.length, (this.clock() - started) / 1000);
  }

  private async write(good: Item[], dead: DeadLetter[], deadItems: Item[]): Promise<void> {
    try {
      await this.store.recordEvents(good.map((i) => i.e), dead, { dedupeWindowMs: this.opts.dedupeWindowMs });
      for (const i of good) this.settle(i, 'stored');
      for (const i of deadItems) this.settle(i, 'dead_lettered');
      return;
    } catch (err) {
      if (!(await this.storeAnswers())) return this.fail([...good, ...deadItems], err);
      if (good.length > 0 && dead.length > 0) {
        await this.write([], dead, deadItems);
        return this.write(good, [], []);
      }
      if (good.length > 1) {
        // Somebody in here is refused: split until the bad row stands alone.
        const half = Math.ceil(good.length / 2);
        await this.write(good.slice(0, half), [], []);
        return this.write(good.slice(half), [], []);
      }
      if (good.length === 1) {
        const only = good[0]!;
        this.metrics.deadLettered('store_refused');
        this.log.warn('event refused by the store; dead-lettered', { type: String(only.e.type), err: String(err) });
        return this.write([], [deadLetter(only.e, `store refused the event: ${String(err)}`, this.clock())], [only]);
      }
      return this.fail(deadItems, err);
    }
  }

  private async storeAnswers(): Promise<boolean> {
    try {
      await this.store.ping();
      return true;
    } catch {
      return false;
    }
  }

  private fail(items: Item[], err: unknown): void {
    if (items.length === 0) return;
    this.log.error('event write failed: the store does not answer; not acknowledged', { count: items.length, err: String(err) });
    for (const i of items) {
      this.metrics.failed();
      this.settle(i, 'failed');
    }
  }

  private settle(i: Item, o: EventOutcome): void {
    if (o === 'stored') this.metrics.stored(i.e.type);
    i.done(o);
  }
}
