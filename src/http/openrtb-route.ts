// POST /openrtb2/auction: OpenRTB 2.6 in, bid response out. 204 when nothing bids, 400 for a
// request that is not JSON or has no id/imp, 413 past 256 KB. Answers within tmax or not at all.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';
import { parseBidRequest } from '../openrtb/request.ts';
import { BID_CURRENCY, runAuction, type Bid } from '../services/auction.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';

export const MAX_BODY = 256 * 1024;
const DEFAULT_TMAX = 200;
/** Kept back from tmax for the response to travel. */
const NETWORK_MS = 10;

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), Math.max(1, ms)));
}

export function mountOpenRtb(app: Hono, deps: ServeDeps): void {
  app.post(
    '/openrtb2/auction',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new VitrineError('payload_too_large', `body: larger than ${MAX_BODY} bytes`, 'body');
      },
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new VitrineError('bad_request', 'body: not valid JSON', 'body');
      }
      const req = parseBidRequest(body);
      const budget = (req.tmax && req.tmax > 0 ? req.tmax : DEFAULT_TMAX) - NETWORK_MS;
      const bids = await Promise.race([runAuction(deps, req, originOf(deps, c.req.url)), timeout(budget)]);
      if (bids === 'timeout') {
        deps.log.warn('openrtb auction exceeded tmax; no bid', { id: req.id, tmax: req.tmax ?? DEFAULT_TMAX });
        return c.body(null, 204, { 'X-Vitrine-No-Bid': 'tmax' });
      }
      if (bids.length === 0) return c.body(null, 204);
      return c.json(
        { id: req.id, bidid: `${req.id}:${(bids[0] as Bid).id}`, cur: BID_CURRENCY, seatbid: [{ seat: 'vitrine', bid: bids }] },
        200,
        { 'x-openrtb-version': '2.6' },
      );
    },
  );
}
