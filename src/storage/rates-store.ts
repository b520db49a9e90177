// The admin's exchange-rate table: read whole (it is small), replaced whole in one unit.
import type { FxRate } from '../domain/money.ts';
import type { Atomic, Db } from './sql-store.ts';
import { chunks } from './chunks.ts';
import * as t from './schema.ts';

export async function listRates(db: Db): Promise<FxRate[]> {
  const rows = await db.select().from(t.fxRates).orderBy(t.fxRates.from, t.fxRates.to);
  return rows.map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date }));
}

/** Replaces the table: rates absent from `rates` are gone afterwards. */
export async function putRates(atomic: Atomic, rates: FxRate[], at: string, maxParams: number): Promise<void> {
  // 5 columns per row; D1 allows 100 bound parameters per statement.
  const per = Math.max(1, Math.floor(Math.min(maxParams, 100) / 5));
  await atomic((db) => [db.delete(t.fxRates), ...chunks(rates.map((r) => ({ ...r, setAt: at })), per).map((c) => db.insert(t.fxRates).values(c))]);
}
