// The cached-bid hot path answers the same bytes as the plain path it replaced: a unit filled from
// its split template reads exactly as personalizeHtml makes it, the spliced bid response is exactly
// JSON.stringify of the response, the table base64 encoders spell exactly what Node's Buffer
// spells, and pooled IVs are never handed out twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeAead, nodeDigest } from '../src/runtime/node/digest.ts';
import { base64url, bytesToBase64, fromBase64url } from '../src/security/base64.ts';
import { TokenSigner } from '../src/security/tokens.ts';
import { localTime } from '../src/domain/time.ts';
import { bidResponseBytes, withEscapedAdm } from '../src/services/bid-json.ts';
import { filledUnit, personalizeHtml, type Links } from '../src/services/creative.ts';
import { ORIGIN_MARK } from '../src/services/kit-fonts.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const CLICK = '__VITRINE_CLICK_URL__';
const IMP = '__VITRINE_IMPRESSION_URL__';

// Text that JSON and HTML escaping both care about: quotes, backslashes, control characters,
// line separators, Arabic, astral characters (surrogate pairs) and markup.
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '</script>', 'سعر ٢٠٣٫٩٩ ر.س.', '🛍️', '&amp;', '<img src="x">'),
);
const markup = fc.array(fc.oneof(tricky, fc.constantFrom(CLICK, IMP, ORIGIN_MARK, `<img src="${IMP}" width="1" height="1" alt="">`)), { maxLength: 12 }).map((xs) => xs.join(''));
const link = fc.tuple(fc.constantFrom('https://ads.example', 'http://127.0.0.1:8787', 'https://a.example/x?y=1&z="2"'), fc.string({ maxLength: 30 })).map(([o, t]) => `${o}/c/${t}`);
const links = fc.record({ click: link, impression: link, scan: fc.constant('') });

describe('filled units', () => {
  it('read exactly as personalizeHtml makes them, as text and as JSON-escaped bytes', () => {
    fc.assert(
      fc.property(markup, links, (html, l: Links) => {
        const hit = { bytes: enc.encode(html), contentType: 'text/html; charset=utf-8' };
        const want = dec.decode(personalizeHtml(hit.bytes, l));
        const got = filledUnit(hit, l);
        if (got === null) return; // a link that looks like a mark: the caller takes the plain path
        expect(got.text).toBe(want);
        expect(dec.decode(concat(got.json))).toBe(JSON.stringify(want).slice(1, -1));
        // A second fill of the same cached unit (the template is reused) gives this request's links.
        expect(filledUnit(hit, { ...l, click: 'https://x.example/c/other' })!.text).toBe(dec.decode(personalizeHtml(hit.bytes, { ...l, click: 'https://x.example/c/other' })));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a link that spells a mark, so the caller replaces in order like personalizeHtml', () => {
    const hit = { bytes: enc.encode(`<a href="${CLICK}">x</a><img src="${IMP}">`), contentType: 'text/html' };
    expect(filledUnit(hit, { click: `https://a.example/${IMP}`, impression: 'https://a.example/i/1', scan: '' })).toBeNull();
  });
});

describe('bid response bytes', () => {
  it('are exactly JSON.stringify of the response, with spliced and plain markups mixed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(markup, fc.boolean(), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 20 }), (specs, id) => {
        const bids = specs.map(([adm, spliced, crid], i) => withEscapedAdm({ id: `b${i}`, impid: String(i), price: 1.5, adm, adomain: ['shop.example'], crid, w: 300, h: 250 }, spliced ? [enc.encode(JSON.stringify(adm).slice(1, -1))] : undefined));
        const resp = { id, bidid: `${id}:b0`, cur: 'USD', seatbid: [{ seat: 'vitrine', bid: bids }] };
        expect(dec.decode(bidResponseBytes(resp))).toBe(JSON.stringify(resp));
      }),
      { numRuns: 300 },
    );
  });
});

describe('base64 encoders', () => {
  it('spell exactly what Buffer spells, and base64url reads back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect([...fromBase64url(base64url(bytes))!]).toEqual([...bytes]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('token IVs', () => {
  it('are never reused, across several refills of the pool', async () => {
    const signer = new TokenSigner('iv-test-secret-0123456789', nodeDigest(), undefined, Date.now, nodeAead);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const token = await signer.sign({ k: 'c', d: 'd', c: 'c', v: null, p: null, r: 'GB', u: 'https://a.example/' });
      seen.add(Buffer.from(fromBase64url(token)!.subarray(0, 12)).toString('hex'));
      if (i % 500 === 0) expect((await signer.verify(token, 'c')).ok).toBe(true);
    }
    expect(seen.size).toBe(2000);
  });
});

describe('local time', () => {
  it('reads the same wall clock from the per-minute memo as from Intl, across DST and odd offsets', () => {
    const zones = ['Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Riyadh', 'America/Los_Angeles'];
    const fresh = (now: number, tz: string) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(new Date(now)).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute} ${p.weekday}`;
    };
    const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: 0, max: 59_999 }), fc.integer({ min: 1, max: 59 }), (tz, t, later, minutes) => {
        // Two reads inside one UTC minute (the second from the memo), one a few minutes on, then either side of a DST change at 01:00 UTC.
        for (const now of [t, Math.floor(t / 60_000) * 60_000 + later, t + minutes * 60_000, Date.UTC(2026, 2, 29, 0, 59, 59, 999), Date.UTC(2026, 2, 29, 1, 0, 0, 0)]) {
          const l = localTime(now, tz, []);
          expect(`${l.wall} ${DAYS[l.weekday]}`).toBe(fresh(now, tz));
        }
      }),
      { numRuns: 400 },
    );
  });
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) out.set(p, (o += p.byteLength) - p.byteLength);
  return out;
}
