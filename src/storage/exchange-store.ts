// Cookie-sync ids and QR short links. Driver-free like SqlStore.
import { and, desc, eq, lt } from 'drizzle-orm';
import * as t from './schema.ts';
import type { Db } from './sql-store.ts';

export interface BuyerUidRow {
  uid: string;
  partner: string;
  createdAt: string;
  seenAt: string;
}

export async function putBuyerUid(db: Db, uid: string, partner: string, at: string): Promise<void> {
  const b = t.buyerUids;
  await db.insert(b).values({ uid, partner, createdAt: at, seenAt: at }).onConflictDoUpdate({ target: [b.uid, b.partner], set: { seenAt: at } });
}

export async function deleteBuyerUid(db: Db, uid: string): Promise<boolean> {
  const gone = await db.delete(t.buyerUids).where(eq(t.buyerUids.uid, uid)).returning({ uid: t.buyerUids.uid });
  return gone.length > 0;
}

/** The id's row for that exchange, or (no partner given) its most recent sync with any. */
export async function getBuyerUid(db: Db, uid: string, partner?: string): Promise<BuyerUidRow | null> {
  const b = t.buyerUids;
  const [r] = await db
    .select()
    .from(b)
    .where(partner === undefined ? eq(b.uid, uid) : and(eq(b.uid, uid), eq(b.partner, partner)))
    .orderBy(desc(b.seenAt))
    .limit(1);
  return r ?? null;
}

/** Every exchange the id was synced to. */
export async function buyerUidPartners(db: Db, uid: string): Promise<string[]> {
  const rows = await db.select({ p: t.buyerUids.partner }).from(t.buyerUids).where(eq(t.buyerUids.uid, uid)).limit(64);
  return rows.map((r) => r.p);
}

/** Idempotent: the id is derived from the token, so a second write of the same link changes nothing. */
export async function putScanLink(db: Db, id: string, token: string, expiresAt: string): Promise<void> {
  await db.insert(t.scanLinks).values({ id, token, expiresAt }).onConflictDoNothing();
}

export async function getScanLink(db: Db, id: string): Promise<{ token: string; expiresAt: string } | null> {
  const [r] = await db.select({ token: t.scanLinks.token, expiresAt: t.scanLinks.expiresAt }).from(t.scanLinks).where(eq(t.scanLinks.id, id));
  return r ?? null;
}

export async function purgeScanLinks(db: Db, before: string): Promise<number> {
  const gone = await db.delete(t.scanLinks).where(lt(t.scanLinks.expiresAt, before)).returning({ id: t.scanLinks.id });
  return gone.length;
}
