// Exchange tables: the user ids Vitrine's cookie sync issued (returned by exchanges as buyeruid),
// and the short links QR codes on TV encode.
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per synced id and exchange: a bid's `buyeruid` counts only for the exchange it was synced to. */
export const buyerUids = sqliteTable(
  'buyer_uids',
  {
    uid: text('uid').notNull(),
    /** Host of the exchange the id was synced to. */
    partner: text('partner').notNull(),
    createdAt: text('created_at').notNull(),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uid, t.partner] })],
);

/** QR short links (`/q/<id><mac>`): the id resolves to the sealed scan token, which keeps its own expiry. */
export const scanLinks = sqliteTable(
  'scan_links',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull(),
    /** When the row may be forgotten (ISO): the token's expiry plus a grace week, so late scans still hear 410. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('scan_links_expires').on(t.expiresAt)],
);
