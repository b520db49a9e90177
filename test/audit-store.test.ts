// The audit trail store: what writers record comes back newest first through the filters, and the
// database itself refuses to change or remove an entry (the triggers from migration 0004).
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { SqlAuditLog } from '../src/storage/audit-store.ts';
import type { Actor } from '../src/services/access.ts';

const alice: Actor = { id: 'u_alice', label: 'alice@example.com', role: 'editor', via: 'session' };
const bob: Actor = { id: 'u_bob', label: 'bob@example.com', role: 'admin', via: 'token' };

let close = () => {};
afterEach(() => close());

function open(start = Date.parse('2026-11-30T10:00:00Z')) {
  const s = openNodeStore(':memory:');
  close = s.close;
  let now = start;
  const audit = new SqlAuditLog(s.db, () => (now += 60_000));
  return { ...s, audit };
}

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    return String((err as Error).cause ?? err);
  }
  return 'not refused';
}

describe('audit store', () => {
  it('records who, when, what and before/after, and lists newest first with filters and paging', async () => {
    const { audit } = open();
    const a = await audit.record({ actor: alice, action: 'promo.create', entity: 'promo', entityId: 'p1', before: null, after: { id: 'p1', priority: 1 } });
    expect(a).toMatchObject({ id: 1, at: '2026-11-30T10:01:00.000Z', actor: alice, before: null, after: { id: 'p1', priority: 1 } });
    await audit.record({ actor: bob, action: 'promo.update', entity: 'promo', entityId: 'p1', before: { id: 'p1', priority: 1 }, after: { id: 'p1', priority: 2 } });
    await audit.record({ actor: bob, action: 'stock.bulk', entity: 'stock', entityId: '*', before: null, after: { rows: 3 }, note: '3 rows' });

    expect((await audit.list({})).map((e) => e.action)).toEqual(['stock.bulk', 'promo.update', 'promo.create']);
    expect((await audit.list({ actorId: 'u_bob' })).map((e) => e.id)).toEqual([3, 2]);
    expect((await audit.list({ entity: 'promo', entityId: 'p1', action: 'promo.update' }))[0]!.before).toEqual({ id: 'p1', priority: 1 });
    expect((await audit.list({ since: '2026-11-30T10:02:00.000Z' })).map((e) => e.id)).toEqual([3, 2]);
    expect((await audit.list({ until: '2026-11-30T10:02:00.000Z' })).map((e) => e.id)).toEqual([2, 1]);
    expect((await audit.list({ limit: 1 })).map((e) => e.id)).toEqual([3]);
    expect((await audit.list({ limit: 1, before: 3 })).map((e) => e.id)).toEqual([2]);
    expect((await audit.list({ entityId: '*' }))[0]!.note).toBe('3 rows');
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const { audit, db } = open();
    await audit.record({ actor: alice, action: 'promo.delete', entity: 'promo', entityId: 'p9', before: { id: 'p9' }, after: null });
    expect(await refusal(() => db.run(sql`UPDATE audit_log SET actor_id = 'someone-else'`))).toMatch(/append-only: entries are never updated/);
    expect(await refusal(() => db.run(sql`DELETE FROM audit_log`))).toMatch(/append-only: entries are never deleted/);
    const [entry] = await audit.list({});
    expect(entry).toMatchObject({ actor: alice, entityId: 'p9', before: { id: 'p9' } });
  });
});
