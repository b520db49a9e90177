// An app with one user per role (interim per-role bearer keys), the fixture catalog, and a
// campaign document builder for the authoring tests.
import { buildNodeApp, type NodeVitrine } from '../../src/runtime/node/build.ts';
import { parseActorKeys } from '../../src/services/actor-keys.ts';
import { ADMIN_KEY, SECRET } from './app.ts';
import { NOW, seedData } from './fixture.ts';

export const KEYS = {
  owner: ADMIN_KEY,
  editor: 'editor-key-0123456789',
  editor2: 'editor2-key-0123456789',
  approver: 'approver-key-0123456789',
  viewer: 'viewer-key-0123456789',
} as const;
export type Who = keyof typeof KEYS;

export const ACTOR_KEYS = `ed@example.com/editor/${KEYS.editor},ed2@example.com/editor/${KEYS.editor2},ap@example.com/approver/${KEYS.approver},vi@example.com/viewer/${KEYS.viewer}`;

export async function authoringApp(): Promise<NodeVitrine> {
  const v = await buildNodeApp({ db: ':memory:', demo: false, clock: () => NOW, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET }, actorKeys: parseActorKeys(ACTOR_KEYS) });
  await v.store.seed(seedData());
  return v;
}

export function as(who: Who, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${KEYS[who]}`, 'Content-Type': 'application/json', ...extra };
}

export function call(v: NodeVitrine, who: Who, method: string, path: string, body?: unknown): Promise<Response> {
  return Promise.resolve(v.app.request(path, { method, headers: as(who), ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
}

/** A campaign in English and Arabic: two variants, booked on pl-home (shared with c-run) and pl-solo (its own). */
export function campaignDoc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Winter run',
    advertiser: 'Stride',
    adomain: 'stride.example',
    startsLocal: '2026-11-20T00:00',
    endsLocal: '2026-12-20T00:00',
    regions: ['SA-01', 'AE-DU', 'GB-LND'],
    channels: ['web', 'app'],
    selector: { categories: ['Shoes'], exclude: { productIds: ['p4'] } },
    fallback: { headline: { en: 'Run with Stride', ar: 'اركض مع سترايد' }, link: 'https://shop.example.com/' },
    frequencyCap: 5,
    optimization: 'rules',
    holdoutShare: 0,
    bidCpm: 3,
    iabCategories: ['IAB17'],
    placements: ['pl-home', 'pl-solo'],
    deals: ['deal-1'],
    variants: [
      { id: 'v-new-hero', name: 'Hero', template: 'hero', copy: { en: { headline: 'New season: {title}', cta: 'Shop now' }, ar: { headline: 'موسم جديد: {title}', cta: 'تسوق الآن' } }, prior: 0.02 },
      { id: 'v-new-deal', name: 'Deal', template: 'promo', copy: { en: { headline: 'Only {stock} left', cta: 'Buy' }, ar: { headline: 'بقي {stock} فقط', cta: 'اشترِ' } }, conditions: [{ signal: 'low_stock', op: 'eq', value: true }], prior: 0.01 },
    ],
    ...over,
  };
}
