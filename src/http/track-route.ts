// Signed click / impression beacons. A token that does not verify never redirects.
import type { Hono } from 'hono';
import type { EventRecord, EventType } from '../storage/port.ts';
import type { EventBuffer } from '../services/events.ts';
import { withUtm, type TokenKind, type TokenPayload, type TokenSigner } from '../security/tokens.ts';

// 1x1 transparent GIF.
const PIXEL = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (ch) => ch.charCodeAt(0));

const PLAYER_EVENTS: Record<string, EventType> = {
  creativeView: 'creative_view',
  close: 'close',
  acceptInvitation: 'accept_invitation',
  click: 'click_tracking',
  error: 'error',
};

export interface TrackDeps {
  signer: TokenSigner;
  events: EventBuffer;
  clock: () => number;
}

export function eventFrom(type: EventType, p: TokenPayload, at: number, value?: { value: number; currency: string }): EventRecord {
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
    value: value?.value ?? null,
    currency: value?.currency ?? null,
  };
}

/**
 * The landing URL: the product link with UTM tags and the decision id (`vitrine_did`), which the
 * merchant passes back with a conversion (`decision_id`) to tie the order to the ad without the click token.
 */
export function landing(p: TokenPayload, medium: string): string {
  const url = new URL(withUtm(p.u, p, medium));
  url.searchParams.set('vitrine_did', p.d);
  return url.toString();
}

export function mountTracking(app: Hono, deps: TrackDeps): void {
  const verify = async (token: string, kind: TokenKind) => deps.signer.verify(token, kind);

  app.get('/c/:token', async (c) => {
    const v = await verify(c.req.param('token'), 'c');
    if (!v.ok) return c.json({ error: { code: v.status === 400 ? 'bad_request' : 'not_found', message: `token: ${v.reason}`, field: 'token' } }, v.status);
    deps.events.push(eventFrom('click', v.payload, deps.clock()));
    return c.redirect(landing(v.payload, 'display'), 302);
  });

  // A QR code scanned from the TV: same signed destination, tagged as CTV traffic.
  app.get('/q/:token', async (c) => {
    const v = await verify(c.req.param('token'), 'q');
    if (!v.ok) return c.json({ error: { code: v.status === 400 ? 'bad_request' : 'not_found', message: `token: ${v.reason}`, field: 'token' } }, v.status);
    deps.events.push(eventFrom('scan', v.payload, deps.clock()));
    return c.redirect(landing(v.payload, 'ctv'), 302);
  });

  // OpenRTB win and billing notices (`nurl`, `burl`); the exchange fills ${AUCTION_PRICE}.
  for (const [path, kind, type] of [['/w/:token', 'w', 'win'], ['/b/:token', 'b', 'bill']] as const) {
    app.on(['GET', 'POST'], path, async (c) => {
      const v = await verify(c.req.param('token'), kind);
      if (!v.ok) return c.json({ error: { code: v.status === 400 ? 'bad_request' : 'not_found', message: `token: ${v.reason}`, field: 'token' } }, v.status);
      deps.events.push(eventFrom(type, v.payload, deps.clock()));
      return c.body(null, 204);
    });
  }

  app.get('/i/:token', async (c) => {
    const v = await verify(c.req.param('token'), 'i');
    if (!v.ok) return c.json({ error: { code: v.status === 400 ? 'bad_request' : 'not_found', message: `token: ${v.reason}`, field: 'token' } }, v.status);
    // VAST tracking pings reuse the impression token with `e=` naming the player event.
    const e = c.req.query('e');
    const type = e === undefined ? 'impression' : PLAYER_EVENTS[e];
    if (!type) return c.json({ error: { code: 'bad_request', message: `e: unsupported player event "${e}"`, field: 'e', accepted: Object.keys(PLAYER_EVENTS) } }, 400);
    deps.events.push(eventFrom(type, v.payload, deps.clock()));
    return new Response(PIXEL, { status: 200, headers: { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' } });
  });
}
