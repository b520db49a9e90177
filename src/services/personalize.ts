// The consent gate and the profile read for one request. Without consent nothing keyed by the
// user is read or written: no profile lookup, no frequency count, no user hash in the links.
import { audienceOf, complementCategories } from '../domain/audience.ts';
import type { PersonalCandidates } from '../domain/decide.ts';
import type { Params } from '../domain/signals.ts';
import type { Audience, CampaignBundle, ConsentState, Lang, Profile, Signals, TraceEntry } from '../domain/types.ts';
import { LANGS } from '../domain/types.ts';
import { consentBasis, gdprCountry } from '../privacy/consent.ts';
import { webDigest, type Digest } from '../security/digest.ts';
import { userKey, MAX_UID_LENGTH } from '../security/user-key.ts';
import type { Store } from '../storage/port.ts';
import type { Config } from './deps.ts';

export interface PersonalizeDeps {
  store: Store;
  config: Config;
  digest?: Digest;
  /** Impressions this process counted but has not written yet, per campaign (frequency caps see a burst). */
  pendingImpressions?: (userHash: string, day: string) => ReadonlyMap<string, number>;
}

export interface Personalization {
  consent: ConsentState;
  audience: Audience | null;
  /** The profile's preferred language, used when the request names none. */
  lang: Lang | null;
  notes: TraceEntry[];
}

const fallbackDigest = webDigest();

const EMPTY: Omit<Profile, 'updatedAt' | 'expiresAt'> = { segments: [], purchases: [], cart: [], loyaltyTier: null, lang: null };

/** The consent basis of a request's privacy parameters (`gdpr`, `gdpr_consent`/`consent`, `us_privacy`, `gpp`, `gpp_sid`). */
export function consentOf(params: Params, country: string, vendorId: number | null): ConsentState {
  const basis = consentBasis(
    { gdpr: params.gdpr ?? null, tcString: params.gdpr_consent ?? params.consent ?? null, usPrivacy: params.us_privacy ?? null, gpp: params.gpp ?? null, gppSid: params.gpp_sid ?? null },
    { vendorId: vendorId ?? -1 },
    gdprCountry(country),
  );
  if (basis.gdprApplies && basis.personalize && vendorId === null) {
    return { personalize: false, rule: 'tcf_no_vendor', gdprApplies: true, detail: 'context only: GDPR applies and no IAB vendor id is configured (VITRINE_GVL_ID), so no TC string can grant Vitrine consent' };
  }
  return { personalize: basis.personalize, rule: basis.rule, gdprApplies: basis.gdprApplies, detail: basis.detail };
}

function addCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, n] of b) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}

export async function personalize(deps: PersonalizeDeps, params: Params, s: Signals): Promise<Personalization> {
  const consent = consentOf(params, s.country, deps.config.gvlVendorId);
  const notes: TraceEntry[] = [{ stage: 'signals', subject: 'consent', outcome: 'info', rule: consent.rule, detail: consent.detail }];
  const uid = params.uid;
  const none = { consent, audience: null, lang: null, notes };
  if (!uid) return none;
  if (!consent.personalize) {
    notes.push({ stage: 'signals', subject: 'profile', outcome: 'info', rule: 'profile_not_read', detail: 'a user id was given but not used: without consent the decision uses context only' });
    return none;
  }
  if (uid.length > MAX_UID_LENGTH) {
    notes.push({ stage: 'signals', subject: 'profile', outcome: 'info', rule: 'uid_too_long', detail: `user id longer than ${MAX_UID_LENGTH} characters: ignored` });
    return none;
  }
  const key = await userKey(deps.digest ?? fallbackDigest, deps.config.secret, uid);
  const nowIso = new Date(s.now).toISOString();
  const day = nowIso.slice(0, 10);
  const state = await deps.store.getUserState(key, day, nowIso);
  const seen = addCounts(state.impressionsToday, deps.pendingImpressions?.(key, day) ?? new Map());
  const profile = state.profile ?? { ...EMPTY, updatedAt: nowIso, expiresAt: nowIso };
  if (!state.profile) notes.push({ stage: 'signals', subject: 'profile', outcome: 'info', rule: 'profile_none', detail: 'consented user without a live profile: frequency caps apply, nothing else is personal' });
  const audience = audienceOf(profile, key, s.now, deps.config.audience, seen);
  return { consent, audience, lang: profile.lang && LANGS.includes(profile.lang) ? profile.lang : null, notes };
}

/** Products the audience points at for each campaign, in stock in the viewer's region. */
export async function personalCandidates(store: Store, limit: number, bundles: readonly CampaignBundle[], a: Audience, region: string): Promise<Map<string, PersonalCandidates>> {
  const out = new Map<string, PersonalCandidates>();
  await Promise.all(
    bundles.map(async ({ campaign: c }) => {
      const only = c.selector.productIds;
      const cartIds = only?.length ? a.abandonedCart.filter((id) => only.includes(id)) : a.abandonedCart;
      const comp = complementCategories(c, a);
      const [cart, complementary] = await Promise.all([
        cartIds.length ? store.candidates({ region, selector: { ...c.selector, productIds: cartIds }, limit }) : [],
        comp.length ? store.candidates({ region, selector: { ...c.selector, categories: comp }, limit: limit + a.purchased.length }) : [],
      ]);
      // The newest abandoned item first, as the shopper left it.
      cart.sort((x, y) => cartIds.indexOf(x.product.id) - cartIds.indexOf(y.product.id));
      out.set(c.id, { cart, complementary });
    }),
  );
  return out;
}
