// Feed imports: stream records, validate each, apply in batches (one transaction per batch),
// report every rejected row. Re-importing the same file changes nothing.
import type { Product } from '../domain/types.ts';
import type { LocalStockRow, RegionalOffer, Store, UpsertCounts } from '../storage/port.ts';
import { localRowFrom, regionalRowFrom } from './inventory-row.ts';
import { productFromRow, type RowProblem } from './product-row.ts';
import { readTsv, readXml, type FeedFormat, type FeedRecord } from './readers.ts';

export type FeedKind = 'products' | 'regional-inventory' | 'local-inventory';
export const FEED_KINDS: FeedKind[] = ['products', 'regional-inventory', 'local-inventory'];

export interface ImportSummary extends UpsertCounts {
  kind: FeedKind;
  /** Full sync: products missing from the file, now marked out of stock. */
  markedUnavailable?: number;
  format: FeedFormat;
  read: number;
  rejected: number;
  problems: RowProblem[];
  ms: number;
}

export interface ImportOptions {
  /** The clock that dates rows without their own timestamp. */
  now: () => number;
  /** Elapsed-time source for the summary; performance.now by default. */
  timer?: () => number;
  batchSize?: number;
  /** Called after each batch with the rows read so far. */
  onProgress?: (read: number) => void;
  /** Products only: mark every product absent from the file out of stock (kept, not deleted). */
  fullSync?: boolean;
}

type Parsed<T> = { ok: true; key: string; item: T } | { ok: false; problems: RowProblem[] };

interface Kind<T> {
  required: string[];
  parse(rec: FeedRecord, at: string): Parsed<T> | Promise<Parsed<T>>;
  apply(batch: T[]): Promise<UpsertCounts>;
  /** After the last batch, with every key the file held. */
  afterAll?(seen: Set<string>): Promise<number>;
}

async function run<T>(kind: FeedKind, k: Kind<T>, format: FeedFormat, input: AsyncIterable<Uint8Array | string>, opts: ImportOptions): Promise<ImportSummary> {
  const timer = opts.timer ?? (() => performance.now());
  const started = timer();
  const at = new Date(opts.now()).toISOString();
  const batchSize = opts.batchSize ?? 2000;
  const s: ImportSummary = { kind, format, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], ms: 0 };
  let batch = new Map<string, T>();
  const seen = new Set<string>();
  const flush = async () => {
    if (batch.size === 0) return;
    const r = await k.apply([...batch.values()]);
    s.inserted += r.inserted;
    s.updated += r.updated;
    s.unchanged += r.unchanged;
    batch = new Map();
    opts.onProgress?.(s.read);
  };
  const records = format === 'tsv' ? readTsv(input, k.required) : readXml(input);
  for await (const rec of records) {
    s.read++;
    const r = await k.parse(rec, at);
    if (!r.ok) {
      s.rejected++;
      s.problems.push(...r.problems);
      continue;
    }
    // Two rows for one key: the later wins, as in Merchant Center; say so. Keys are kept for
    // product feeds only (full sync needs them); stock feeds of millions of rows would not fit.
    if (seen.has(r.key) || batch.has(r.key)) s.problems.push({ line: rec.line, id: r.key, field: 'id', reason: 'duplicate in this file; this later row replaces the earlier one' });
    if (kind === 'products') seen.add(r.key);
    batch.set(r.key, r.item);
    if (batch.size >= batchSize) await flush();
  }
  await flush();
  // A file whose every row was rejected is no picture of the catalog: never sync against it.
  if (k.afterAll && seen.size > 0) s.markedUnavailable = await k.afterAll(seen);
  s.ms = Math.round(timer() - started);
  return s;
}

export async function importFeed(store: Store, kind: FeedKind, format: FeedFormat, input: AsyncIterable<Uint8Array | string>, opts: ImportOptions): Promise<ImportSummary> {
  if (kind === 'products') {
    const k: Kind<Product> = {
      required: ['id', 'title', 'link', 'image_link', 'availability', 'price'],
      parse: (rec, at) => {
        const r = productFromRow(rec.fields, rec.line, at);
        return r.ok ? { ok: true, key: r.product.id, item: r.product } : r;
      },
      apply: (batch) => store.upsertProducts(batch),
      ...(opts.fullSync ? { afterAll: async (seen: Set<string>) => store.markUnavailable((await store.allProductIds()).filter((id) => !seen.has(id))) } : {}),
    };
    return run(kind, k, format, input, opts);
  }
  const regionList = await store.listRegions();
  const regions = new Set(regionList.map((r) => r.code));
  if (kind === 'regional-inventory') {
    const currencies = new Map(regionList.map((r) => [r.code, r.currency]));
    const k: Kind<RegionalOffer> = {
      required: ['id', 'region_id'],
      parse: (rec, at) => regionalRowFrom(rec, at, currencies, (id) => store.getProduct(id)),
      apply: (batch) => store.applyRegionalOffers(batch),
    };
    return run(kind, k, format, input, opts);
  }
  const stores = new Set((await store.listStores()).map((s) => s.code));
  // Store feeds run to millions of rows over a smaller catalog: check ids against one set.
  const ids = new Set(await store.allProductIds());
  const k: Kind<LocalStockRow> = {
    required: ['id', 'store_code'],
    parse: (rec, at) => localRowFrom(rec, at, stores, ids),
    apply: (batch) => store.applyLocalStock(batch),
  };
  return run(kind, k, format, input, opts);
}

/** Format from a Content-Type, for the HTTP endpoint. */
export function feedFormatOf(contentType: string | undefined): FeedFormat | null {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'text/tab-separated-values' || t === 'text/tsv' || t === 'text/plain') return 'tsv';
  if (t === 'application/xml' || t === 'text/xml' || t === 'application/rss+xml' || t === 'application/atom+xml') return 'xml';
  return null;
}
