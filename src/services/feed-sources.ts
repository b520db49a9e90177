// Feeds fetched from a merchant's URL on a schedule: only allow-listed hosts over HTTPS (port 443 or
// a configured one), a conditional GET (If-None-Match / If-Modified-Since: an unchanged feed is a
// 304 and costs nothing), a byte limit and a time limit, then the same streaming import as an
// upload. Node runs due sources from a timer, Workers from the Cron Trigger.
import { VitrineError } from '../domain/errors.ts';
import { sniffFormat, unpacked } from '../feeds/decode.ts';
import { FEED_KINDS, importFeed, type FeedKind, type ImportSummary } from '../feeds/import.ts';
import type { FeedSource, Store } from '../storage/port.ts';

export interface FeedFetchConfig {
  /** Exact host names feeds may be fetched from; empty = scheduled fetches are off. */
  hosts: string[];
  /** Ports allowed besides 443. */
  ports: number[];
  maxBytes: number;
  timeoutMs: number;
}

export interface FeedFetchDeps {
  store: Store;
  fetch?: typeof fetch;
  clock: () => number;
  config: FeedFetchConfig;
  /** Called after an import that changed something (owns the cache invalidation). */
  changed: () => void;
}

/** Why a URL may not be fetched, or null when it may. */
export function refuseUrl(raw: string, cfg: FeedFetchConfig): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:') return 'only https:// feed URLs are fetched';
  if (u.username || u.password) return 'credentials in the URL are not allowed';
  if (!cfg.hosts.includes(u.hostname.toLowerCase())) return `host "${u.hostname}" is not in VITRINE_FEED_HOSTS`;
  if (u.port && !cfg.ports.includes(Number(u.port))) return `port ${u.port} is not allowed (443${cfg.ports.length ? `, ${cfg.ports.join(', ')}` : ''})`;
  return null;
}

/** The body, cut off with a 413-style refusal past `max` bytes. */
async function* limited(body: ReadableStream<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > max) throw new VitrineError('payload_too_large', `feed: larger than the ${max}-byte limit (VITRINE_FEED_MAX_BYTES)`, 'url');
    yield chunk;
  }
}

export type FetchOutcome = { status: 'imported'; summary: ImportSummary } | { status: 'not_modified' } | { status: 'refused' | 'failed'; reason: string };

export async function fetchSource(deps: FeedFetchDeps, source: FeedSource): Promise<FetchOutcome> {
  const refused = refuseUrl(source.url, deps.config);
  const at = new Date(deps.clock()).toISOString();
  const save = async (o: FetchOutcome, etag = source.etag, lastModified = source.lastModified) => {
    await deps.store.putFeedSource({ ...source, etag, lastModified, lastFetchAt: at, lastStatus: o.status, lastResult: o.status === 'imported' ? { ...o.summary, problems: o.summary.problems.slice(0, 100) } : o });
    return o;
  };
  if (refused) return save({ status: 'refused', reason: refused });
  if (!deps.fetch) return save({ status: 'refused', reason: 'this runtime has no outbound fetch configured' });
  const headers: Record<string, string> = { Accept: 'text/tab-separated-values, application/xml, application/gzip, application/zip, */*;q=0.5' };
  if (source.etag) headers['If-None-Match'] = source.etag;
  if (source.lastModified) headers['If-Modified-Since'] = source.lastModified;
  const signal = AbortSignal.timeout(deps.config.timeoutMs);
  try {
    // No redirects: a redirect could leave the allow-list.
    const res = await deps.fetch(source.url, { headers, signal, redirect: 'manual' });
    if (res.status === 304) return save({ status: 'not_modified' });
    if (res.status !== 200 || !res.body) return save({ status: 'failed', reason: `HTTP ${res.status} from ${new URL(source.url).host}` });
    const declared = Number(res.headers.get('Content-Length') ?? NaN);
    if (declared > deps.config.maxBytes) return save({ status: 'refused', reason: `Content-Length ${declared} is over the ${deps.config.maxBytes}-byte limit (VITRINE_FEED_MAX_BYTES)` });
    const { bytes } = await unpacked(limited(res.body, deps.config.maxBytes), deps.config.maxBytes * 20);
    const { format, bytes: feed } = source.format ? { format: source.format, bytes } : await sniffFormat(bytes);
    const summary = await importFeed(deps.store, source.kind, format, feed, { now: deps.clock });
    if (summary.inserted + summary.updated + (summary.markedUnavailable ?? 0) > 0) deps.changed();
    return save({ status: 'imported', summary }, res.headers.get('ETag'), res.headers.get('Last-Modified'));
  } catch (err) {
    const timedOut = signal.aborted;
    const reason = timedOut ? `slower than the ${deps.config.timeoutMs / 1000}-second limit (VITRINE_FEED_TIMEOUT_SECONDS)` : err instanceof VitrineError ? err.message : `fetch failed: ${String((err as Error).message ?? err).slice(0, 200)}`;
    return save({ status: timedOut || err instanceof VitrineError ? 'refused' : 'failed', reason });
  }
}

/** Fetches every source whose interval has passed; one at a time (feeds are large). */
export async function runDueSources(deps: FeedFetchDeps): Promise<Array<{ id: string; status: string }>> {
  const now = deps.clock();
  const out: Array<{ id: string; status: string }> = [];
  for (const s of await deps.store.feedSources()) {
    const last = s.lastFetchAt ? Date.parse(s.lastFetchAt) : 0;
    if (now - last < s.everyMinutes * 60_000) continue;
    out.push({ id: s.id, status: (await fetchSource(deps, s)).status });
  }
  return out;
}

export function isFeedKind(k: string): k is FeedKind {
  return (FEED_KINDS as string[]).includes(k);
}
