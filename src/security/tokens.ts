// Click / impression / scan / notice tokens: AES-256-GCM over a JSON payload (Web Crypto on every
// runtime, Node's native cipher where handed in), one canonical base64url spelling, an expiry per kind. Encrypted, not just
// signed: a token in public markup carries the decision's user hash and segments, and nobody but
// this server can read them. The token kind is the additional authenticated data, so a token of
// one kind never verifies as another. A token that fails verification never redirects.
// Decision tokens (`signDecision`, the auction's): one seal per decision carries a secret nonce per
// kind; each link's token is its kind and that kind's nonce in front of the shared sealed blob, so
// a token of one kind cannot be turned into another (the other kinds' nonces are only inside the
// ciphertext). Both forms verify; older tokens stay valid until they expire.
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
const randomIv = (): Uint8Array => randomBytes(IV_BYTES);

/** Random bytes from the pool (each byte handed out once; n ≤ the pool's size). */
function randomBytes(n: number): Uint8Array {
  if (ivAt + n > ivPool.length) {
    crypto.getRandomValues(ivPool);
    ivAt = 0;
  }
  const out = ivPool.slice(ivAt, ivAt + n);
  ivAt += n;
  return out;
}

/** First byte of a decision token (a per-kind token starts with a random IV byte: one in 256 also does; it is tried both ways). */
const DECISION_FORMAT = 2;
/** Nonce slots in a decision blob, in this order. */
const DECISION_KINDS: readonly TokenKind[] = ['c', 'i', 'q', 'w', 'b'];
const NONCE_BYTES = 10;
/** format, kind, nonce, IV: 24 bytes, a multiple of 3, so the blob's base64url is shared by every kind's token. */
const DECISION_HEAD = 2 + NONCE_BYTES + IV_BYTES;
const DECISION_AAD = enc.encode('vitrine-decision-v2');
/** Win and billing notices never carried the learning context or the user's hash and segments: their payloads leave them out. */
const NOTICE_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>(['w', 'b']);

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
   * Tokens of several kinds for one decision from one seal (the auction's c, i, w, b and q). Each
   * verifies as its kind only, with the same payload a per-kind `sign` gives (`w`/`b` without
   * `b`, `h`, `s`, `g`), and has its own id (its nonce).
   */
  async signDecision<K extends TokenKind>(base: Omit<TokenPayload, 'k' | 't'>, kinds: readonly K[]): Promise<Record<K, string>> {
    const nonces = randomBytes(NONCE_BYTES * DECISION_KINDS.length);
    const json = enc.encode(JSON.stringify({ ...base, t: Math.floor(this.clock() / 1000) }));
    const plain = new Uint8Array(nonces.length + json.length);
    plain.set(nonces);
    plain.set(json, nonces.length);
    const iv = randomIv();
    const blob = base64url(await (await this.aead).seal(iv, DECISION_AAD, plain));
    const head = new Uint8Array(DECISION_HEAD);
    head[0] = DECISION_FORMAT;
    head.set(iv, 2 + NONCE_BYTES);
    const out = {} as Record<K, string>;
    for (const k of kinds) {
      const slot = DECISION_KINDS.indexOf(k) * NONCE_BYTES;
      head[1] = k.charCodeAt(0);
      head.set(nonces.subarray(slot, slot + NONCE_BYTES), 2);
      out[k] = base64url(head) + blob;
    }
    return out;
  }

  /** A decision token's payload as `kind`, or null when it is not one (then it is tried as a per-kind token). */
  private async openDecision(bytes: Uint8Array, kind: TokenKind): Promise<TokenPayload | null> {
    if (bytes[0] !== DECISION_FORMAT || bytes.length < DECISION_HEAD + TAG_BYTES + NONCE_BYTES * DECISION_KINDS.length + 2) return null;
    const slot = DECISION_KINDS.indexOf(kind) * NONCE_BYTES;
    if (slot < 0 || bytes[1] !== kind.charCodeAt(0)) return null;
    const plain = await (await this.aead).open(bytes.subarray(2 + NONCE_BYTES, DECISION_HEAD), DECISION_AAD, bytes.subarray(DECISION_HEAD));
    if (!plain) return null;
    // The kind's secret nonce: only a token issued as this kind carries it.
    let diff = 0;
    for (let i = 0; i < NONCE_BYTES; i++) diff |= plain[slot + i]! ^ bytes[2 + i]!;
    if (diff !== 0) return null;
    let value: unknown;
    try {
      value = JSON.parse(dec.decode(plain.subarray(NONCE_BYTES * DECISION_KINDS.length)));
    } catch {
      return null;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const payload = { ...(value as Omit<TokenPayload, 'k'>), k: kind } as TokenPayload;
    if (NOTICE_KINDS.has(kind)) {
      delete payload.b;
      delete payload.h;
      delete payload.s;
      delete payload.g;
    }
    return payload;
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

  private async open(token: string, aad: string, kind?: TokenKind): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 404; reason: string }> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, status: 400, reason: 'malformed token' };
    const bytes = fromBase64url(token);
    // One spelling per token: padding, the +/ alphabet, stray bits in the last character or any
    // trailing character are refused before decryption, so a replay counter sees every copy as one.
    if (!bytes || base64url(bytes) !== token) return { ok: false, status: 400, reason: 'not a canonical token (unpadded base64url expected)' };
    if (bytes.length < IV_BYTES + TAG_BYTES + 2) return { ok: false, status: 400, reason: 'malformed token' };
    const decision = kind ? await this.openDecision(bytes, kind) : null;
    if (decision) return { ok: true, value: decision };
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
    const o = await this.open(token, kind, kind);
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
