// A fixture app for personalization tests: the run campaign over shoes and bags with a cart
// reminder and a loyalty variant, a merchant key, Vitrine's vendor id, and a movable clock.
import type { Campaign, Variant } from '../../src/domain/types.ts';
import type { Config } from '../../src/services/deps.ts';
import type { NodeVitrine } from '../../src/runtime/node/build.ts';
import { ADMIN_KEY, fixtureApp } from './app.ts';
import { VENDOR } from './consent-strings.ts';
import { CAMPAIGN, NOW, VARIANTS } from './fixture.ts';

export const MERCHANT_KEY = 'test-merchant-key-0123456789';
export const merchant = { Authorization: `Bearer ${MERCHANT_KEY}`, 'Content-Type': 'application/json' };

const copy = (en: string) => ({ en: { headline: en, cta: 'Shop now' } });

export const V_CART: Variant = { id: 'v-cart', campaignId: 'c-run', name: 'Cart reminder', template: 'hero', copy: copy('Still thinking about {title}?'), conditions: [{ signal: 'segment', op: 'in', value: ['cart_abandoner'] }], prior: 0.01 };
export const V_GOLD: Variant = { id: 'v-gold', campaignId: 'c-run', name: 'Gold tier', template: 'hero', copy: copy('{tier} pick: {title}'), conditions: [{ signal: 'loyalty_tier', op: 'eq', value: 'gold' }], prior: 0.01 };

export const PERSONAL_CAMPAIGN: Campaign = { ...CAMPAIGN, selector: { categories: ['Shoes', 'Bags'] }, complements: { Bags: ['Shoes'], Shoes: ['Bags'] } };

export interface Clock {
  now: number;
}

export async function personalApp(opts: { campaign?: Partial<Campaign>; variants?: Variant[]; config?: Partial<Config>; db?: string; clock?: Clock } = {}): Promise<NodeVitrine & { clock: Clock }> {
  const clock = opts.clock ?? { now: NOW };
  const v = await fixtureApp({
    clock: () => clock.now,
    ...(opts.db ? { db: opts.db } : {}),
    config: { merchantKey: MERCHANT_KEY, gvlVendorId: VENDOR, ...opts.config },
    seed: { campaigns: [{ ...PERSONAL_CAMPAIGN, ...opts.campaign }], variants: opts.variants ?? [...VARIANTS, V_CART, V_GOLD] },
  });
  return Object.assign(v, { clock });
}

/** GET /v1/creative as JSON; `q` adds or overrides parameters. */
export async function decisionOf(v: NodeVitrine, q: Record<string, string>): Promise<{ decision: Record<string, unknown> & { variant: string | null; products?: Array<{ id: string }> }; trace: Array<{ rule: string; detail: string }>; slots: { headline: string; lang: string }; urls: Record<string, string>; signals: Record<string, unknown> }> {
  const params = new URLSearchParams({ campaign: 'c-run', size: '300x250', format: 'json', region: 'GB-LND', ...q });
  // Traces, segments and the holdout flag are internal: read as the admin.
  const res = await v.app.request(`/v1/creative?${params}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  if (res.status !== 200) throw new Error(`decision: ${res.status} ${await res.text()}`);
  return res.json() as never;
}

export const hoursAgo = (h: number, now = NOW) => new Date(now - h * 3_600_000).toISOString();
