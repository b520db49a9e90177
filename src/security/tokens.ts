// Click / impression / scan / notice tokens: AES-256-GCM over a JSON payload (Web Crypto on every
// runtime, Node's native cipher where handed in), one canonical base64url spelling, an expiry per kind. Encrypted, not just
// signed: a token in public markup carries the decision's user hash and segments, and nobody but
// this server can read them. The token kind is the additional authenticated data, so a token of
// one kind never verifies as another. A token that fails verification never redirects.
import { base64url, fromBase64url } from './base64.ts';
import { webAead, type Aead, type AeadFactory } from './aead.ts';
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
  /** Destination (the product link when the token was issued); the click follows the product's current link. */
  u: string;
  /** Issued at, epoch seconds (the server's clock, not the decision's replay clock). */
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

/** How long a token of each kind is honoured after it was issued. */
export interface TokenTtl {
  /** Clicks and QR scans (`c`, `q`). */
  clickSeconds: number;
  /** Impression beacons and OpenRTB notices (`i`, `w`, `b`). */
  beaconSeconds: number;
}

export const DEFAULT_TOKEN_TTL: TokenTtl = { clickSeconds: 30 * 86_400, beaconSeconds: 86_400 };

export type VerifyResult =
  | { ok: true; payload: TokenPayload; /** Unique per token (its nonce): replays of one token share it. */ id: string }
  | { ok: false; status: 400 | 404 | 410; reason: string };

const enc = new TextEncoder();
const dec = new TextDecoder();
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longest token accepted (bytes of URL): product links are bounded, so real tokens stay far below. */
export const MAX_TOKEN_LENGTH = 2048;
const KINDS: ReadonlySet<string> = new Set<TokenKind>(['c', 'i', 'q', 'w', 'b']);
/** Additional data of replay references: never verifies as any token kind. */
const REF_KIND = 'ref';

/**
 * Fresh random IVs, drawn from the CSPRNG a few hundred at a time: each call for 12 bytes cost
 * more than the AES-GCM seal itself. Every IV is handed out once (the pool only moves forward).
 */
const ivPool = new Uint8Array(IV_BYTES * 512);
let ivAt = ivPool.length;
function randomIv(): Uint8Array {
  if (ivAt + IV_BYTES > ivPool.length) {
    crypto.getRandomValues(ivPool);
    ivAt = 0;
  }
  const iv = ivPool.slice(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

export class TokenSigner {
  private readonly aead: Promise<Aead>;

  constructor(
    secret: string,
    digest: Digest = webDigest(),
    private readonly ttl: TokenTtl = DEFAULT_TOKEN_TTL,
    private readonly clock: () => number = Date.now,
    aead: AeadFactory = webAead,
  ) {
    if (secret.length < 16) throw new Error('VITRINE_SECRET must be at least 16 characters');
    // A key of its own, derived from the secret: the user-id hashes use the same secret under another label.
    this.aead = Promise.resolve(digest.hmacSha256(secret, 'vitrine-token-aes-gcm-v1')).then((raw) => aead(new Uint8Array(raw).slice(0, 32)));
  }

  /** Seals the payload; `t` is set to now when absent. */
  sign(payload: Omit<TokenPayload, 't'> & { t?: number }): Promise<string> {
    return this.seal(payload.k, { ...payload, t: payload.t ?? Math.floor(this.clock() / 1000) });
  }

  /**
   * An opaque reference to a request's user id and privacy strings, for URLs that replay its
   * decision (the CTV overlay image, native image assets): the URL a player or exchange sees
   * carries no user id. Honoured for the beacon lifetime.
   */
  sealRef(params: Record<string, string>): Promise<string> {
    return this.seal(REF_KIND, { t: Math.floor(this.clock() / 1000), p: params });
  }

  /** The parameters of a reference, or null when it is not one of ours or expired. */
  async openRef(ref: string): Promise<Record<string, string> | null> {
    const o = await this.open(ref, REF_KIND);
    if (!o.ok) return null;
    const { t, p } = o.value as { t?: unknown; p?: unknown };
    if (typeof t !== 'number' || this.clock() / 1000 - t > this.ttl.beaconSeconds || typeof p !== 'object' || p === null) return null;
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(p)) if (typeof v === 'string') out.set(k, v);
    return Object.fromEntries(out);
  }

  private async seal(aad: string, value: unknown): Promise<string> {
    const iv = randomIv();
    const sealed = await (await this.aead).seal(iv, enc.encode(aad), enc.encode(JSON.stringify(value)));
    const out = new Uint8Array(IV_BYTES + sealed.length);
    out.set(iv);
    out.set(sealed, IV_BYTES);
    return base64url(out);
  }

  private async open(token: string, aad: string): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 404; reason: string }> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, status: 400, reason: 'malformed token' };
    const bytes = fromBase64url(token);
    // One spelling per token: padding, the +/ alphabet, stray bits in the last character or any
    // trailing character are refused before decryption, so a replay counter sees every copy as one.
    if (!bytes || base64url(bytes) !== token) return { ok: false, status: 400, reason: 'not a canonical token (unpadded base64url expected)' };
    if (bytes.length < IV_BYTES + TAG_BYTES + 2) return { ok: false, status: 400, reason: 'malformed token' };
    const plain = await (await this.aead).open(bytes.subarray(0, IV_BYTES), enc.encode(aad), bytes.subarray(IV_BYTES));
    if (!plain) return { ok: false, status: 404, reason: `not a valid ${aad} token (tampered, another kind, or another server's)` };
    try {
      return { ok: true, value: JSON.parse(dec.decode(plain)) as unknown };
    } catch {
      return { ok: false, status: 400, reason: 'malformed token' };
    }
  }

  /**
   * Opens a token of `kind`: 400 when it is not a canonical token spelling, 404 when it does not
   * authenticate as that kind, 410 when it expired (unless `allowExpired`).
   */
  async verify(token: string, kind: TokenKind, opts: { allowExpired?: boolean } = {}): Promise<VerifyResult> {
    const o = await this.open(token, kind);
    if (!o.ok) return o;
    const payload = o.value as TokenPayload;
    if (typeof payload !== 'object' || payload === null || payload.k !== kind || !KINDS.has(payload.k)) return { ok: false, status: 404, reason: `token is not a ${kind} token` };
    if (typeof payload.u !== 'string' || !/^https?:\/\//.test(payload.u)) return { ok: false, status: 404, reason: 'token destination is not http(s)' };
    if (typeof payload.t !== 'number' || !Number.isFinite(payload.t)) return { ok: false, status: 400, reason: 'malformed token' };
    const ttl = kind === 'c' || kind === 'q' ? this.ttl.clickSeconds : this.ttl.beaconSeconds;
    const age = this.clock() / 1000 - payload.t;
    if (!opts.allowExpired && age > ttl) return { ok: false, status: 410, reason: `token expired ${formatAge(age - ttl)} ago (valid ${formatAge(ttl)} after it was issued)` };
    return { ok: true, payload, id: token.slice(0, 16) };
  }
}

function formatAge(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(1)} days`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${Math.round(seconds)} s`;
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
