// Product photo derivatives made at ingest (services/photo-ingest.ts): for each side a template
// draws photos at, the asset (content-addressed, in `assets`) holding the photo re-encoded to fit it.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const photoDerivatives = sqliteTable(
  'photo_derivatives',
  {
    /** The product's image link (as stored originals are keyed). */
    link: text('link').notNull(),
    /** The drawn side this derivative serves (it fits inside side × side, never enlarged). */
    side: integer('side').notNull(),
    /** `assets.key` of the re-encoded picture: `photo/<source digest>/<w>x<h>.<ext>`. */
    assetKey: text('asset_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
  },
  (t) => [primaryKey({ columns: [t.link, t.side] })],
);
