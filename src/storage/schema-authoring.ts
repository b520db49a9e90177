// Authoring: campaigns as versioned documents (every edit is a new immutable version; the approved
// one is projected into `campaigns`/`variants`, which the engine reads), placements and brand kits.
// `rev` counts every change to a row: a write names the rev it read, so a stale one fails as a whole.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const campaignDocs = sqliteTable('campaign_docs', {
  id: text('id').primaryKey(),
  /** draft | in_review | approved | paused | archived (live/ended are derived from the flight). */
  state: text('state').notNull(),
  /** The latest version number. */
  head: integer('head').notNull(),
  /** The approved version serving, if any. */
  serving: integer('serving'),
  rev: integer('rev').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const campaignVersions = sqliteTable(
  'campaign_versions',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaignDocs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** draft | in_review | approved | rejected | superseded */
    state: text('state').notNull(),
    /** The whole campaign document with its variants, as written. */
    doc: text('doc', { mode: 'json' }).notNull(),
    /** SHA-256 of the document's canonical JSON: an approval is bound to it. */
    hash: text('hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: text('created_at').notNull(),
    /** What changed against the previous version, one line per change (JSON array). */
    summary: text('summary', { mode: 'json' }).notNull(),
    /** Submit / approval / rejection record (JSON). */
    review: text('review', { mode: 'json' }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.version] })],
);

export const placements = sqliteTable('placements', {
  id: text('id').primaryKey(),
  data: text('data', { mode: 'json' }).notNull(),
  rev: integer('rev').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const brandKits = sqliteTable('brand_kits', {
  id: text('id').primaryKey(),
  data: text('data', { mode: 'json' }).notNull(),
  rev: integer('rev').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});
