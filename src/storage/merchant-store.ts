// Merchant data beside the catalog: Merchant Center region id mappings, scheduled feed sources,
// and the touches a conversion may be attributed to. Driver-free like SqlStore.
import { and, eq, gte, inArray, lte, or } from 'drizzle-orm';
import type { EventRecord, FeedSource, RegionMapping } from './port.ts';
import * as rows from './rows.ts';
import * as t from './schema.ts';
import type { Atomic, Db } from './sql-store.ts';
import { chunks } from './chunks.ts';

export async function regionMappings(db: Db): Promise<RegionMapping[]> {
  return (await db.select().from(t.regionMappings)).map((r) => ({ externalId: r.externalId, region: r.region, updatedAt: r.updatedAt }));
}

/** Replaces the whole table in one transaction (PUT semantics). */
export async function putRegionMappings(atomic: Atomic, list: RegionMapping[], maxParams: number): Promise<void> {
  await atomic((d) => [d.delete(t.regionMappings), ...chunks(list, Math.floor(maxParams / 3)).map((c) => d.insert(t.regionMappings).values(c))]);
}

function sourceOf(r: typeof t.feedSources.$inferSelect): FeedSource {
  return { ...r, kind: r.kind as FeedSource['kind'], format: r.format as FeedSource['format'], lastResult: r.lastResult ? (JSON.parse(r.lastResult) as unknown) : null };
}

export async function feedSources(db: Db): Promise<FeedSource[]> {
  return (await db.select().from(t.feedSources)).map(sourceOf);
}

export async function putFeedSource(db: Db, s: FeedSource): Promise<void> {
  const row = { ...s, lastResult: s.lastResult === null ? null : JSON.stringify(s.lastResult) };
  await db.insert(t.feedSources).values(row).onConflictDoUpdate({ target: t.feedSources.id, set: row });
}

export async function deleteFeedSource(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(t.feedSources).where(eq(t.feedSources.id, id)).returning({ id: t.feedSources.id });
  return gone.length > 0;
}

const TOUCH_TYPES = ['impression', 'click', 'scan'];

/**
 * The touches a conversion may credit: the decision's own impressions, clicks and scans, and — when
 * that decision was personalized (a keyed user hash, only with consent) — the same shopper's touches
 * on other decisions between `since` and `until`. Bounded: at most `limit` rows, newest first.
 */
export async function attributionTouches(db: Db, decisionId: string, since: string, until: string, limit = 200): Promise<EventRecord[]> {
  const e = t.events;
  const own = await db.select().from(e).where(and(eq(e.decisionId, decisionId), inArray(e.type, TOUCH_TYPES), eq(e.test, false), eq(e.replay, false))).limit(limit);
  const users = [...new Set(own.map((r) => r.userHash).filter((h): h is string => !!h))];
  if (users.length === 0) return own.map(rows.rowToEvent);
  const theirs = await db
    .select()
    .from(e)
    .where(and(inArray(e.userHash, users), inArray(e.type, TOUCH_TYPES), eq(e.test, false), eq(e.replay, false), gte(e.at, since), lte(e.at, until), or(eq(e.decisionId, decisionId), gte(e.at, since))))
    .limit(limit);
  const seen = new Set<string>();
  return [...own, ...theirs].filter((r) => !seen.has(r.id) && !!seen.add(r.id)).map(rows.rowToEvent);
}
