// The learning state the request path reads: every arm in memory, refreshed incrementally from the
// store at most every `refreshMs` (stale-while-revalidate; only the very first read waits). Event
// batches write the arms; this process and others see them within the refresh interval.
import type { ArmStats, PolicyStats } from '../domain/bandit.ts';
import type { ArmRow, Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

const key = (c: string, b: string, v: string) => `${c}\u0000${b}\u0000${v}`;

export class PolicyState implements PolicyStats {
  private arms = new Map<string, ArmRow>();
  private totals = new Map<string, ArmStats>();
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
  ) {}

  arm(campaignId: string, bucket: string, variantId: string): ArmStats | undefined {
    return this.arms.get(key(campaignId, bucket, variantId));
  }

  total(campaignId: string, variantId: string): ArmStats | undefined {
    return this.totals.get(key(campaignId, '*', variantId));
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
    // Rows updated in the same millisecond as `high` may have been missed last time: re-read it.
    const rows = await this.store.policyArms(this.high);
    for (const r of rows) {
      const k = key(r.campaignId, r.bucket, r.variantId);
      const old = this.arms.get(k);
      const tk = key(r.campaignId, '*', r.variantId);
      const t = this.totals.get(tk) ?? { impressions: 0, clicks: 0, conversions: 0 };
      t.impressions += r.impressions - (old?.impressions ?? 0);
      t.clicks += r.clicks - (old?.clicks ?? 0);
      t.conversions += r.conversions - (old?.conversions ?? 0);
      this.totals.set(tk, t);
      this.arms.set(k, r);
      if (r.updatedAt > this.high) this.high = r.updatedAt;
    }
    this.loaded = true;
  }

  /** Forces the next read to refresh (tests, and after this process wrote a batch). */
  expire(): void {
    this.checkedAt = -Infinity;
  }
}
