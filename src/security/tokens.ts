// Signed click / impression / scan tokens: base64url(JSON payload) "." base64url(HMAC-SHA-256).
// Web Crypto only, so Node and Workers share it. A token that fails verification never redirects.
import { base64url, fromBase64url } from './base64.ts';
import { webDigest, type Digest } from './digest.ts';

export type TokenKind = 'c' | 'i' | 'q' | 'w' | 'b';

export interface TokenPayload {
  /** c = click, i = impression, q = QR scan, w = OpenRTB win notice, b = billing notice. */
  k: TokenKind;
  /** Decision id. */
  d: string;
  c: string;
  v: string | null;
  p: string | null;
  r: string;
  /** Destination (the product link) the click redirects to. */
  u: string;
  /** Issued at, epoch seconds. */
  t: number;
  /** Test traffic. */
  x?: 1;
  /** Learning context bucket of the decision. */
  b?: string;
  /** Holdout traffic (the default variant served to measure lift). */
  h?: 1;
  /** Keyed user hash and profile segments: present only when consent allowed personalization. */
  s?: string;
  g?: string[];
}

export type VerifyResult = { ok: true; payload: TokenPayload } | { ok: false; status: 400 | 404; reason: string };

const enc = new TextEncoder();
const dec = new TextDecoder();
/** 128-bit truncated HMAC: short URLs, still far beyond forgery reach. */
const MAC_BYTES = 16;

export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly digest: Digest = webDigest(),
  ) {
    if (secret.length < 16) throw new Error('VITRINE_SECRET must be at least 16 characters');
  }

  async sign(payload: TokenPayload): Promise<string> {
    const body = base64url(enc.encode(JSON.stringify(payload)));
    const mac = await this.digest.hmacSha256(this.secret, body);
    return `${body}.${base64url(mac.subarray(0, MAC_BYTES))}`;
  }

  async verify(token: string, kind: TokenKind): Promise<VerifyResult> {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot === token.length - 1 || token.length > 2048) return { ok: false, status: 400, reason: 'malformed token' };
    const body = token.slice(0, dot);
    const mac = fromBase64url(token.slice(dot + 1));
    if (!mac || mac.length !== MAC_BYTES || !fromBase64url(body)) return { ok: false, status: 400, reason: 'malformed token' };
    const full = await this.digest.hmacSha256(this.secret, body);
    if (!timingSafeEqual(full.subarray(0, MAC_BYTES), mac)) return { ok: false, status: 404, reason: 'bad signature' };
    let payload: TokenPayload;
    try {
      payload = JSON.parse(dec.decode(fromBase64url(body)!)) as TokenPayload;
    } catch {
      return { ok: false, status: 400, reason: 'malformed token' };
    }
    if (payload.k !== kind) return { ok: false, status: 404, reason: `token is not a ${kind} token` };
    if (!/^https?:\/\//.test(payload.u)) return { ok: false, status: 404, reason: 'token destination is not http(s)' };
    return { ok: true, payload };
  }
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** The product link with Vitrine's UTM tags; existing query parameters are kept. */
export function withUtm(link: string, p: TokenPayload, medium: string): string {
  const url = new URL(link);
  url.searchParams.set('utm_source', 'vitrine');
  url.searchParams.set('utm_medium', medium);
  url.searchParams.set('utm_campaign', p.c);
  if (p.v) url.searchParams.set('utm_content', p.v);
  return url.toString();
}
