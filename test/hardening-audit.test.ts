// Issue 14, the audit of session 10: gaps found against the "What it must do" list, each
// with a test that fails on the code before its fix.
// - every key comparison goes through the runtime's constant-time port (equal-length digests):
//   the admin key on public routes (format=json, /metrics), the studio's sign-in form and the
//   interim role keys used plain string loops that exit early on length;
// - the OpenRTB imp cap is enforced while the body streams in, before any JSON is parsed
//   (a 5,000-imp request is refused whatever follows its first 65 imps);
// - /v1/preview shows decision traces (stock counts, scores, promos) only to an internal reader.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpCounter } from '../src/openrtb/imp-count.ts';
import { MAX_IMPS } from '../src/openrtb/request.ts';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { nodeKeyCompare } from '../src/runtime/node/digest.ts';
import type { KeyCompare } from '../src/security/compare.ts';
import type { Actor } from '../src/services/access.ts';
import { parseActorKeys, withActorKeys } from '../src/services/actor-keys.ts';
import { ADMIN_KEY, SECRET } from './helpers/app.ts';
import { NOW, seedData } from './helpers/fixture.ts';

const WRONG = 'wrong-key-of-another-length';
const seen: Array<[string, string]> = [];
const spy: KeyCompare = async (given, expected) => {
  seen.push([given, expected]);
  return nodeKeyCompare(given, expected);
};

let v: NodeVitrine;
beforeAll(async () => {
  v = await buildNodeApp({ db: ':memory:', demo: false, clock: () => NOW, seed: 7, keyCompare: spy, config: { adminKey: ADMIN_KEY, secret: SECRET } });
  await v.store.seed(seedData());
});
afterAll(async () => v.close());

const comparedAgainstAdminKey = (given: string) => seen.some(([g, e]) => g === given && e === ADMIN_KEY);

describe('every key comparison goes through the constant-time port', () => {
  it('a wrong bearer on public JSON and /metrics is compared through the port and gets the public view', async () => {
    seen.length = 0;
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&seed=5&format=json', { headers: { Authorization: `Bearer ${WRONG}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { trace?: unknown }).trace).toBeUndefined();
    expect(comparedAgainstAdminKey(WRONG)).toBe(true);
    seen.length = 0;
    expect((await v.app.request('/metrics', { headers: { Authorization: `Bearer ${WRONG}` } })).status).toBe(401);
    expect(comparedAgainstAdminKey(WRONG)).toBe(true);
    // And the right key still reads the internal view.
    const internal = (await (await v.app.request('/v1/creative?campaign=c-run&size=300x250&region=GB-LND&seed=5&format=json', { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { trace?: unknown };
    expect(internal.trace).toBeDefined();
  });

  it('the studio sign-in form compares the key through the port', async () => {
    seen.length = 0;
    const form = (key: string) => v.app.request('/studio/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' }, body: new URLSearchParams({ key, next: '/studio/campaigns' }).toString() });
    const bad = await form(WRONG);
    expect(bad.status).toBe(200);
    expect(comparedAgainstAdminKey(WRONG)).toBe(true);
    const good = await form(ADMIN_KEY);
    expect(good.status).toBe(303);
    expect(good.headers.get('Set-Cookie')).toMatch(/vitrine_studio=/);
  });

  it('the interim role keys are each compared through the port, with no early exit', async () => {
    const calls: string[] = [];
    const compare: KeyCompare = async (given, expected) => {
      calls.push(expected);
      return nodeKeyCompare(given, expected);
    };
    const keys = parseActorKeys('ed@example.com/editor/editor-key-0123456789,vi@example.com/viewer/viewer-key-0123456789');
    const base = { fromBearer: async (_secret: string): Promise<Actor | null> => null, fromSession: async (_h: Headers): Promise<Actor | null> => null };
    const wrapped = withActorKeys(base, keys, compare);
    expect((await wrapped.fromBearer('editor-key-0123456789'))?.role).toBe('editor');
    expect(calls).toEqual(['editor-key-0123456789', 'viewer-key-0123456789']);
    calls.length = 0;
    expect(await wrapped.fromBearer('short')).toBeNull();
    expect(calls).toHaveLength(2);
  });
});

describe('the OpenRTB imp cap is enforced before the request is parsed', () => {
  it('a 5,000-imp request is refused naming imp even when the JSON after its first imps is broken', async () => {
    const imps = Array.from({ length: 5000 }, (_, i) => `{"id":"${i + 1}","banner":{"w":300,"h":250}}`).join(',');
    // Valid up to imp 5,000, then garbage: JSON.parse would fail first ("not valid JSON") if it ran first.
    const body = `{"id":"x","imp":[${imps}],"site":{"domain":"news.example"},"tmax":300 !!! not json`;
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { field: string; message: string } };
    expect(err.error.field).toBe('imp');
    expect(err.error.message).toContain(`at most ${MAX_IMPS}`);
  });

  it('a request at the cap still bids or no-bids normally (the count is exact)', async () => {
    const body = JSON.stringify({ id: 'cap', tmax: 2000, imp: Array.from({ length: MAX_IMPS }, (_, i) => ({ id: String(i + 1), tagid: 'pl-home', banner: { w: 300, h: 250 } })), site: { domain: 'news.example' }, device: { geo: { country: 'GBR' } } });
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body });
    expect([200, 204]).toContain(res.status);
  });

  it('property: the streamed count equals JSON.parse’s, whatever the strings, nesting and chunking', () => {
    // Strings full of the characters the scanner must not count (brackets, commas, quotes, escapes).
    const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', ':', 'imp', 'a', ' ', '\n', 'é', '\u2028') });
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(tricky, tie('v'), { maxKeys: 3 })),
    })).v;
    const request = fc.record({
      before: fc.dictionary(tricky.filter((k) => k !== 'imp'), value, { maxKeys: 3 }),
      imp: fc.array(value, { maxLength: 80 }),
      after: fc.dictionary(tricky.filter((k) => k !== 'imp'), value, { maxKeys: 3 }),
      spaced: fc.boolean(),
      escapedKey: fc.boolean(),
    });
    fc.assert(
      fc.property(request, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (r, cuts) => {
        const obj = { ...r.before, imp: r.imp, ...r.after };
        let text = JSON.stringify(obj, null, r.spaced ? 2 : undefined);
        if (r.escapedKey) text = text.replace('"imp"', '"\\u0069mp"');
        const want = (JSON.parse(text) as { imp: unknown[] }).imp.length;
        const counter = new ImpCounter(MAX_IMPS);
        let over = false;
        let at = 0;
        for (let k = 0; at < text.length && !over; k++) {
          const n = cuts[k % cuts.length]!;
          over = counter.feed(text.slice(at, at + n));
          at += n;
        }
        if (want > MAX_IMPS) expect(over).toBe(true);
        else {
          expect(over).toBe(false);
          expect(counter.imps).toBe(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('/v1/preview without a credential', () => {
  it('shows the creatives but no decision trace (stock counts, scores, promos); an internal reader sees the trace', async () => {
    const q = '/v1/preview?campaign=c-run&region=GB-LND&seed=3';
    const pub = await (await v.app.request(q)).text();
    expect(pub).toContain('<img');
    expect(pub).not.toContain('class="trace"');
    const internal = await (await v.app.request(q, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).text();
    expect(internal).toContain('class="trace"');
  });
});
