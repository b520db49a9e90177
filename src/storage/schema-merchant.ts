// Merchant data: Merchant Center region ids mapped to Vitrine regions, and scheduled feed fetches.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A Merchant Center `region_id` (e.g. `CA_WEST`, `123456`) → a Vitrine region code. */
export const regionMappings = sqliteTable('region_mappings', {
  externalId: text('external_id').primaryKey(),
  region: text('region').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A feed URL fetched on a schedule (conditional GET with the last ETag / Last-Modified). */
export const feedSources = sqliteTable('feed_sources', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  kind: text('kind').notNull(),
  format: text('format'),
  everyMinutes: integer('every_minutes').notNull(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchAt: text('last_fetch_at'),
  lastStatus: text('last_status'),
  /** The last import's summary or refusal (JSON). */
  lastResult: text('last_result'),
});
