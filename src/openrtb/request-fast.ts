// The hot path of request validation: the same shape as request.ts's zod schemas, read by hand
// for a request whose every known field already has its expected type (what exchanges send).
// Anything else (a wrong type zod would catch and drop, an unusual form) returns BAIL and the
// zod schema reads it instead, so results and error messages stay zod's. Only the listed keys are
// read (each an own key of a parsed JSON object, looked up by a fixed name); unknown keys are
// dropped, as the schema drops them. test/request-fast.test.ts checks it against zod.
export const BAIL: unique symbol = Symbol('bail');

/** s string, n finite number, ss string[], ns number[], f 0/1 flag (number or "0"/"1"), u kept as is, coppa the regs.coppa rule, zod: present means zod reads it. */
type Leaf = 's' | 'n' | 'ss' | 'ns' | 'f' | 'u' | 'coppa' | 'zod';
interface Arr {
  arr: Shape;
  max?: number;
}
type Spec = Leaf | Arr | Shape;
interface Shape {
  [key: string]: Spec;
}

const geo: Shape = { country: 's', region: 's', city: 's', utcoffset: 'n', lat: 'n', lon: 'n' };
const schain: Shape = { nodes: { arr: { asi: 's' }, max: 64 } };

export const REQUEST_SHAPE: Shape = {
  site: { domain: 's', page: 's', cat: 'ss' },
  app: { bundle: 's', name: 's', cat: 'ss' },
  device: { devicetype: 'n', ua: 's', language: 's', langb: 's', geo },
  user: { id: 's', buyeruid: 's', consent: 's', ext: { consent: 's' } },
  regs: { gdpr: 'f', us_privacy: 's', gpp: 's', gpp_sid: 'ns', coppa: 'coppa', ext: { gdpr: 'f', us_privacy: 's', gpp: 's', gpp_sid: 'ns' } },
  cur: 'ss',
  bcat: 'ss',
  cattax: 'n',
  badv: 'ss',
  bapp: 'ss',
  wseat: 'ss',
  bseat: 'ss',
  tmax: 'n',
  test: 'n',
  source: { schain, ext: { schain } },
  ext: { prebid: { server: { externalurl: 's' } } },
};

export const IMP_SHAPE: Shape = {
  tagid: 's',
  ext: { bidder: { placement: 's' }, prebid: { bidder: { vitrine: { placement: 's' } } } },
  bidfloor: 'n',
  bidfloorcur: 's',
  secure: 'n',
  banner: { format: { arr: { w: 'n', h: 'n' } }, w: 'n', h: 'n', battr: 'ns' },
  video: { w: 'n', h: 'n', plcmt: 'n', placement: 'n', linearity: 'n', startdelay: 'n', mimes: 'ss', battr: 'ns', protocols: 'ns', api: 'ns' },
  native: { request: 's', ver: 's', battr: 'ns' },
  pmp: 'u',
  // Set by readImp when a restricting field could not be read (rare): zod checks its shape.
  malformed: 'zod',
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function list(v: unknown, ok: (x: unknown) => boolean): unknown[] | typeof BAIL {
  if (!Array.isArray(v)) return BAIL;
  for (const x of v) if (!ok(x)) return BAIL;
  return v.slice();
}

function read(spec: Spec, v: unknown): unknown {
  switch (spec) {
    case 's':
      return typeof v === 'string' ? v : BAIL;
    case 'n':
      return finite(v) ? v : BAIL;
    case 'ss':
      return list(v, (x) => typeof x === 'string');
    case 'ns':
      return list(v, finite);
    case 'f':
      return finite(v) ? v : v === '0' || v === '1' ? Number(v) : BAIL;
    case 'u':
      return v;
    case 'zod':
      return BAIL;
    case 'coppa':
      return v === null ? undefined : v === 0 || v === '0' ? 0 : 1;
  }
  if ('arr' in spec && spec.arr !== undefined && typeof spec.arr === 'object') {
    const a = spec as Arr;
    if (!Array.isArray(v) || (a.max !== undefined && v.length > a.max)) return BAIL;
    const out: unknown[] = [];
    for (const x of v) {
      const r = shape(a.arr, x);
      if (r === BAIL) return BAIL;
      out.push(r);
    }
    return out;
  }
  return shape(spec as Shape, v);
}

/** The known keys of `v` read by `s`, or BAIL. A key whose value is undefined is left out (zod's result is the same). */
export function shape(s: Shape, v: unknown): Record<string, unknown> | typeof BAIL {
  if (!isObj(v)) return BAIL;
  const out: Record<string, unknown> = {};
  for (const key in s) {
    if (!Object.hasOwn(v, key)) continue;
    const x = v[key];
    if (x === undefined) continue;
    const r = read(s[key]!, x);
    if (r === BAIL) return BAIL;
    out[key] = r;
  }
  return out;
}

/** The request's fields (imps read separately), or BAIL when zod must read it (or refuse it). */
export function fastRequest(body: Record<string, unknown>): Record<string, unknown> | typeof BAIL {
  const { id, imp } = body;
  if (typeof id !== 'string' || id.length === 0 || !Array.isArray(imp) || imp.length === 0) return BAIL;
  const out = shape(REQUEST_SHAPE, body);
  if (out === BAIL) return BAIL;
  return { id, imp: imp.slice(), ...out };
}

/** One imp (already normalized by readImp), or BAIL. */
export function fastImp(raw: unknown): Record<string, unknown> | typeof BAIL {
  if (!isObj(raw)) return BAIL;
  const id = raw.id;
  const sid = typeof id === 'string' ? id : finite(id) ? String(id) : null;
  if (sid === null) return BAIL;
  const out = shape(IMP_SHAPE, raw);
  if (out === BAIL) return BAIL;
  return { id: sid, ...out };
}
