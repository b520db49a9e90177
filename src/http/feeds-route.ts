// POST /v1/admin/feeds/products: a Merchant Center product feed, TSV or RSS XML, streamed from
// the request body (never held whole). Bearer auth comes from the /v1/admin/* middleware.
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { feedFormatOf, importProducts } from '../feeds/import.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import type { Store } from '../storage/port.ts';

export interface FeedDeps {
  store: Store;
  configCache: ConfigCache;
  clock: () => number;
}

export function mountFeeds(app: Hono, deps: FeedDeps): void {
  app.post('/v1/admin/feeds/products', async (c) => {
    const format = feedFormatOf(c.req.header('Content-Type'));
    if (!format) {
      throw new VitrineError('bad_request', 'Content-Type: expected text/tab-separated-values (TSV with a header row) or application/xml (RSS 2.0 with g: attributes)', 'Content-Type', ['text/tab-separated-values', 'application/xml']);
    }
    const body = c.req.raw.body;
    if (!body) throw new VitrineError('bad_request', 'body: empty; expected a product feed', 'body');
    const summary = await importProducts(deps.store, format, body as unknown as AsyncIterable<Uint8Array>, { now: deps.clock });
    // Prices and availability may have changed: replayed responses must not outlive them.
    if (summary.inserted + summary.updated > 0) deps.configCache.invalidate();
    return c.json(summary, 200);
  });
}
