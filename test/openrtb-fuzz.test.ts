// Malformed OpenRTB, generated: real request shapes (web banner, native 1.2 and 1.1, CTV video,
// Prebid Server's extensions, deals) with one to three fields anywhere in them replaced by any JSON
// value (wrong types, negative and huge numbers, nulls, nested junk). Whatever arrives, the
// endpoint answers 200 with well-formed bids for the request's own imps, 204, or 400 naming a
// field: never a 5xx, never a bid for an imp it was not asked about.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';

let v: NodeVitrine;
/** An imp whose bidding threw is answered as a no-bid and logged: the fuzz counts those as failures too. */
const impFailures: string[] = [];
beforeAll(async () => {
  v = await fixtureApp();
  const warn = v.serve.log.warn.bind(v.serve.log);
  v.serve.log.warn = (msg: string, fields?: Record<string, unknown>) => {
    if (msg.startsWith('openrtb imp failed')) impFailures.push(String(fields?.err));
    warn(msg, fields);
  };
});
afterAll(async () => v.close());

const nativeReq = JSON.stringify({ ver: '1.2', privacy: 1, assets: [{ id: 1, required: 1, title: { len: 90 } }, { id: 2, required: 1, img: { type: 3, wmin: 300, hmin: 157 } }, { id: 3, img: { type: 1, w: 80, h: 80 } }, { id: 4, data: { type: 6 } }], eventtrackers: [{ event: 1, methods: [1] }] });
const BASES: unknown[] = [
  {
    id: 'f1',
    tmax: 3000,
    cur: ['USD'],
    imp: [
      { id: 'b', tagid: 'pl-home', bidfloor: 0.5, banner: { format: [{ w: 300, h: 250 }, { w: 728, h: 90 }], battr: [1] }, pmp: { private_auction: 0, deals: [{ id: 'deal-stride-q4', bidfloor: 1, wseat: ['vitrine'] }] }, ext: { bidder: { placement: 'pl-home' }, gpid: '/1/home' } },
      { id: 'n', tagid: 'pl-home', native: { ver: '1.2', request: nativeReq } },
    ],
    site: { domain: 'news.example', page: 'https://news.example/a', publisher: { id: 'p' } },
    device: { devicetype: 2, ua: 'Mozilla/5.0', language: 'en', geo: { country: 'GBR', region: 'LND' } },
    user: { id: 'u1', buyeruid: 'b1', ext: { eids: [{ source: 'x.example', uids: [{ id: 'e', atype: 1 }] }], consent: 'CP' } },
    regs: { gdpr: 0, us_privacy: '1---', gpp: 'DBABMA~x', gpp_sid: [2], coppa: 0 },
    source: { schain: { ver: '1.0', complete: 1, nodes: [{ asi: 'pbs.example', sid: '1', hp: 1 }] } },
    bcat: ['IAB25'],
    cattax: 1,
    badv: ['other.example'],
    wseat: ['vitrine'],
    ext: { prebid: { server: { externalurl: 'https://pbs.example' } } },
  },
  {
    id: 'f2',
    tmax: 3000,
    imp: [{ id: 'v', tagid: 'pl-home', video: { mimes: ['video/mp4'], linearity: 2, plcmt: 7, w: 1920, h: 1080, protocols: [3, 13], battr: [1] } }, { id: 'p', video: { plcmt: 9, w: 1400, h: 400, protocols: [13] } }],
    app: { bundle: 'tv.example', name: 'TV' },
    device: { devicetype: 3, geo: { country: 'ARE', region: 'DU' } },
    cattax: 2,
    bcat: ['1'],
  },
  {
    id: 'f3',
    tmax: 3000,
    imp: [{ id: 'w', tagid: 'pl-home', native: { ver: '1.1', request: JSON.stringify({ native: { ver: '1.1', assets: [{ id: 1, required: 1, title: { len: 25 } }, { id: 2, img: { type: 3, w: 1200, h: 627 } }] } }) } }],
    site: { domain: 'news.example' },
    device: { geo: { country: 'SAU', region: '01' }, language: 'ar' },
  },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside a JSON document (objects and arrays), root excluded. */
function paths(doc: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (doc === null || typeof doc !== 'object') return [];
  const keys: Array<string | number> = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return keys.flatMap((k) => [[...at, k], ...paths((doc as Record<string | number, Json>)[k]!, [...at, k])]);
}

function replaced(doc: Json, path: Array<string | number>, value: Json): Json {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (Array.isArray(doc)) return doc.map((x, i) => (i === k ? replaced(x, rest, value) : x));
  const o = doc as Record<string, Json>;
  return { ...o, [k!]: replaced(o[k!]!, rest, value) };
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, -1, 0, -1e308, 1e308, 2 ** 31, 1e10, 0.5, NaN as unknown as number, '', '1', '-5', 'IAB18', '__proto__', 'G[', '(*', 'constructor', [], {}, [null], [{}], { __proto__: 1 } as Json, true),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

describe('OpenRTB: malformed requests never cause a 5xx', () => {
  it('answers 200/204/400 for any field replaced by any JSON value', async () => {
    const run = async (base: Json, edits: Array<[number, Json]>) => {
      impFailures.length = 0;
      let doc = base;
      for (const [pick, value] of edits) {
        const all = paths(doc);
        if (all.length === 0) break;
        doc = replaced(doc, all[pick % all.length]!, value);
      }
      const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
      expect([200, 204, 400], JSON.stringify(doc).slice(0, 600)).toContain(res.status);
      expect(impFailures, JSON.stringify(doc).slice(0, 600)).toEqual([]);
      if (res.status === 400) expect(((await res.json()) as { error: { field: string } }).error.field).toEqual(expect.any(String));
      if (res.status === 200) {
        const out = (await res.json()) as { id: string; seatbid: Array<{ bid: Array<{ impid: string; price: number; adm: string }> }> };
        const asked = new Set(((doc as { imp: Array<{ id: unknown }> }).imp ?? []).map((i) => String(i?.id)));
        for (const b of out.seatbid.flatMap((s) => s.bid)) {
          expect(asked.has(b.impid)).toBe(true);
          expect(b.price).toBeGreaterThan(0);
          expect(b.adm.length).toBeGreaterThan(0);
        }
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...(BASES as Json[])), fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 3 }), run),
      { numRuns: 300, seed: 13 },
    );
  }, 120_000);
});
