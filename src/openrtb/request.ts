// The part of an OpenRTB 2.6 BidRequest Vitrine reads. Unknown fields are dropped and a field of
// the wrong type is ignored (read as absent), as the spec asks; only a request without `id` or
// `imp` is refused.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import { BAIL, fastImp, fastRequest } from './request-fast.ts';

const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);
const str = opt(z.string());
const num = opt(z.number());
const strs = opt(z.array(z.string()).catch([]));
const nums = opt(z.array(z.number()).catch([]));
/** A 0/1 flag some exchanges send as a string ("1"). */
const flag = opt(z.union([z.number(), z.enum(['0', '1']).transform(Number)]));

/**
 * Request fields that restrict what may be bid (block lists, seat lists, currencies, floors). A
 * sloppy but readable form is taken for what it says (one string for a one-item list, numeric
 * category ids, a floor written as a decimal string); anything else cannot be honoured, so it is
 * reported as malformed and the affected request or imp gets no bid, never a bid the field
 * would have refused.
 */
const RESTRICTING_LISTS = ['bcat', 'badv', 'bapp', 'wseat', 'bseat', 'cur'] as const;
type Malformed = { field: string; why: string };

function readList(v: unknown): string[] | null {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return null;
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string') out.push(x);
    else if (typeof x === 'number' && Number.isFinite(x)) out.push(String(x));
    else return null;
  }
  return out;
}

const DECIMAL = /^\s*\d{1,9}(\.\d{1,9})?\s*$/;
function readFloor(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.max(0, v) : null;
  if (typeof v === 'string' && DECIMAL.test(v)) return Number(v);
  return null;
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;

const format = z.object({ w: num, h: num });
// A deal is only usable with a string id; a malformed pmp makes that imp a no-bid (see deals.ts).
const pmp = z.object({ private_auction: num, deals: opt(z.array(z.unknown()).catch([])) });
const schain = z.object({ nodes: opt(z.array(z.object({ asi: str })).max(64).catch([])) });
const geo = z.object({ country: str, region: str, city: str, utcoffset: num, lat: num, lon: num });

const imp = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  tagid: str,
  // Bidder params: Prebid Server hands them to a bidder as imp.ext.bidder (the publisher writes
  // imp.ext.prebid.bidder.<name>); a `placement` there stands in for a missing tagid.
  ext: opt(z.object({ bidder: opt(z.object({ placement: str })), prebid: opt(z.object({ bidder: opt(z.object({ vitrine: opt(z.object({ placement: str })) })) })) })),
  // Normalized by readImp before this schema sees it (a decimal string is a floor too).
  bidfloor: num,
  bidfloorcur: str,
  secure: num,
  banner: opt(z.object({ format: opt(z.array(format).catch([])), w: num, h: num, battr: nums })),
  video: opt(z.object({ w: num, h: num, plcmt: num, placement: num, linearity: num, startdelay: num, mimes: strs, battr: nums, protocols: nums, api: nums })),
  // Native 1.x request: a JSON string per spec; some exchanges send the object.
  native: opt(z.object({ request: opt(z.union([z.string(), z.record(z.string(), z.unknown())])), ver: str, battr: nums })),
  // Kept raw: a pmp that is present but not an object is malformed (no bid), not absent.
  pmp: z.unknown().optional(),
  /** Fields of this imp that restrict the bid but cannot be read (set by readImp): no bid on it. */
  malformed: z.array(z.object({ field: z.string(), why: z.string() })).optional(),
});

export const bidRequestSchema = z.object({
  id: z.string().min(1),
  imp: z.array(z.unknown()).min(1),
  site: opt(z.object({ domain: str, page: str, cat: strs })),
  app: opt(z.object({ bundle: str, name: str, cat: strs })),
  device: opt(z.object({ devicetype: num, ua: str, language: str, langb: str, geo: opt(geo) })),
  user: opt(z.object({ id: str, buyeruid: str, consent: str, ext: opt(z.object({ consent: str })) })),
  // A coppa flag that is present but unreadable counts as COPPA (the user id is dropped).
  regs: opt(z.object({ gdpr: flag, us_privacy: str, gpp: str, gpp_sid: nums, coppa: z.unknown().optional().transform((v) => (present(v) ? (v === 0 || v === '0' ? 0 : 1) : undefined)), ext: opt(z.object({ gdpr: flag, us_privacy: str, gpp: str, gpp_sid: nums })) })),
  cur: strs,
  bcat: strs,
  cattax: num,
  badv: strs,
  bapp: strs,
  wseat: strs,
  bseat: strs,
  tmax: num,
  test: num,
  // Who sent the request (exchange-id.ts): the supply chain's nodes and Prebid Server's own URL.
  source: opt(z.object({ schain: opt(schain), ext: opt(z.object({ schain: opt(schain) })) })),
  ext: opt(z.object({ prebid: opt(z.object({ server: opt(z.object({ externalurl: str })) })) })),
});

export type Imp = z.infer<typeof imp>;

/** Request-level restricting fields, normalized in place; what cannot be read is returned. */
function readRestrictions(body: Record<string, unknown>): Malformed[] {
  const bad: Malformed[] = [];
  for (const f of RESTRICTING_LISTS) {
    if (!present(body[f])) continue;
    const list = readList(body[f]);
    if (list) body[f] = list;
    else bad.push({ field: f, why: 'expected an array of strings' });
  }
  // The taxonomy only matters when there is a block list to read in it.
  if (present(body.cattax) && !(typeof body.cattax === 'number' && Number.isInteger(body.cattax) && body.cattax >= 0) && Array.isArray(body.bcat) && body.bcat.length > 0) bad.push({ field: 'cattax', why: 'expected an integer (the taxonomy bcat is in)' });
  return bad;
}

/** One imp with its floor and attribute blocks normalized; unreadable ones are listed in `malformed`. */
function readImp(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const out: Record<string, unknown> = { ...raw };
  const bad: Malformed[] = [];
  if (present(raw.bidfloor)) {
    const f = readFloor(raw.bidfloor);
    if (f === null) bad.push({ field: 'bidfloor', why: 'expected a CPM number' });
    else out.bidfloor = f;
  }
  if (present(raw.bidfloorcur) && typeof raw.bidfloorcur !== 'string') bad.push({ field: 'bidfloorcur', why: 'expected a currency code' });
  for (const kind of ['banner', 'video', 'native'] as const) {
    const o = raw[kind];
    if (isObj(o) && present(o.battr) && !(Array.isArray(o.battr) && o.battr.every((a) => typeof a === 'number'))) bad.push({ field: `${kind}.battr`, why: 'expected an array of attribute numbers' });
  }
  if (bad.length > 0) out.malformed = bad;
  return out;
}

export type Pmp = z.infer<typeof pmp>;
export const pmpSchema = pmp;

/**
 * At most this many imps per request. Real exchanges send 1–10 (a CTV pod a few more); past the
 * cap the request is refused with 400 before any imp is parsed, so its cost stays bounded.
 */
export const MAX_IMPS = 64;
export type BidRequest = Omit<z.infer<typeof bidRequestSchema>, 'imp'> & {
  imp: Imp[];
  /** Request-level restricting fields that could not be read: no bid at all. */
  malformed?: Malformed[];
};

/**
 * Parses a request body; each imp that is not even an object with an id is dropped (no bid for it).
 * A request (or imp) whose known fields all have their expected types is read by hand
 * (request-fast.ts); any other goes through the zod schemas, which name the field on a refusal.
 * `fast: false` reads everything with zod (the tests compare both).
 */
export function parseBidRequest(body: unknown, opts: { fast?: boolean } = {}): BidRequest {
  const fast = opts.fast !== false;
  // Checked before validating: a 5,000-imp request is refused without walking its imps.
  const raw = (body as { imp?: unknown } | null)?.imp;
  if (Array.isArray(raw) && raw.length > MAX_IMPS) throw new VitrineError('bad_request', `imp: ${raw.length} impressions; at most ${MAX_IMPS} per request`, 'imp');
  let input = body;
  let malformed: Malformed[] = [];
  let data: Omit<z.infer<typeof bidRequestSchema>, 'imp'> & { imp: unknown[] };
  if (isObj(body)) {
    const copy = { ...body };
    malformed = readRestrictions(copy);
    input = copy;
  }
  const quick = fast && isObj(input) ? fastRequest(input) : BAIL;
  if (quick !== BAIL) data = quick as typeof data;
  else {
    const r = bidRequestSchema.safeParse(input);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      throw new VitrineError('bad_request', `${field}: ${issue.message}`, field);
    }
    data = r.data;
  }
  // Ids must be unique and non-empty (a bid names its imp by id): a repeated or empty id is dropped.
  const seen = new Set<string>();
  const imps = data.imp.flatMap((raw) => {
    const normalized = readImp(raw);
    const q = fast ? fastImp(normalized) : BAIL;
    let one: Imp;
    if (q !== BAIL) one = q as Imp;
    else {
      const i = imp.safeParse(normalized);
      if (!i.success) return [];
      one = i.data;
    }
    if (one.id === '' || seen.has(one.id)) return [];
    seen.add(one.id);
    return [one];
  });
  if (imps.length === 0) throw new VitrineError('bad_request', 'imp: no impression has a (unique, non-empty) id', 'imp');
  return { ...data, imp: imps, malformed };
}
