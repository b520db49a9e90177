// The part of an OpenRTB 2.6 BidRequest Vitrine reads. Unknown fields are dropped and a field of
// the wrong type is ignored (read as absent), as the spec asks; only a request without `id` or
// `imp` is refused.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';

const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);
const str = opt(z.string());
const num = opt(z.number());
const strs = opt(z.array(z.string()).catch([]));
const nums = opt(z.array(z.number()).catch([]));

const format = z.object({ w: num, h: num });
// A deal is only usable with a string id; a malformed pmp makes that imp a no-bid (see deals.ts).
const pmp = z.object({ private_auction: num, deals: opt(z.array(z.unknown()).catch([])) });
const schain = z.object({ nodes: opt(z.array(z.object({ asi: str })).max(64).catch([])) });
const geo = z.object({ country: str, region: str, city: str, utcoffset: num, lat: num, lon: num });

const imp = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  tagid: str,
  bidfloor: num,
  bidfloorcur: str,
  secure: num,
  banner: opt(z.object({ format: opt(z.array(format).catch([])), w: num, h: num, battr: nums })),
  video: opt(z.object({ w: num, h: num, plcmt: num, placement: num, linearity: num, startdelay: num, mimes: strs, battr: nums, protocols: nums, api: nums })),
  // Native 1.x request: a JSON string per spec; some exchanges send the object.
  native: opt(z.object({ request: opt(z.union([z.string(), z.record(z.string(), z.unknown())])), ver: str, battr: nums })),
  // Kept raw: a pmp that is present but not an object is malformed (no bid), not absent.
  pmp: z.unknown().optional(),
});

export const bidRequestSchema = z.object({
  id: z.string().min(1),
  imp: z.array(z.unknown()).min(1),
  site: opt(z.object({ domain: str, page: str, cat: strs })),
  app: opt(z.object({ bundle: str, name: str, cat: strs })),
  device: opt(z.object({ devicetype: num, ua: str, language: str, geo: opt(geo) })),
  user: opt(z.object({ id: str, buyeruid: str, consent: str, ext: opt(z.object({ consent: str })) })),
  regs: opt(z.object({ gdpr: num, us_privacy: str, gpp: str, gpp_sid: nums, coppa: num, ext: opt(z.object({ gdpr: num, us_privacy: str })) })),
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
export type Pmp = z.infer<typeof pmp>;
export const pmpSchema = pmp;

/**
 * At most this many imps per request. Real exchanges send 1–10 (a CTV pod a few more); past the
 * cap the request is refused with 400 before any imp is parsed, so its cost stays bounded.
 */
export const MAX_IMPS = 64;
export type BidRequest = Omit<z.infer<typeof bidRequestSchema>, 'imp'> & { imp: Imp[] };

/** Parses a request body; each imp that is not even an object with an id is dropped (no bid for it). */
export function parseBidRequest(body: unknown): BidRequest {
  // Checked before validating: a 5,000-imp request is refused without walking its imps.
  const raw = (body as { imp?: unknown } | null)?.imp;
  if (Array.isArray(raw) && raw.length > MAX_IMPS) throw new VitrineError('bad_request', `imp: ${raw.length} impressions; at most ${MAX_IMPS} per request`, 'imp');
  const r = bidRequestSchema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || 'body';
    throw new VitrineError('bad_request', `${field}: ${issue.message}`, field);
  }
  const imps = r.data.imp.flatMap((raw) => {
    const i = imp.safeParse(raw);
    return i.success ? [i.data] : [];
  });
  if (imps.length === 0) throw new VitrineError('bad_request', 'imp: no impression has an id', 'imp');
  return { ...r.data, imp: imps };
}
