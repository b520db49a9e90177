// The audit trail through the API: every instrumented write (promos, stock, feed imports, stores,
// Shopify mapping, users, tokens) appends who, when, what and the before/after (bulk writes: counts),
// and GET /v1/admin/audit filters and pages it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import type { AuditEntry } from '../src/services/audit.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { bearer, browser, createUser, newToken, ORIGIN, signIn } from './helpers/accounts.ts';

const promo = { id: 'eve', name: 'Evening deal', regions: ['SA-01'], startsLocal: '2026-11-24T17:30', endsLocal: '2026-11-24T20:00', discount: { kind: 'percent', value: 25 }, copy: { en: '{discount} off tonight' } };

let v: NodeVitrine;
let ann: Record<string, string>;
let annId: string;
beforeAll(async () => {
  v = await fixtureApp();
  annId = (await createUser(v.app, 'ann@example.com', 'admin')).id;
  ann = browser(await signIn(v.app, 'ann@example.com'));
});
afterAll(() => v.close());

const req = (path: string, init: RequestInit = {}) => v.app.request(`${ORIGIN}${path}`, init);
async function audit(query: string): Promise<{ entries: AuditEntry[]; next_before: number | null }> {
  const res = await req(`/v1/admin/audit?${query}`, { headers: admin });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<{ entries: AuditEntry[]; next_before: number | null }>;
}

describe('instrumented writes', () => {
  it('promos: create, update and delete, each with the acting user and before/after', async () => {
    expect((await req('/v1/admin/promos', { method: 'POST', headers: ann, body: JSON.stringify(promo) })).status).toBe(201);
    expect((await req('/v1/admin/promos/eve', { method: 'PUT', headers: ann, body: JSON.stringify({ ...promo, priority: 5 }) })).status).toBe(200);
    expect((await req('/v1/admin/promos/eve', { method: 'DELETE', headers: admin })).status).toBe(204);
    const { entries } = await audit('entity=promo&entity_id=eve');
    expect(entries.map((e) => e.action)).toEqual(['promo.delete', 'promo.update', 'promo.create']);
    const [del, upd, crt] = entries as [AuditEntry, AuditEntry, AuditEntry];
    expect(crt).toMatchObject({ actor: { id: annId, label: 'ann@example.com', role: 'admin', via: 'session' }, before: null, after: { id: 'eve', priority: 0 } });
    expect(upd).toMatchObject({ before: { priority: 0 }, after: { priority: 5 } });
    expect(del).toMatchObject({ actor: { id: 'admin-key', role: 'owner', via: 'admin_key' }, before: { id: 'eve', priority: 5 }, after: null });
    expect(Date.parse(crt.at)).not.toBeNaN();
  });

  it('a refused write records nothing', async () => {
    const before = (await audit('entity=promo')).entries.length;
    expect((await req('/v1/admin/promos', { method: 'POST', headers: ann, body: JSON.stringify({ ...promo, id: 'bad', regions: [] }) })).status).toBe(400);
    expect((await audit('entity=promo')).entries.length).toBe(before);
  });

  it('stock: one summary entry with counts, not a row per line', async () => {
    const rows = [
      { product_id: 'p1', region: 'SA-01', quantity: 7 },
      { product_id: 'p2', region: 'SA-01', adjust: -1 },
      { product_id: 'p1', region: 'AE-DU', quantity: 3 },
    ];
    expect((await req('/v1/admin/stock', { method: 'POST', headers: ann, body: JSON.stringify(rows) })).status).toBe(200);
    const { entries } = await audit('action=stock.bulk');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'stock', after: { rows: 3, products: 2, regions: ['AE-DU', 'SA-01'], absolute: 2, adjustments: 1 }, note: '3 stock row(s) applied' });
  });

  it('feed imports: counts and the first problems', async () => {
    const tsv = readFileSync(new URL('./fixtures/feeds/products.tsv', import.meta.url), 'utf8');
    const res = await req('/v1/admin/feeds/products', { method: 'POST', headers: { ...ann, 'Content-Type': 'text/tab-separated-values' }, body: tsv });
    expect(res.status).toBe(200);
    const [e] = (await audit('entity=feed&entity_id=products')).entries;
    expect(e).toMatchObject({ action: 'feed.import', actor: { id: annId }, after: { kind: 'products', read: 9, inserted: 3, rejected: 6, mode: 'incremental' } });
    expect((e!.after as { problems: unknown[] }).problems).toHaveLength(6);
  });

  it('stores and the Shopify mapping: before and after', async () => {
    const put = (body: unknown) => req('/v1/admin/stores', { method: 'PUT', headers: ann, body: JSON.stringify(body) });
    expect((await put([{ store_code: 'RUH-1', region: 'SA-01', name: 'Riyadh Park' }])).status).toBe(200);
    expect((await put([{ store_code: 'RUH-1', region: 'SA-01', name: 'Riyadh Park Mall' }])).status).toBe(200);
    const [second, first] = (await audit('entity=store&entity_id=RUH-1')).entries;
    expect(first).toMatchObject({ before: [], after: [{ code: 'RUH-1', name: 'Riyadh Park' }] });
    expect(second).toMatchObject({ before: [{ name: 'Riyadh Park' }], after: [{ name: 'Riyadh Park Mall' }] });

    const mapping = { items: { '111': 'p1' }, locations: { '9': { region: 'SA-01' } } };
    expect((await req('/v1/admin/shopify/mapping', { method: 'PUT', headers: ann, body: JSON.stringify(mapping) })).status).toBe(200);
    expect((await audit('action=shopify.mapping')).entries[0]).toMatchObject({ before: { items: {}, locations: {} }, after: mapping });
  });

  it('users and tokens: create, role, disable, token create and revoke; no secret ever in the trail', async () => {
    const { id } = await createUser(v.app, 'ed@example.com', 'editor', ann);
    expect((await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: ann, body: JSON.stringify({ role: 'approver' }) })).status).toBe(200);
    const { secret, token } = await newToken(v.app, ann, { name: 'ed bot', user_id: id });
    expect((await req(`/v1/admin/tokens/${token.id}`, { method: 'DELETE', headers: bearer(secret) })).status).toBe(200);
    expect((await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: ann, body: JSON.stringify({ disabled: true }) })).status).toBe(200);

    const users = (await audit(`entity=user&entity_id=${id}`)).entries;
    expect(users.map((e) => e.action)).toEqual(['user.disable', 'user.role', 'user.create']);
    expect(users[1]).toMatchObject({ actor: { id: annId }, before: { role: 'editor' }, after: { role: 'approver' } });
    expect(users[0]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
    const tokens = (await audit(`entity=token&entity_id=${token.id}`)).entries;
    expect(tokens.map((e) => [e.action, e.actor.id])).toEqual([['token.revoke', id], ['token.create', annId]]);
    expect(tokens[0]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    const all = JSON.stringify((await audit('limit=500')).entries);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('correct horse');
  });
});

describe('GET /v1/admin/audit', () => {
  it('filters by actor, action and time, and pages newest first', async () => {
    const mine = (await audit(`actor=${annId}`)).entries;
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.every((e) => e.actor.id === annId)).toBe(true);
    const ids = mine.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const page1 = await audit(`actor=${annId}&limit=2`);
    expect(page1.entries.map((e) => e.id)).toEqual(ids.slice(0, 2));
    const page2 = await audit(`actor=${annId}&limit=2&before=${page1.next_before}`);
    expect(page2.entries.map((e) => e.id)).toEqual(ids.slice(2, 4));

    const at = mine[2]!.at;
    expect((await audit(`actor=${annId}&since=${encodeURIComponent(at)}`)).entries.every((e) => e.at >= at)).toBe(true);
    expect((await audit(`actor=${annId}&until=${encodeURIComponent(at)}`)).entries.every((e) => e.at <= at)).toBe(true);
    expect((await audit('since=2999-01-01T00:00:00Z')).entries).toEqual([]);
  });

  it('names a bad filter (400) and needs a signed-in actor (401); any role may read it', async () => {
    const bad = await req('/v1/admin/audit?since=yesterday&limit=0&colour=red', { headers: admin });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['since', 'limit', '(body)']));
    expect((await req('/v1/admin/audit')).status).toBe(401);
    await createUser(v.app, 'viewer@example.com', 'viewer');
    const viewer = browser(await signIn(v.app, 'viewer@example.com'));
    expect((await req('/v1/admin/audit?limit=1', { headers: viewer })).status).toBe(200);
  });
});
