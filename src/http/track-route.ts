// Click, scan, impression and notice endpoints. A token that does not verify never redirects; a
// 2xx means the event is committed (the request waits for its group-commit batch).
import type { Context, Hono } from 'hono';
import type { EventRecord, EventType, Store } from '../storage/port.ts';
import type { EventBuffer, EventOutcome } from '../services/events.ts';
import { withUtm, type TokenKind, type TokenPayload, type TokenSigner, type VerifyResult } from '../security/tokens.ts';
import { BID_CURRENCY } from '../services/auction.ts';
import { ScanLinks } from '../services/scan-links.ts';

// 1x1 transparent GIF.
const PIXEL = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (ch) => ch.charCodeAt(0));

/** VAST player pings on the impression token (`e=`): a Map, so `__proto__` or `toString` is just unknown. */
const PLAYER_EVENTS: ReadonlyMap<string, EventType> = new Map<string, EventType>([
  ['creativeView', 'creative_view'],
  ['close', 'close'],
  ['acceptInvitation', 'accept_invitation'],
  ['click', 'click_tracking'],
  ['error', 'error'],
]);

/** `${AUCTION_PRICE}` as exchanges substitute it: a decimal CPM. */
const PRICE = /^\d{1,9}(\.\d{1,9})?$/;
/** A VAST error code as players substitute it for `[ERRORCODE]` (100–999); anything else (the macro left as is) records no code. */
const ERROR_CODE = /^[1-9]\d{2}$/;
const UNSUBSTITUTED = /^\$\{AUCTION_PRICE(:[A-Z0-9_]+)?\}$|^%24%7BAUCTION_PRICE/;

export interface TrackDeps {
  signer: TokenSigner;
  events: EventBuffer;
  clock: () => number;
  /** The product's current link (a feed may have changed it since the token was issued). */
  store: Pick<Store, 'getProduct'>;
  /** Resolves the short links QR codes encode to their sealed scan tokens. */
  scanLinks?: ScanLinks;
}

export function eventFrom(type: EventType, p: TokenPayload, at: number, extra: { value?: number; currency?: string; tokenId?: string } = {}): EventRecord {
  return {
    id: crypto.randomUUID(),
    type,
    decisionId: p.d,
    campaignId: p.c,
    variantId: p.v,
    productId: p.p,
    region: p.r,
    at: new Date(at).toISOString(),
    test: p.x === 1,
    bucket: p.b ?? null,
    holdout: p.h === 1,
    userHash: p.s ?? null,
    segments: p.g ?? null,
    value: extra.value ?? null,
    currency: extra.currency ?? null,
    tokenId: extra.tokenId ?? null,
  };
}

/**
 * The landing URL: the product link with UTM tags and the decision id (`vitrine_did`), which the
 * merchant passes back with a conversion (`decision_id` or `vitrine_did`) to tie the order to the ad without the click token.
 */
export function landing(link: string, p: TokenPayload, medium: string): string {
  const url = new URL(withUtm(link, p, medium));
  url.searchParams.set('vitrine_did', p.d);
  return url.toString();
}

const tokenError = (c: Context, v: Extract<VerifyResult, { ok: false }>) =>
  c.json({ error: { code: v.status === 400 ? 'bad_request' : v.status === 410 ? 'gone' : 'not_found', message: `token: ${v.reason}`, field: 'token' } }, v.status);

/** The request was not acknowledged: nothing was stored, the caller may retry. */
const unavailable = (c: Context) => c.json({ error: { code: 'unavailable', message: 'event store unavailable: the event was not recorded; retry later' } }, 503, { 'Retry-After': '1' });

const stored = (o: EventOutcome) => o !== 'failed';

/** The product's link now, when it is still an http(s) link; else the one the token carried. */
async function destination(deps: TrackDeps, p: TokenPayload): Promise<string> {
  if (!p.p) return p.u;
  try {
    const product = await deps.store.getProduct(p.p);
    if (product && /^https?:\/\//i.test(product.link)) return product.link;
  } catch {
    // The store is down: the link in the token still takes the viewer to the product.
  }
  return p.u;
}

function mountRedirect(app: Hono, deps: TrackDeps, path: string, kind: 'c' | 'q', type: EventType, medium: string): void {
  app.get(path, async (c) => {
    let token = c.req.param('token')!;
    // A QR code's short link stands for a sealed scan token: from here on it is that token
    // (its expiry, its nonce for counting once, its decision id on the landing URL).
    if (kind === 'q' && deps.scanLinks && ScanLinks.isCode(token)) {
      let r;
      try {
        r = await deps.scanLinks.resolve(token);
      } catch {
        return unavailable(c);
      }
      if (!r.ok) return tokenError(c, r);
      token = r.token;
    }
    const v = await deps.signer.verify(token, kind);
    if (!v.ok) return tokenError(c, v);
    // A viewer always lands: a write that failed is counted in /metrics, not shown to them.
    const [, link] = await Promise.all([deps.events.record(eventFrom(type, v.payload, deps.clock(), { tokenId: v.id })), destination(deps, v.payload)]);
    return c.redirect(landing(link, v.payload, medium), 302);
  });
}

export function mountTracking(app: Hono, deps: TrackDeps): void {
  mountRedirect(app, deps, '/c/:token', 'c', 'click', 'display');
  // A QR code scanned from the TV: same destination, tagged as CTV traffic.
  mountRedirect(app, deps, '/q/:token', 'q', 'scan', 'ctv');

  // OpenRTB win and billing notices (`nurl`, `burl`); the exchange fills ${AUCTION_PRICE} (CPM, bid currency).
  for (const [path, kind, type] of [['/w/:token', 'w', 'win'], ['/b/:token', 'b', 'bill']] as const satisfies ReadonlyArray<readonly [string, TokenKind, EventType]>) {
    app.on(['GET', 'POST'], path, async (c) => {
      const v = await deps.signer.verify(c.req.param('token')!, kind);
      if (!v.ok) return tokenError(c, v);
      const raw = c.req.query('price');
      let price: number | undefined;
      if (raw !== undefined && raw !== '' && !UNSUBSTITUTED.test(raw)) {
        if (!PRICE.test(raw)) return c.json({ error: { code: 'bad_request', message: `price: expected the clearing price as a decimal CPM (\${AUCTION_PRICE}), got "${raw.slice(0, 40)}"`, field: 'price' } }, 400);
        price = Number(raw);
      }
      const o = await deps.events.record(eventFrom(type, v.payload, deps.clock(), price !== undefined ? { value: price, currency: BID_CURRENCY } : {}));
      return stored(o) ? c.body(null, 204) : unavailable(c);
    });
  }

  app.get('/i/:token', async (c) => {
    const v = await deps.signer.verify(c.req.param('token')!, 'i');
    if (!v.ok) return tokenError(c, v);
    // VAST tracking pings reuse the impression token with `e=` naming the player event.
    const e = c.req.query('e');
    const type = e === undefined ? 'impression' : PLAYER_EVENTS.get(e);
    if (!type) return c.json({ error: { code: 'bad_request', message: `e: unsupported player event "${String(e).slice(0, 40)}"`, field: 'e', accepted: [...PLAYER_EVENTS.keys()] } }, 400);
    // An error ping keeps the player's VAST error code (stored as the event's value).
    const code = type === 'error' ? c.req.query('code') : undefined;
    const o = await deps.events.record(eventFrom(type, v.payload, deps.clock(), code && ERROR_CODE.test(code) ? { value: Number(code) } : {}));
    if (!stored(o)) return unavailable(c);
    return new Response(PIXEL, { status: 200, headers: { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' } });
  });
}
