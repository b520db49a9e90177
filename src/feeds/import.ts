// Feed imports: stream records, validate each, apply in batches (one transaction per batch),
// report every rejected row. Re-importing the same file changes nothing.
import type { Product } from '../domain/types.ts';
import type { LocalStockRow, RegionalOffer, Store, UpsertCounts } from '../storage/port.ts';
import { localRowFrom, regionalRowFrom } from './inventory-row.ts';
import { IgnoredTally } from './attributes.ts';
import { productFromRow, type RowProblem } from './product-row.ts';
import { readTsv, readXml, type FeedFormat, type FeedRecord } from './readers.ts';
import { TsvSyntaxError } from './tsv.ts';
import { VitrineError } from '../domain/errors.ts';

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
  /** Attributes present in the file that Vitrine does not read, with how many rows had each. */
  ignoredAttributes: Array<{ attribute: string; use: 'ignored' | 'unknown'; count: number; reason: string }>;
  /** Validated only: nothing was written. */
  dryRun: boolean;
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
  /** Validate every row and report, write nothing. */
  dryRun?: boolean;
}

type Parsed<T> = { ok: true; key: string; item: T } | { ok: false; problems: RowProblem[] };

interface Kind<T> {
  required: string[];
  parse(rec: FeedRecord, at: string): Parsed<T> | Promise<Parsed<T>>;
  apply(batch: T[]): Promise<UpsertCounts>;
  /** After the last batch, with every key the file held. */
  afterAll?(seen: Set<string>): Promise<number>;
}

/**
 * Product rows per transaction: small enough that an ad request waits at most one short write,
 * and that parsed products die young (a 500-row batch outlived several young-generation GCs, so
 * whole batches were promoted and major GCs of 100–200 ms hit the ad path during a big import).
 */
export const FEED_BATCH_ROWS = 100;
/** Stock rows (regional and local inventory) are a few small fields: larger batches, same short writes. */
export const STOCK_BATCH_ROWS = 500;

/** Rows read between two yields to the event loop (besides the one after each batch). */
const YIELD_EVERY_ROWS = 100;

/** Lets timers and sockets run between batches (setTimeout exists on Node and Workers alike). */
const yieldToLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * A file that breaks off mid-way: the batches already written stay committed (each was one
 * transaction), the rows read since are not applied, and the error says which is which.
 */
function partialImport(err: VitrineError, s: ImportSummary, batches: number, batchSize: number, pending: { rows: number; fromLine: number | null }): VitrineError {
  const committed = s.inserted + s.updated + s.unchanged;
  const what = `${committed} row(s) in ${batches} whole batch(es) of at most ${batchSize} were committed before it${pending.rows ? `; the ${pending.rows} valid row(s) read since line ${pending.fromLine} were rolled back (not applied)` : ''}${s.kind === 'products' ? '; no full sync was run' : ''}`;
  return new VitrineError(err.code, `${err.message}. ${what}`, err.field ?? 'body', undefined, {
    line: err instanceof TsvSyntaxError ? err.line : null,
    ...(err.details && typeof err.details === 'object' ? err.details : {}),
    committed: { batches, rows: committed, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged },
    rolledBack: { rows: pending.rows, fromLine: pending.fromLine },
    read: s.read,
    rejected: s.rejected,
    problems: s.problems,
  });
}

async function run<T>(kind: FeedKind, k: Kind<T>, format: FeedFormat, input: AsyncIterable<Uint8Array | string>, opts: ImportOptions): Promise<ImportSummary> {
  const timer = opts.timer ?? (() => performance.now());
  const started = timer();
  const at = new Date(opts.now()).toISOString();
  const batchSize = opts.batchSize ?? (kind === 'products' ? FEED_BATCH_ROWS : STOCK_BATCH_ROWS);
  const s: ImportSummary = { kind, format, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], ignoredAttributes: [], dryRun: !!opts.dryRun, ms: 0 };
  const ignored = new IgnoredTally();
  let batch = new Map<string, T>();
  let batchFrom: number | null = null;
  let batches = 0;
  const seen = new Set<string>();
  const flush = async () => {
    if (batch.size === 0) return;
    if (opts.dryRun) {
      batch = new Map();
      opts.onProgress?.(s.read);
      return;
    }
    const r = await k.apply([...batch.values()]);
    s.inserted += r.inserted;
    s.updated += r.updated;
    s.unchanged += r.unchanged;
    batches++;
    batch = new Map();
    batchFrom = null;
    opts.onProgress?.(s.read);
    await yieldToLoop();
  };
  const records = format === 'tsv' ? readTsv(input, k.required) : readXml(input);
  try {
    for await (const rec of records) {
      s.read++;
      // Parsing and checking rows is CPU work too: let waiting requests in every so often.
      if (s.read % YIELD_EVERY_ROWS === 0) await yieldToLoop();
      if (kind === 'products') ignored.note(rec.fields);
      if (rec.problem) {
        s.rejected++;
        s.problems.push({ line: rec.line, id: rec.fields.text('id') || null, field: 'row', reason: rec.problem });
        continue;
      }
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
      batchFrom ??= rec.line;
      batch.set(r.key, r.item);
      if (batch.size >= batchSize) await flush();
    }
  } catch (err) {
    // A broken file (bad quoting, malformed XML) after some rows: say what was kept.
    if (err instanceof TsvSyntaxError || (err instanceof VitrineError && s.read > 0)) throw partialImport(err, s, batches, batchSize, { rows: batch.size, fromLine: batchFrom });
    throw err;
  }
  await flush();
  // A file whose every row was rejected is no picture of the catalog: never sync against it.
  if (k.afterAll && seen.size > 0 && !opts.dryRun) s.markedUnavailable = await k.afterAll(seen);
  s.ignoredAttributes = ignored.list();
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
    const mapped = new Map((await store.regionMappings()).map((m) => [m.externalId, m.region]));
    const regionOf = (id: string) => mapped.get(id) ?? (regions.has(id) ? id : null);
    const currencies = new Map(regionList.map((r) => [r.code, r.currency]));
    const k: Kind<RegionalOffer> = {
      required: ['id', 'region_id'],
      parse: (rec, at) => regionalRowFrom(rec, at, regionOf, currencies, (id) => store.getProduct(id)),
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
