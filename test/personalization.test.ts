// First-party profiles gated by consent: what a decision reads, what it never reads, erasure,
// expiry, frequency caps, and that raw user ids never reach the database file.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { GRANTING, tc } from './helpers/consent-strings.ts';
import { NOW } from './helpers/fixture.ts';
import { decisionOf, hoursAgo, merchant, personalApp, type Clock } from './helpers/personal.ts';

const DENYING = tc({ purposes: [1, 2, 3, 7] }); // no purpose 4: profiles may not select ads
const granted = { uid: 'shopper-1', gdpr: '1', gdpr_consent: GRANTING };

let v: NodeVitrine & { clock: Clock };
beforeAll(async () => {
  v = await personalApp();
});
afterAll(async () => v.close());

const put = (uid: string, body: unknown, headers: Record<string, string> = merchant) => v.app.request(`/v1/profiles/${encodeURIComponent(uid)}`, { method: 'PUT', headers, body: JSON.stringify(body) });
const rules = (d: { trace: Array<{ rule: string }> }) => d.trace.map((t) => t.rule);

describe('profiles API', () => {
  it('stores a profile, reports unknown product ids, and reads it back with what a decision derives', async () => {
    const res = await put('shopper-1', { segments: ['runners'], cart: [{ product_id: 'p3', added_at: hoursAgo(5) }, { product_id: 'nope-9', added_at: hoursAgo(5) }], loyalty_tier: null });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { unknown_products: string[]; profile: { expires_at: string } };
    expect(body.unknown_products).toEqual(['nope-9']);
    expect(Date.parse(body.profile.expires_at) - NOW).toBe(30 * 86_400_000);
    const got = (await (await v.app.request('/v1/profiles/shopper-1', { headers: merchant })).json()) as { profile: { derived: { segments: string[]; abandoned_cart: string[] } } };
    expect(got.profile.derived.segments).toEqual(['runners', 'cart_abandoner']);
    expect(new Set(got.profile.derived.abandoned_cart)).toEqual(new Set(['p3', 'nope-9']));
  });

  it('refuses bad payloads naming the field, and requires the merchant (or admin) key', async () => {
    const bad = await put('shopper-x', { segments: ['ok', 'no spaces allowed'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('segments.1');
    const typo = await put('shopper-x', { segmnets: ['a'] });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(await typo.json())).toContain('segmnets');
    const badDate = await put('shopper-x', { cart: [{ product_id: 'p1', added_at: 'yesterday' }] });
    expect(((await badDate.json()) as { error: { field: string } }).error.field).toBe('cart.0.added_at');
    expect((await put('shopper-x', {}, { 'Content-Type': 'application/json' })).status).toBe(401);
    expect((await put('shopper-x', {}, { ...merchant, Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await v.app.request('/v1/profiles/nobody', { headers: merchant })).status).toBe(404);
  });
});

describe('consent gates the profile', () => {
  beforeAll(async () => {
    expect((await put('shopper-1', { segments: ['runners'], cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] })).status).toBe(200);
  });

  it('uses the profile with a granting TC string and not with a denying one (no profile read at all)', async () => {
    const yes = await decisionOf(v, { ...granted, seed: '1' });
    expect(yes.decision.variant).toBe('v-cart');
    expect(yes.decision.products!.map((p) => p.id)).toEqual(['p3']);
    expect(yes.decision.personalized).toBe(true);
    expect(rules(yes)).toEqual(expect.arrayContaining(['tcf_granted', 'profile', 'cart_abandoner']));
    expect(yes.slots.headline).toContain('Still thinking about');

    const reads = vi.spyOn(v.store, 'getUserState');
    const no = await decisionOf(v, { ...granted, gdpr_consent: DENYING, seed: '1' });
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(no.decision.variant).toBe('v-default');
    expect(no.decision.products!.map((p) => p.id)).toEqual(['p5']);
    expect(no.decision.personalized).toBe(false);
    expect(rules(no)).toEqual(expect.arrayContaining(['tcf_denied', 'profile_not_read']));
    expect(no.trace.find((t) => t.rule === 'tcf_denied')!.detail).toMatch(/purpose 4/);
    expect(no.signals.segments).toBeNull();
  });

  it('treats a truncated string or none (GDPR presumed in London) as no consent, saying so in the trace', async () => {
    const cut = await decisionOf(v, { ...granted, gdpr_consent: GRANTING.slice(0, 30) });
    expect(rules(cut)).toContain('tcf_invalid');
    expect(cut.decision.variant).toBe('v-default');
    const none = await decisionOf(v, { uid: 'shopper-1' });
    expect(rules(none)).toContain('tcf_missing');
    expect(none.decision.personalized).toBe(false);
  });

  it('a US opt-out means context only even where GDPR does not apply', async () => {
    const d = await decisionOf(v, { uid: 'shopper-1', gdpr: '0', us_privacy: '1NYN' });
    expect(rules(d)).toContain('usp_opt_out');
    expect(d.decision.variant).toBe('v-default');
    const ok = await decisionOf(v, { uid: 'shopper-1', gdpr: '0', us_privacy: '1YNN' });
    expect(rules(ok)).toContain('no_regulation');
    expect(ok.decision.variant).toBe('v-cart');
  });

  it('a recent purchaser is offered a complementary category, never what was just bought', async () => {
    await put('buyer-1', { purchases: [{ product_id: 'p5', at: hoursAgo(24) }] });
    const d = await decisionOf(v, { ...granted, uid: 'buyer-1' });
    expect(rules(d)).toContain('complementary');
    expect(d.decision.products!.map((p) => p.id)).toEqual(['p1']);
    await put('buyer-2', { purchases: [{ product_id: 'p1', at: hoursAgo(24) }], cart: [{ product_id: 'p1', added_at: hoursAgo(48) }] });
    const d2 = await decisionOf(v, { ...granted, uid: 'buyer-2' });
    // Bought after it was added: not an abandoned cart; a shoe buyer sees bags.
    expect(rules(d2)).not.toContain('cart_abandoner');
    expect(d2.decision.products!.map((p) => p.id)).toEqual(['p5']);
  });

  it('loyalty tier copy and the profile language', async () => {
    await put('gold-1', { loyalty_tier: 'gold', lang: 'ar' });
    const d = await decisionOf(v, { ...granted, uid: 'gold-1' });
    expect(d.decision.variant).toBe('v-gold');
    expect(d.slots.lang).toBe('ar');
    expect(rules(d)).toContain('profile_lang');
    const en = await decisionOf(v, { ...granted, uid: 'gold-1', lang: 'en' });
    expect(en.slots.headline).toMatch(/^Gold pick: /);
  });
});

describe('consent on /v1/vast', () => {
  it('personalizes the CTV overlay only with consent, and its replayed image carries the same user and consent', async () => {
    const vast = async (q: Record<string, string>) => (await v.app.request(`/v1/vast?${new URLSearchParams({ campaign: 'c-run', region: 'GB-LND', seed: '3', ...q })}`)).text();
    const yes = await vast(granted);
    expect(yes).toMatch(/<AdTitle><!\[CDATA\[Run season: Trail Runner p3\]\]><\/AdTitle>|<AdTitle>Run season: Trail Runner p3<\/AdTitle>/);
    const img = /<StaticResource[^>]*>(?:<!\[CDATA\[)?([^<\]]+)/.exec(yes)![1]!.replace(/&amp;/g, '&');
    const replay = new URL(img);
    // The player sees no user id or consent string: they travel sealed in `ref`, and the replay decides the same.
    expect(replay.searchParams.get('uid')).toBeNull();
    expect(replay.searchParams.get('gdpr_consent')).toBeNull();
    expect(img).not.toContain('shopper-1');
    expect(replay.searchParams.get('ref')).toMatch(/^[\w-]{40,}$/);
    const overlay = await v.app.request(replay.pathname + replay.search);
    expect(overlay.status).toBe(200);
    expect(overlay.headers.get('x-vitrine-variant')).toBe('v-cart');
    const no = await vast({ ...granted, gdpr_consent: DENYING });
    expect(no).not.toContain('Trail Runner p3');
  });
});

describe('erasure and expiry', () => {
  it('erasure makes the next decision ignore the user and unlinks their events, even late ones', async () => {
    await put('erase-me', { cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] });
    const before = await decisionOf(v, { ...granted, uid: 'erase-me' });
    expect(before.decision.variant).toBe('v-cart');
    expect((await v.app.request(new URL(before.urls.click!).pathname)).status).toBe(302);
    await v.flush();
    expect((await v.store.decisionEvent(before.decision.id as string))!.userHash).toMatch(/^[\w-]{22}$/);

    const del = await v.app.request('/v1/profiles/erase-me', { method: 'DELETE', headers: merchant });
    expect(await del.json()).toMatchObject({ erased: true, profile: true, events_unlinked: 1 });
    expect((await v.store.decisionEvent(before.decision.id as string))!.userHash).toBeNull();

    const after = await decisionOf(v, { ...granted, uid: 'erase-me' });
    expect(after.decision.variant).toBe('v-default');
    expect(rules(after)).toContain('profile_none');
    // A beacon from a link issued before the erasure is stored without the link to the user.
    expect((await v.app.request(new URL(before.urls.impression!).pathname)).status).toBe(200);
    await v.flush();
    const again = await v.app.request('/v1/profiles/erase-me', { method: 'DELETE', headers: merchant });
    expect(await again.json()).toMatchObject({ profile: false, events_unlinked: 0 });
  });

  it('profiles expire after the configured TTL', async () => {
    const clock = { now: NOW };
    const w = await personalApp({ clock, config: { profileTtlDays: 1 } });
    try {
      await w.app.request('/v1/profiles/short', { method: 'PUT', headers: merchant, body: JSON.stringify({ cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] }) });
      expect((await decisionOf(w, { ...granted, uid: 'short' })).decision.variant).toBe('v-cart');
      clock.now = NOW + 25 * 3_600_000;
      expect((await w.app.request('/v1/profiles/short', { headers: merchant })).status).toBe(404);
      const d = await decisionOf(w, { ...granted, uid: 'short' });
      expect(rules(d)).toContain('profile_none');
      expect(await w.store.purgeExpiredProfiles(new Date(clock.now).toISOString())).toBe(1);
    } finally {
      await w.close();
    }
  });
});

describe('frequency caps', () => {
  it('caps a consented user per campaign per day, counting impressions not yet flushed; without consent there is no cap', async () => {
    const w = await personalApp({ campaign: { frequencyCap: 2 } });
    try {
      for (let i = 0; i < 2; i++) {
        const d = await decisionOf(w, { ...granted, uid: 'cap-1', seed: String(i) });
        expect(d.decision.variant).not.toBeNull();
        expect((await w.app.request(new URL(d.urls.impression!).pathname)).status).toBe(200);
      }
      const capped = await decisionOf(w, { ...granted, uid: 'cap-1' });
      expect(capped.decision.variant).toBeNull();
      expect(rules(capped)).toContain('frequency_cap');
      await w.flush();
      expect(rules(await decisionOf(w, { ...granted, uid: 'cap-1' }))).toContain('frequency_cap');
      // Another user, or the same one without consent (no user-keyed read or write), is served.
      expect((await decisionOf(w, { ...granted, uid: 'cap-2' })).decision.variant).not.toBeNull();
      const anon = await decisionOf(w, { ...granted, gdpr_consent: DENYING, uid: 'cap-1' });
      expect(anon.decision.variant).not.toBeNull();
      expect((await w.app.request(new URL(anon.urls.impression!).pathname)).status).toBe(200);
      await w.flush();
      // The next day the count starts again.
      w.clock.now = NOW + 86_400_000;
      expect((await decisionOf(w, { ...granted, uid: 'cap-1' })).decision.variant).not.toBeNull();
    } finally {
      await w.close();
    }
  });
});

describe('raw user ids never reach storage', () => {
  it('the database file holds no trace of the raw uid after profiles, decisions, events and conversions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-uid-'));
    const db = join(dir, 'v.db');
    const w = await personalApp({ db });
    const uid = 'raw-uid-4242@shopper.example';
    await w.app.request(`/v1/profiles/${encodeURIComponent(uid)}`, { method: 'PUT', headers: merchant, body: JSON.stringify({ segments: ['vip'], cart: [{ product_id: 'p3', added_at: hoursAgo(5) }] }) });
    const d = await decisionOf(w, { ...granted, uid });
    expect(d.decision.personalized).toBe(true);
    await w.app.request(new URL(d.urls.impression!).pathname);
    await w.app.request(new URL(d.urls.click!).pathname);
    await w.flush();
    const conv = await w.app.request('/v1/events/conversion', { method: 'POST', headers: merchant, body: JSON.stringify({ order_id: 'o-uid-1', decision_id: d.decision.id, value: 10, currency: 'USD' }) });
    expect(conv.status).toBe(201);
    await w.close();
    const bytes = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from('raw-uid-4242'))).toBe(false);
    expect(bytes.includes(Buffer.from('vip'))).toBe(true); // the profile itself is there
  });
});
