// Which exchange sent a bid request, and whether a cookie-sync partner is that exchange. Pure.
// OpenRTB has no "sender" field; two places name it in practice: Prebid Server writes its own
// public URL in `ext.prebid.server.externalurl`, and every seller appends its node to the supply
// chain (`source.schain`, 2.5's `source.ext.schain`), so the last node's `asi` is the system
// that sent the request to the bidder.
import type { BidRequest } from './request.ts';

const HOST = /^[a-z0-9.-]{1,253}$/;

function hostOf(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname.toLowerCase();
    return HOST.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** The sending exchange's host or domain, or null when the request does not say. */
export function exchangeOf(req: BidRequest): string | null {
  const pbs = hostOf(req.ext?.prebid?.server?.externalurl);
  if (pbs) return pbs;
  const nodes = req.source?.schain?.nodes ?? req.source?.ext?.schain?.nodes ?? [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const asi = hostOf(nodes[i]?.asi);
    if (asi) return asi;
  }
  return null;
}

/**
 * A sync partner (the host `/v1/sync` redirected to) is the sending exchange when they are the
 * same host or one is a subdomain of the other (`sync.exchange.example` ↔ `exchange.example`).
 */
export function samePartner(partner: string, exchange: string): boolean {
  const p = partner.toLowerCase();
  const e = exchange.toLowerCase();
  return p === e || p.endsWith(`.${e}`) || e.endsWith(`.${p}`);
}
