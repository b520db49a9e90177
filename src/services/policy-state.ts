// The learning state the request path reads: every arm in memory, refreshed incrementally from the
// store at most every `refreshMs` (stale-while-revalidate; only the very first read waits). Event
// batches write the arms; this process and others see them within the refresh interval.
import { ArmTable } from '../domain/arm-table.ts';
import type { PolicyStats } from '../domain/bandit.ts';
import type { Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

/** An ArmTable that follows the store: only the very first read waits; later ones refresh in the background. */
export class PolicyState extends ArmTable {
  /** Newest updatedAt seen: the next refresh reads only rows changed since. */
  private high = 0;
  private checkedAt = -Infinity;
  private loading: Promise<void> | null = null;
  private loaded = false;

  constructor(
    private readonly store: Store,
    private readonly refreshMs: number,
    private readonly clock: () => number,
    private readonly log: Logger,
    conversionWeight = 1,
  ) {
    super(conversionWeight);
  }

  /** The stats to decide with: current, with a refresh started in the background when due. */
  async ready(): Promise<PolicyStats> {
    const now = this.clock();
    if (now - this.checkedAt >= this.refreshMs && !this.loading) {
      this.checkedAt = now;
      this.loading = this.refresh()
        .catch((err: unknown) => this.log.warn('policy state refresh failed; deciding with the last state', { err: String(err) }))
        .finally(() => (this.loading = null));
    }
    if (!this.loaded && this.loading) await this.loading;
    return this;
  }

  /** Reads what changed since the last refresh (everything the first time). */
  async refresh(): Promise<void> {
    // Rows hold absolute totals, so an update missed here (written in the very millisecond of
    // `high` by another process) is corrected by the arm's next update.
    const rows = await this.store.policyArms(this.high + 1);
    for (const r of rows) {
      this.set(r.campaignId, r.bucket, r.variantId, r);
      if (r.updatedAt > this.high) this.high = r.updatedAt;
    }
    this.loaded = true;
  }

  /** A refresh under way, if any: on Workers the request that started it keeps it alive with waitUntil. */
  get refreshing(): Promise<void> | null {
    return this.loading;
  }

}
