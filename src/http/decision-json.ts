// The JSON view of a decision. Public callers get what the creative shows (the chosen campaign,
// variant and products with their shown prices, the slots, the URLs); an internal reader (admin
// key, or a user with `read`) also gets the trace, stock counts, scores, the learning bucket,
// consent details and the shopper's segments. The user hash and the profile never leave the server.
import type { SlotsDraft } from '../render/slots.ts';
import type { RequestDecision } from '../services/decide-request.ts';

function signalsView(rd: RequestDecision, internal: boolean): Record<string, unknown> {
  const s = rd.signals;
  const shown = { region: s.region, country: s.country, tz: s.tz, local: s.local, lang: s.lang, device: s.device, channel: s.channel, weather: s.weather, size: `${s.size.w}x${s.size.h}` };
  if (!internal) return shown;
  return {
    ...shown,
    consent: s.consent ? { rule: s.consent.rule, personalize: s.consent.personalize, gdpr_applies: s.consent.gdprApplies } : null,
    segments: s.audience?.segments ?? null,
  };
}

export function decisionJson(rd: RequestDecision, slots: SlotsDraft, urls: Record<string, string>, internal = false): Record<string, unknown> {
  const r = rd.result;
  const signals = signalsView(rd, internal);
  if (r.kind === 'none') {
    return {
      decision: { id: r.none.id, seed: r.none.seed, at: new Date(r.none.at).toISOString(), campaign: r.none.campaign?.id ?? null, variant: null, fallback: r.none.reason },
      signals,
      ...(internal ? { trace: r.none.trace } : {}),
      slots,
      urls,
    };
  }
  const d = r.decision;
  const products = d.products.map((p) => ({
    id: p.product.id,
    title: p.product.title,
    // Public: the prices the creative prints. Internal: where they come from and the stock count.
    price: internal
      ? { currency: p.offer.currency, regular: p.offer.regular, final: p.offer.final, source: p.offer.source, promo: p.offer.promo?.id ?? null, converted: p.offer.conversion ?? null }
      : { currency: p.offer.currency, regular: p.offer.regular, final: p.offer.final },
    ...(internal ? { quantity: p.quantity } : {}),
  }));
  return {
    decision: {
      id: d.id,
      seed: d.seed,
      at: new Date(d.at).toISOString(),
      campaign: d.campaign.id,
      variant: d.variant.id,
      template: d.variant.template,
      ...(internal ? { score: d.score, policy: d.policy, bucket: d.bucket, holdout: d.holdout, personalized: d.userKey !== null } : {}),
      fallback: null,
      products,
    },
    signals,
    ...(internal ? { trace: d.trace } : {}),
    slots,
    urls,
  };
}
