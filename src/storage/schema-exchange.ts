// Exchange tables: the user ids Vitrine's cookie sync issued (returned by exchanges as buyeruid).
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const buyerUids = sqliteTable('buyer_uids', {
  uid: text('uid').primaryKey(),
  /** Host of the exchange the id was synced to. */
  partner: text('partner').notNull(),
  createdAt: text('created_at').notNull(),
  seenAt: text('seen_at').notNull(),
});
