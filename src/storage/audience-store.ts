// First-party profiles and what hangs off a user hash: frequency counts, event links, erasure.
// Driver-free like SqlStore. Only keyed hashes of user ids ever reach these tables.
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Profile } from '../domain/types.ts';
import { chunks } from './chunks.ts';
import type { UserState } from './port.ts';
import * as t from './schema.ts';
import type { Atomic, Db } from './sql-store.ts';

/** The per-request read (a live profile and today's frequency counts) in one prepared statement: it runs on the decision path. */
export class AudienceReader {
  private readonly profile;
  private readonly state;

  constructor(db: Db) {
    const p = t.profiles;
    const ph = (n: string) => sql.placeholder(n);
    this.profile = db.select({ data: p.data }).from(p).where(and(eq(p.userHash, ph('hash')), gt(p.expiresAt, ph('now')))).prepare();
    // One round trip: the profile row (kind 'p') and the day's counts (kind 'f').
    this.state = db
      .select({ kind: sql<string>`'p'`.as('kind'), key: sql<string>`''`.as('key'), value: sql<string>`${p.data}`.as('value') })
      .from(p)
      .where(and(eq(p.userHash, ph('hash')), gt(p.expiresAt, ph('now'))))
      .unionAll(
        db
          .select({ kind: sql<string>`'f'`, key: t.frequency.campaignId, value: sql<string>`${t.frequency.count}` })
          .from(t.frequency)
          .where(and(eq(t.frequency.userHash, ph('hash')), eq(t.frequency.day, ph('day')))),
      )
      .prepare();
  }

  async getProfile(userHash: string, now: string): Promise<Profile | null> {
    const [r] = await this.profile.all({ hash: userHash, now });
    return r ? (r.data as Profile) : null;
  }

  async getUserState(userHash: string, day: string, now: string): Promise<UserState> {
    let profile: Profile | null = null;
    const impressionsToday = new Map<string, number>();
    for (const r of await this.state.all({ hash: userHash, now, day })) {
      if (r.kind === 'p') profile = JSON.parse(String(r.value)) as Profile;
      else impressionsToday.set(String(r.key), Number(r.value));
    }
    return { profile, impressionsToday };
  }
}

export async function putProfiles(atomic: Atomic, list: Array<{ userHash: string; profile: Profile }>, maxParams: number): Promise<void> {
  const p = t.profiles;
  // A profile stored again (consent given anew) lifts an earlier erasure's tombstone.
  await atomic((d) => [
    ...chunks(list, Math.min(500, maxParams)).map((part) => d.delete(t.erasures).where(inArray(t.erasures.userHash, part.map((x) => x.userHash)))),
    // Four bound values a row: D1 takes 100 a statement, SQLite far more.
    ...chunks(list, Math.max(1, Math.min(200, Math.floor(maxParams / 4)))).map((part) =>
      d
        .insert(p)
        .values(part.map(({ userHash, profile }) => ({ userHash, data: profile, updatedAt: profile.updatedAt, expiresAt: profile.expiresAt })))
        .onConflictDoUpdate({ target: p.userHash, set: { data: sql`excluded.data`, updatedAt: sql`excluded.updated_at`, expiresAt: sql`excluded.expires_at` } }),
    ),
  ]);
}

/** Removes the profile and caps, unlinks events and conversions, and keeps a tombstone for late events. */
export async function eraseUser(db: Db, atomic: Atomic, userHash: string, at: string): Promise<{ profile: boolean; events: number; conversions: number }> {
  const [had] = await db.select({ h: t.profiles.userHash }).from(t.profiles).where(eq(t.profiles.userHash, userHash));
  const [ev] = await db.select({ n: sql<number>`count(*)` }).from(t.events).where(eq(t.events.userHash, userHash));
  const [cv] = await db.select({ n: sql<number>`count(*)` }).from(t.conversions).where(eq(t.conversions.userHash, userHash));
  await atomic((d) => [
    d.delete(t.profiles).where(eq(t.profiles.userHash, userHash)),
    d.delete(t.frequency).where(eq(t.frequency.userHash, userHash)),
    d.update(t.events).set({ userHash: null, segments: null }).where(eq(t.events.userHash, userHash)),
    d.update(t.conversions).set({ userHash: null }).where(eq(t.conversions.userHash, userHash)),
    d.insert(t.erasures).values({ userHash, at }).onConflictDoUpdate({ target: t.erasures.userHash, set: { at } }),
  ]);
  return { profile: !!had, events: ev?.n ?? 0, conversions: cv?.n ?? 0 };
}

export async function purgeExpiredProfiles(db: Db, now: string): Promise<number> {
  const gone = await db.delete(t.profiles).where(lte(t.profiles.expiresAt, now)).returning({ h: t.profiles.userHash });
  return gone.length;
}

export async function productCategories(db: Db, ids: string[], maxParams: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const p = t.products;
  for (const part of chunks([...new Set(ids)], Math.min(500, maxParams))) {
    for (const r of await db.select({ id: p.id, category: p.category }).from(p).where(inArray(p.id, part))) out.set(r.id, r.category);
  }
  return out;
}
