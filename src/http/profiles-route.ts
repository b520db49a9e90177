// First-party profiles and conversions: the merchant's routes (bearer: merchant or admin key).
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { recordConversion, type ConversionDeps } from '../services/conversions.ts';
import type { EventBuffer } from '../services/events.ts';
import type { ConfigCache } from '../services/config-cache.ts';
import { importProfiles } from '../services/profile-import.ts';
import { hashUid, profileView, putProfile, uidSchema, type ProfileDeps } from '../services/profiles.ts';
import { bearer } from './auth.ts';
import { jsonBody } from '../services/validation.ts';

export interface MerchantDeps extends ProfileDeps, Omit<ConversionDeps, 'flushEvents' | 'clickWindowDays' | 'viewWindowDays' | 'attributionModel' | 'reportCurrency' | 'rates'> {
  events: EventBuffer;
  configCache: ConfigCache;
}

function uidParam(raw: string): string {
  const r = uidSchema.safeParse(raw);
  if (!r.success) throw new VitrineError('bad_request', `uid: ${r.error.issues[0]!.message}`, 'uid');
  return r.data;
}

export function mountMerchant(app: Hono, deps: MerchantDeps): void {
  const auth = bearer([deps.config.merchantKey, deps.config.adminKey], 'VITRINE_MERCHANT_KEY or VITRINE_ADMIN_KEY');
  app.use('/v1/profiles', auth);
  app.use('/v1/profiles/*', auth);
  app.use('/v1/events/conversion', auth);

  app.post('/v1/profiles/import', async (c) => {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/(x-)?ndjson\b|^application\/jsonl\b|^application\/x-jsonlines\b/i.test(type)) {
      throw new VitrineError('bad_request', 'Content-Type: expected application/x-ndjson (one JSON profile with a "uid" per line)', 'Content-Type', ['application/x-ndjson']);
    }
    const body = c.req.raw.body;
    if (!body) throw new VitrineError('bad_request', 'body: empty; expected NDJSON profiles', 'body');
    const summary = await importProfiles(deps, body as unknown as AsyncIterable<Uint8Array>);
    return c.json(summary, 200);
  });

  app.put('/v1/profiles/:uid', async (c) => {
    const uid = uidParam(c.req.param('uid'));
    const { profile, unknownProducts } = await putProfile(deps, uid, await jsonBody(c.req));
    return c.json({ profile: profileView(profile, deps.clock(), deps), unknown_products: unknownProducts }, 200);
  });

  app.get('/v1/profiles/:uid', async (c) => {
    const uid = uidParam(c.req.param('uid'));
    const now = deps.clock();
    const p = await deps.store.getProfile(await hashUid(deps, uid), new Date(now).toISOString());
    if (!p) throw new VitrineError('not_found', 'uid: no live profile for this user id', 'uid');
    return c.json({ profile: profileView(p, now, deps) });
  });

  // Erasure: the profile and caps go, events and conversions lose their link to the user, and
  // events still in flight for them are stored unlinked.
  app.delete('/v1/profiles/:uid', async (c) => {
    const hash = await hashUid(deps, uidParam(c.req.param('uid')));
    deps.events.unlink(hash);
    await deps.events.flush();
    const r = await deps.store.eraseUser(hash, new Date(deps.clock()).toISOString());
    // Replayed responses may carry this user's personalized creative: retire them.
    deps.configCache.retire();
    return c.json({ erased: true, profile: r.profile, events_unlinked: r.events, conversions_unlinked: r.conversions });
  });

  app.post('/v1/events/conversion', async (c) => {
    const { clickWindowDays, viewWindowDays, attributionModel, reportCurrency } = deps.config;
    const rates = async () => (await deps.configCache.get()).rateTable;
    const out = await recordConversion({ ...deps, clickWindowDays, viewWindowDays, attributionModel, reportCurrency, rates, flushEvents: () => deps.events.flush() }, await jsonBody(c.req));
    const status = out.status === 'attributed' ? 201 : out.status === 'unattributed' ? 202 : 200;
    const cv = out.conversion;
    return c.json(
      { status: out.status, order_id: cv.orderId, decision_id: cv.decisionId, campaign: cv.campaignId, variant: cv.variantId, attributed: cv.attributed, attribution: cv.attribution ?? null, model: cv.model ?? null, reason: cv.reason, value: cv.value, currency: cv.currency, report_value: cv.reportValue ?? cv.value, report_currency: cv.reportCurrency ?? cv.currency, fx_rate: cv.fxRate ?? null, fx_date: cv.fxDate ?? null, at: cv.at },
      status,
    );
  });
}
