// Events and what they feed: learning arms and frequency counts are updated in the same
// transaction as the event batch, so the request path never writes per impression and a batch is
// counted whole or not at all. Conversions are idempotent by order id. Driver-free like SqlStore.
import { and, count, desc, eq, getTableColumns, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { chunks } from './chunks.ts';
import type { ArmRow, ConversionRecord, DeadLetter, EventRecord, EventWriteOptions } from './port.ts';
import * as rows from './rows.ts';
import * as t from './schema.ts';
import type { Atomic, Db, Runnable } from './sql-store.ts';

const CLICKS = new Set(['click', 'scan']);
export const DEFAULT_DEDUPE_WINDOW_MS = 30 * 86_400_000;

/** A click or scan that carries its token's nonce: counted once per token per window, in SQL. */
const deduped = (e: EventRecord): e is EventRecord & { tokenId: string } => CLICKS.has(e.type) && typeof e.tokenId === 'string' && e.tokenId !== '';

/** Arm increments of a batch: impressions, clicks (incl. QR scans) and conversions per campaign × bucket × variant. */
function armDeltas(events: EventRecord[]): Map<string, Omit<ArmRow, 'updatedAt'>> {
  const out = new Map<string, Omit<ArmRow, 'updatedAt'>>();
  for (const e of events) {
    // Token-carrying clicks are counted by their own statement, which knows whether they are replays.
    if (e.test || !e.bucket || !e.variantId || deduped(e)) continue;
    const kind = e.type === 'impression' ? 'impressions' : CLICKS.has(e.type) ? 'clicks' : e.type === 'conversion' ? 'conversions' : null;
    if (!kind) continue;
    const key = `${e.campaignId}\u0000${e.bucket}\u0000${e.variantId}`;
    let a = out.get(key);
    if (!a) out.set(key, (a = { campaignId: e.campaignId, bucket: e.bucket, variantId: e.variantId, impressions: 0, clicks: 0, conversions: 0 }));
    a[kind]++;
  }
  return out;
}

function armUpsert(d: Db, values: Record<keyof ArmRow, unknown>) {
  const a = t.policyArms;
  return d
    .insert(a)
    .values(values as typeof a.$inferInsert)
    .onConflictDoUpdate({
      target: [a.campaignId, a.bucket, a.variantId],
      set: {
        impressions: sql`${a.impressions} + excluded.impressions`,
        clicks: sql`${a.clicks} + excluded.clicks`,
        conversions: sql`${a.conversions} + excluded.conversions`,
        updatedAt: sql`max(${a.updatedAt}, excluded.updated_at)`,
      },
    });
}

function armStatements(d: Db, events: EventRecord[], now: number, prepared?: PreparedEventWrites): Runnable[] {
  return [...armDeltas(events).values()].map((row) => (prepared ? prepared.arm({ ...row, updatedAt: now }) : armUpsert(d, { ...row, updatedAt: now })));
}

/**
 * Event and arm writes prepared once (better-sqlite3 runs statements one by one inside the
 * batch's transaction): a batch then builds and compiles no SQL. Building a multi-row INSERT
 * through the query builder and compiling it again for every batch was about a third of the
 * CPU of a beacon at 2,000/s. D1 (statements batched, ≤ 100 parameters) keeps the built path.
 */
export interface PreparedEventWrites {
  event(e: EventRecord): Runnable;
  arm(row: ArmRow): Runnable;
}

/** Raw placeholders (`sql\`?\``): the values are bound as given, so they are converted here (booleans as 0/1, JSON as text). */
function rawPlaceholders(table: Parameters<typeof getTableColumns>[0]): Record<string, SQL> {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((k) => [k, sql`${sql.placeholder(k)}`]));
}

export function prepareEventWrites(d: Db): PreparedEventWrites {
  const insert = d.insert(t.events).values(rawPlaceholders(t.events) as unknown as typeof t.events.$inferInsert).onConflictDoNothing().prepare();
  const arm = armUpsert(d, rawPlaceholders(t.policyArms) as unknown as Record<keyof ArmRow, unknown>).prepare();
  return {
    event(e) {
      const r = rows.eventToRow(e);
      const values = { ...r, test: r.test ? 1 : 0, holdout: r.holdout ? 1 : 0, replay: r.replay ? 1 : 0, segments: r.segments ? JSON.stringify(r.segments) : null };
      return { run: () => insert.run(values) };
    },
    arm(row) {
      return { run: () => arm.run({ ...row }) };
    },
  };
}

/** Impressions per user, campaign and UTC day, for frequency caps (consented users only carry a hash). */
function frequencyStatements(d: Db, events: EventRecord[]): Runnable[] {
  const counts = new Map<string, { userHash: string; campaignId: string; day: string; count: number }>();
  for (const e of events) {
    if (e.type !== 'impression' || !e.userHash) continue;
    const day = e.at.slice(0, 10);
    const key = `${e.userHash}\u0000${e.campaignId}\u0000${day}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { userHash: e.userHash, campaignId: e.campaignId, day, count: 1 });
  }
  const f = t.frequency;
  return [...counts.values()].map((row) =>
    d
      .insert(f)
      .values(row)
      .onConflictDoUpdate({ target: [f.userHash, f.campaignId, f.day], set: { count: sql`${f.count} + excluded.count` } }),
  );
}

/** Hashes of erased users among these: their late events are stored unlinked. */
async function erased(db: Db, hashes: string[], maxParams: number): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(hashes)], Math.min(500, maxParams))) {
    for (const r of await db.select({ h: t.erasures.userHash }).from(t.erasures).where(inArray(t.erasures.userHash, part))) out.add(r.h);
  }
  return out;
}

/**
 * A click or scan with a token, in order: the event (a replay when its token was counted within
 * the window), the token's first use, and the arm's click unless it was a replay. In the batch's
 * transaction, so two uses of one token, in one batch or from two processes, count once.
 */
function dedupedStatements(d: Db, e: EventRecord & { tokenId: string }, windowMs: number, now: number): Runnable[] {
  const cutoff = new Date(Date.parse(e.at) - windowMs).toISOString();
  const tk = t.eventTokens;
  const seen = sql`EXISTS (SELECT 1 FROM ${tk} WHERE ${tk.tokenId} = ${e.tokenId} AND ${tk.firstAt} > ${cutoff})`;
  const out: Runnable[] = [
    d.insert(t.events).values({ ...rows.eventToRow(e), replay: seen }).onConflictDoNothing(),
    d
      .insert(tk)
      .values({ tokenId: e.tokenId, kind: e.type, firstAt: e.at })
      .onConflictDoUpdate({ target: tk.tokenId, set: { firstAt: sql`excluded.first_at`, kind: sql`excluded.kind` }, setWhere: sql`${tk.firstAt} <= ${cutoff}` }),
  ];
  if (!e.test && e.bucket && e.variantId) {
    const a = t.policyArms;
    const counted = sql`(SELECT CASE WHEN ${t.events.replay} THEN 0 ELSE 1 END FROM ${t.events} WHERE ${t.events.id} = ${e.id})`;
    out.push(
      d
        .insert(a)
        .values({ campaignId: e.campaignId, bucket: e.bucket, variantId: e.variantId, impressions: 0, clicks: counted, conversions: 0, updatedAt: now })
        .onConflictDoUpdate({ target: [a.campaignId, a.bucket, a.variantId], set: { clicks: sql`${a.clicks} + excluded.clicks`, updatedAt: sql`max(${a.updatedAt}, excluded.updated_at)` } }),
    );
  }
  return out;
}

export async function recordEvents(db: Db, atomic: Atomic, events: EventRecord[], dead: DeadLetter[], maxParams: number, now: number, opts: EventWriteOptions, prepared?: PreparedEventWrites): Promise<void> {
  if (events.length === 0 && dead.length === 0) return;
  const hashes = events.map((e) => e.userHash).filter((h): h is string => !!h);
  const gone = hashes.length ? await erased(db, hashes, maxParams) : new Set<string>();
  const clean = gone.size ? events.map((e) => (e.userHash && gone.has(e.userHash) ? { ...e, userHash: null, segments: null } : e)) : events;
  const plain = clean.filter((e) => !deduped(e));
  const per = Math.floor(maxParams / Object.keys(getTableColumns(t.events)).length);
  const perDead = Math.floor(maxParams / 4);
  await atomic((d) => [
    ...(prepared ? plain.map((e) => prepared.event(e)) : chunks(plain.map(rows.eventToRow), per).map((c) => d.insert(t.events).values(c).onConflictDoNothing())),
    ...clean.filter(deduped).flatMap((e) => dedupedStatements(d, e, opts.dedupeWindowMs, now)),
    ...armStatements(d, clean, now, prepared),
    ...frequencyStatements(d, clean),
    ...chunks(dead, perDead).map((c) => d.insert(t.eventDeadLetters).values(c).onConflictDoNothing()),
  ]);
}

export async function listDeadLetters(db: Db, limit: number): Promise<DeadLetter[]> {
  return db.select().from(t.eventDeadLetters).orderBy(desc(t.eventDeadLetters.at)).limit(limit);
}

export async function countDeadLetters(db: Db): Promise<number> {
  const [r] = await db.select({ n: count() }).from(t.eventDeadLetters);
  return r?.n ?? 0;
}

export async function purgeEventTokens(db: Db, before: string): Promise<number> {
  const gone = await db.delete(t.eventTokens).where(lt(t.eventTokens.firstAt, before)).returning({ id: t.eventTokens.tokenId });
  return gone.length;
}

export async function policyArms(db: Db, since: number): Promise<ArmRow[]> {
  const a = t.policyArms;
  return db.select().from(a).where(since > 0 ? gte(a.updatedAt, since) : undefined);
}

function conversionRow(c: ConversionRecord): typeof t.conversions.$inferInsert {
  return { ...c };
}

export async function getConversion(db: Db, orderId: string): Promise<ConversionRecord | null> {
  const [r] = await db.select().from(t.conversions).where(eq(t.conversions.orderId, orderId));
  return r ? { ...r, attribution: r.attribution as ConversionRecord['attribution'], model: r.model as ConversionRecord['model'] } : null;
}

/**
 * One transaction: the order row (primary key = order id), its event and its arm reward. A second
 * request for the same order, even one racing this one, hits the key and writes nothing.
 */
export async function recordConversion(db: Db, atomic: Atomic, c: ConversionRecord, events: EventRecord[], now: number): Promise<'recorded' | 'duplicate'> {
  // No read first: the order id's key refuses a duplicate inside the transaction, and the whole batch rolls back.
  try {
    await atomic((d) => [d.insert(t.conversions).values(conversionRow(c)), ...events.map((e) => d.insert(t.events).values(rows.eventToRow(e))), ...armStatements(d, events, now)]);
    return 'recorded';
  } catch (err) {
    if (await getConversion(db, c.orderId)) return 'duplicate';
    throw err;
  }
}

/** The latest click or scan of a decision, else its latest event of any kind. */
export async function decisionEvent(db: Db, decisionId: string): Promise<EventRecord | null> {
  const e = t.events;
  // Replayed clicks are not clicks: they never extend an attribution window.
  const [click] = await db.select().from(e).where(and(eq(e.decisionId, decisionId), inArray(e.type, [...CLICKS]), eq(e.replay, false))).orderBy(desc(e.at)).limit(1);
  if (click) return rows.rowToEvent(click);
  const [any] = await db.select().from(e).where(eq(e.decisionId, decisionId)).orderBy(desc(e.at)).limit(1);
  return any ? rows.rowToEvent(any) : null;
}
