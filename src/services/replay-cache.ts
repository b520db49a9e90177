// Whole responses for fully specified requests: with `seed` and `at` given, a decision (and so
// its creative and signed links) is fixed by the parameters and the data. Replay URLs (the JSON
// view's format URLs, Native image URLs, the VAST overlay PNG) are fetched this way, often
// repeatedly. Entries are keyed by the data version and live no longer than the config TTL,
// so a stock or promo write is seen by the very next request.
export interface ReplayEntry {
  body: Uint8Array;
  status: number;
  headers: Record<string, string>;
  at: number;
}

export class ReplayCache {
  private entries = new Map<string, ReplayEntry>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly ttlMs = 30_000,
  ) {}

  get(key: string, now: number): ReplayEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs) {
      this.drop(key, e);
      return undefined;
    }
    // Refresh recency: Map order is insertion order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  put(key: string, e: ReplayEntry): void {
    if (e.body.byteLength > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, e);
    this.bytes += e.body.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, v);
    }
  }

  private drop(key: string, e: ReplayEntry): void {
    this.entries.delete(key);
    this.bytes -= e.body.byteLength;
  }
}
