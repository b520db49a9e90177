// QR short links. A CTV overlay's code encodes `/q/<id><mac>` (20 characters after `/q/`) instead
// of the sealed scan token (about 400): a 40-byte URL is a version 3 code (29 modules), which a
// phone reads across a living room; the sealed token needs version 15 or so (77 modules), which it
// does not. The id is an HMAC of the sealed token, so the same token always gets the same link and
// writing it twice changes nothing; the mac signs the id, so a forged or mistyped link is refused
// before any lookup. The stored row resolves the id to the sealed token, whose own issue time, kind
// and nonce decide expiry and replays exactly as for the long form. The link says nothing about the
// viewer: no user hash, no segment, no decision data.
import { Lru } from '../privacy/lru.ts';
import { base64url } from '../security/base64.ts';
import type { Digest } from '../security/digest.ts';
import type { Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

const ID_BYTES = 9;
const MAC_BYTES = 6;
const ID_CHARS = 12;
/** Characters after `/q/`: base64url of the 9-byte id and the 6-byte mac. */
export const SCAN_CODE_LENGTH = 20;
const CODE = /^[A-Za-z0-9_-]{20}$/;
/** Rows outlive their token by this much, so a late scan still hears "expired" (410) rather than "unknown". */
export const SCAN_LINK_GRACE_MS = 7 * 86_400_000;

export type Resolved = { ok: true; token: string } | { ok: false; status: 404; reason: string };

export class ScanLinks {
  /** Ids this process already stored: a replayed overlay does not write again. */
  private readonly written = new Lru<string, true>(4096);

  constructor(
    private readonly secret: string,
    private readonly digest: Digest,
    private readonly store: Pick<Store, 'putScanLink' | 'getScanLink'>,
    private readonly clock: () => number,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
  ) {}

  /** A short code rather than a sealed token (those are far longer than 20 characters). */
  static isCode(s: string): boolean {
    return CODE.test(s);
  }

  private async mac(id: string): Promise<string> {
    return base64url((await this.digest.hmacSha256(this.secret, `vitrine-scan-mac|${id}`)).subarray(0, MAC_BYTES));
  }

  /**
   * The short form of a `<origin>/q/<sealed token>` URL, stored before it is returned (a code
   * drawn is a code that resolves). Anything else, or a store that cannot take the row, keeps the
   * long URL: it still works, only from closer.
   */
  async shorten(url: string): Promise<string> {
    const at = url.lastIndexOf('/q/');
    const token = at < 0 ? '' : url.slice(at + 3);
    if (!token || !/^[A-Za-z0-9_-]+$/.test(token) || ScanLinks.isCode(token)) return url;
    try {
      const id = base64url((await this.digest.hmacSha256(this.secret, `vitrine-scan-id|${token}`)).subarray(0, ID_BYTES));
      if (!this.written.get(id)) {
        await this.store.putScanLink(id, token, new Date(this.clock() + this.ttlSeconds * 1000 + SCAN_LINK_GRACE_MS).toISOString());
        this.written.set(id, true);
      }
      return `${url.slice(0, at)}/q/${id}${await this.mac(id)}`;
    } catch (err) {
      this.log.warn('scan link not stored; the QR code carries the long link', { err: String(err) });
      return url;
    }
  }

  /** The sealed token a code stands for; 404 for a code that is not ours or not stored. Throws when the store is down. */
  async resolve(code: string): Promise<Resolved> {
    const id = code.slice(0, ID_CHARS);
    const want = await this.mac(id);
    let diff = want.length ^ (code.length - ID_CHARS);
    for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ code.charCodeAt(ID_CHARS + i);
    if (diff !== 0) return { ok: false, status: 404, reason: 'not a valid scan link (tampered, mistyped or another server’s)' };
    const row = await this.store.getScanLink(id);
    if (!row) return { ok: false, status: 404, reason: 'unknown scan link (never issued, or forgotten long after it expired)' };
    return { ok: true, token: row.token };
  }
}
