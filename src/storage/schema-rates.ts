// Exchange rates the admin sets (PUT /v1/admin/rates): 1 `from` = `rate` `to`, dated.
import { primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const fxRates = sqliteTable(
  'fx_rates',
  {
    from: text('from_currency').notNull(),
    to: text('to_currency').notNull(),
    rate: real('rate').notNull(),
    /** YYYY-MM-DD the rate was published for. */
    date: text('date').notNull(),
    setAt: text('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.from, t.to] })],
);
