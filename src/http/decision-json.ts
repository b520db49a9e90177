// The JSON view of a decision: what was chosen, why, what will be drawn, and where to get it.
import type { SlotsDraft } from '../render/slots.ts';
import type { RequestDecision } from '../services/decide-request.ts';

export function decisionJson(rd: RequestDecision, slots: SlotsDraft, urls: Record<string, string>): Record<string, unknown> {
  const r = rd.result;
  const s = rd.signals;
  const signals = {
    region: s.region,
    country: s.country,
    tz: s.tz,
    local: s.local,
    lang: s.lang,
    device: s.device,
    channel: s.channel,
    weather: s.weather,
    size: `${s.size.w}x${s.size.h}`,
    consent: s.consent ? { rule: s.consent.rule, personalize: s.consent.personalize, gdpr_applies: s.consent.gdprApplies } : null,
    // Segments only: the profile itself and the user hash stay server-side.
    segments: s.audience?.segments ?? null,
  };
  if (r.kind === 'none') {
    return {
      decision: { id: r.none.id, seed: r.none.seed, at: new Date(r.none.at).toISOString(), campaign: r.none.campaign?.id ?? null, variant: null, fallback: r.none.reason },
      signals,
      trace: r.none.trace,
      slots,
      urls,
    };
  }
  const d = r.decision;
  return {
    decision: {
      id: d.id,
      seed: d.seed,
      at: new Date(d.at).toISOString(),
      campaign: d.campaign.id,
      variant: d.variant.id,
      template: d.variant.template,
      score: d.score,
      policy: d.policy,
      bucket: d.bucket,
      holdout: d.holdout,
      personalized: d.userKey !== null,
      fallback: null,
      products: d.products.map((p) => ({
        id: p.product.id,
        title: p.product.title,
        quantity: p.quantity,
        price: {
          currency: p.offer.currency,
          regular: p.offer.regular,
          final: p.offer.final,
          source: p.offer.source,
          promo: p.offer.promo?.id ?? null,
          // Converted by an admin-set rate: the feed's prices, the rate and its date.
          converted: p.offer.conversion ?? null,
        },
      })),
    },
    signals,
    trace: d.trace,
    slots,
    urls,
  };
}
