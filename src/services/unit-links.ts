// Render-on-fetch links: a bid never waits on a cold render. The markup points at
// `/v1/unit/<token>.<ext>`, whose signed token carries the slots to draw (what the creative
// shows, nothing about the viewer) and the decision's signed links; the first fetch renders and
// caches by content, later ones are cache hits. Stateless, so any process or isolate can answer.
import type { SlotsDraft } from '../render/slots.ts';
import { base64url, fromBase64url } from '../security/base64.ts';
import type { Digest } from '../security/digest.ts';
import { webDigest } from '../security/digest.ts';
import type { Links } from './creative.ts';

export type UnitFormat = 'html' | 'png';

export interface UnitPayload {
  /** The slots the unit draws (product images still as links). */
  s: SlotsDraft;
  /** Click and impression links of the decision (HTML only). */
  l?: { c: string; i: string };
  /** Expiry, epoch seconds. */
  e: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** Domain separation: a unit token can never verify as any other token kind. */
const PREFIX = 'vitrine-unit-v1|';
const MAC_BYTES = 16;
/** A bid's markup is used within minutes; a day covers caches and late renders. */
export const UNIT_TTL_S = 24 * 3600;
/** Longest token accepted (base64 of the slots is about 1 KB). */
const MAX_TOKEN = 8192;

export class UnitLinks {
  private readonly digest: Digest;
  constructor(
    private readonly secret: string,
    digest?: Digest,
  ) {
    this.digest = digest ?? webDigest();
  }

  async url(origin: string, format: UnitFormat, draft: SlotsDraft, nowMs: number, links?: Links): Promise<string> {
    const payload: UnitPayload = { s: draft, e: Math.floor(nowMs / 1000) + UNIT_TTL_S, ...(links ? { l: { c: links.click, i: links.impression } } : {}) };
    const body = base64url(enc.encode(JSON.stringify(payload)));
    const mac = await this.digest.hmacSha256(this.secret, PREFIX + format + '|' + body);
    return `${origin}/v1/unit/${body}.${base64url(mac.subarray(0, MAC_BYTES))}.${format}`;
  }

  /** The payload of a `<body>.<mac>.<ext>` token, or why it is refused. */
  async open(token: string, nowMs: number): Promise<{ ok: true; format: UnitFormat; payload: UnitPayload } | { ok: false; status: 400 | 404 | 410; reason: string }> {
    if (token.length > MAX_TOKEN) return { ok: false, status: 400, reason: 'token too long' };
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, status: 400, reason: 'malformed token' };
    const [body, mac, ext] = parts as [string, string, string];
    if (ext !== 'html' && ext !== 'png') return { ok: false, status: 400, reason: 'unknown unit format' };
    const macBytes = fromBase64url(mac);
    const bodyBytes = fromBase64url(body);
    if (!macBytes || macBytes.length !== MAC_BYTES || !bodyBytes || base64url(bodyBytes) !== body || base64url(macBytes) !== mac) return { ok: false, status: 400, reason: 'malformed token' };
    const want = (await this.digest.hmacSha256(this.secret, PREFIX + ext + '|' + body)).subarray(0, MAC_BYTES);
    let diff = 0;
    for (let i = 0; i < MAC_BYTES; i++) diff |= want[i]! ^ macBytes[i]!;
    if (diff !== 0) return { ok: false, status: 404, reason: 'bad signature' };
    let payload: UnitPayload;
    try {
      payload = JSON.parse(dec.decode(bodyBytes)) as UnitPayload;
    } catch {
      return { ok: false, status: 400, reason: 'malformed token' };
    }
    if (typeof payload.e !== 'number' || payload.e * 1000 < nowMs) return { ok: false, status: 410, reason: 'unit link expired' };
    return { ok: true, format: ext, payload };
  }
}
