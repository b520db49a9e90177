// Product feed import: stream records, validate each, upsert in batches (one transaction per
// batch), report every rejected row. Re-importing the same file changes nothing.
import type { Store } from '../storage/port.ts';
import { productFromRow, type RowProblem } from './product-row.ts';
import { readTsv, readXml, type FeedFormat } from './readers.ts';

export interface ImportSummary {
  format: FeedFormat;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: RowProblem[];
  ms: number;
}

export interface ImportOptions {
  /** The clock that dates new products (first seen). */
  now: () => number;
  /** Elapsed-time source for the summary; performance.now by default. */
  timer?: () => number;
  batchSize?: number;
  /** Called after each batch with the rows read so far. */
  onProgress?: (read: number) => void;
}

export async function importProducts(store: Store, format: FeedFormat, input: AsyncIterable<Uint8Array | string>, opts: ImportOptions): Promise<ImportSummary> {
  const timer = opts.timer ?? (() => performance.now());
  const started = timer();
  const at = new Date(opts.now()).toISOString();
  const batchSize = opts.batchSize ?? 2000;
  const s: ImportSummary = { format, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], ms: 0 };
  let batch = new Map<string, Parameters<Store['upsertProducts']>[0][number]>();
  const seen = new Set<string>();
  const flush = async () => {
    if (batch.size === 0) return;
    const r = await store.upsertProducts([...batch.values()]);
    s.inserted += r.inserted;
    s.updated += r.updated;
    s.unchanged += r.unchanged;
    batch = new Map();
    opts.onProgress?.(s.read);
  };
  const records = format === 'tsv' ? readTsv(input, ['id', 'title', 'link', 'image_link', 'availability', 'price']) : readXml(input);
  for await (const rec of records) {
    s.read++;
    const r = productFromRow(rec.fields, rec.line, at);
    if (!r.ok) {
      s.rejected++;
      s.problems.push(...r.problems);
      continue;
    }
    // Two rows with one id: the later one wins, as Merchant Center does; say so.
    if (seen.has(r.product.id)) s.problems.push({ line: rec.line, id: r.product.id, field: 'id', reason: 'duplicate id in this file; this later row replaces the earlier one' });
    seen.add(r.product.id);
    batch.set(r.product.id, r.product);
    if (batch.size >= batchSize) await flush();
  }
  await flush();
  s.ms = Math.round(timer() - started);
  return s;
}

/** Format from a Content-Type, for the HTTP endpoint. */
export function feedFormatOf(contentType: string | undefined): FeedFormat | null {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (t === 'text/tab-separated-values' || t === 'text/tsv' || t === 'text/plain') return 'tsv';
  if (t === 'application/xml' || t === 'text/xml' || t === 'application/rss+xml' || t === 'application/atom+xml') return 'xml';
  return null;
}
