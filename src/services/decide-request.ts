// One ad request's decision: normalize signals, gather data from the store, call the pure engine.
import { decide } from '../domain/decide.ts';
import { explicitIds } from '../domain/product-source.ts';
import { campaignExclusion } from '../domain/eligibility.ts';
import { badParam, VitrineError } from '../domain/errors.ts';
import { normalizeSignals, type Params } from '../domain/signals.ts';
import type { CampaignBundle, Candidate, Decision, DecisionResult, Region, Signals } from '../domain/types.ts';
import type { Store } from '../storage/port.ts';
import type { ConfigCache, ConfigSnapshot } from './config-cache.ts';
import type { Config } from './deps.ts';
import type { Rng } from '../domain/rng.ts';
import { audienceTrace } from '../domain/audience.ts';
import { localOffer, type RateTable } from '../domain/money.ts';
import { personalCandidates, personalize, type PersonalizeDeps } from './personalize.ts';
import type { PolicyState } from './policy-state.ts';

export interface DecideDeps extends PersonalizeDeps {
  store: Store;
  configCache: ConfigCache;
  config: Config;
  clock: () => number;
  rng: Rng;
  policyState: PolicyState;
}

export interface RequestDecision {
  signals: Signals;
  region: Region;
  result: DecisionResult;
  /** The request's user id and privacy parameters: URLs that replay this decision carry them too. */
  privacy: Record<string, string>;
}

const PRIVACY_PARAMS = ['uid', 'gdpr', 'gdpr_consent', 'consent', 'us_privacy', 'gpp', 'gpp_sid'] as const;

function parseSeed(raw: string | undefined, rng: Rng): number {
  if (raw === undefined || raw === '') return Math.floor(rng.next() * 4294967296);
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 4294967295) throw badParam('seed', 'expected an integer 0..4294967295');
  return Number(raw);
}

function selectBundles(params: Params, s: Signals, byId: Map<string, CampaignBundle>, byPlacement: Map<string, CampaignBundle[]>): CampaignBundle[] {
  let bundles: CampaignBundle[];
  if (s.campaignId) {
    const b = byId.get(s.campaignId);
    if (!b) throw new VitrineError('not_found', `campaign: unknown campaign "${s.campaignId}"`, 'campaign');
    bundles = [b];
  } else {
    bundles = byPlacement.get(s.placement!) ?? [];
    if (bundles.length === 0) throw new VitrineError('not_found', `placement: unknown placement "${s.placement}"`, 'placement');
  }
  const only = params.variant;
  if (!only) return bundles;
  const narrowed = bundles
    .map((b) => ({ campaign: b.campaign, variants: b.variants.filter((v) => v.id === only) }))
    .filter((b) => b.variants.length > 0);
  if (narrowed.length === 0) throw new VitrineError('not_found', `variant: unknown variant "${only}" for this request`, 'variant');
  return narrowed;
}

/** `traceExclusions: false` for an answer that never shows the trace (see decide's input). */
export async function decideRequest(deps: DecideDeps, params: Params, opts: { traceExclusions?: boolean } = {}): Promise<RequestDecision> {
  return decideWith(deps, params, (snap, signals) => selectBundles(params, signals, snap.bundleById, snap.byPlacement), opts);
}

/** Decides among the campaigns `pick` chooses for these signals (OpenRTB picks by tag id, size and blocks). */
export async function decideWith(deps: DecideDeps, params: Params, pick: (snap: ConfigSnapshot, signals: Signals) => CampaignBundle[], opts: { traceExclusions?: boolean } = {}): Promise<RequestDecision> {
  const snap = await deps.configCache.get();
  const { signals, notes } = normalizeSignals(params, snap.regions, { now: deps.clock(), defaultRegion: deps.config.defaultRegion });
  const seed = parseSeed(params.seed, deps.rng);
  const bundles = pick(snap, signals);
  const p = await personalize(deps, params, signals);
  signals.consent = p.consent;
  signals.audience = p.audience;
  notes.push(...p.notes);
  if (p.audience) notes.push(audienceTrace(p.audience));
  if (p.lang && !params.lang && p.lang !== signals.lang) {
    notes.push({ stage: 'signals', subject: 'lang', outcome: 'info', rule: 'profile_lang', detail: `language ${p.lang} from the shopper's profile (the region's default is ${signals.lang})` });
    signals.lang = p.lang;
  }
  const candidates = new Map<string, Candidate[]>();
  const explicit = new Map<string, Candidate[]>();
  // Only campaigns that can serve here cost a store query.
  const live = bundles.filter((b) => campaignExclusion(b.campaign, signals) === null);
  const [personal, stats] = await Promise.all([
    p.audience ? personalCandidates(deps.store, deps.config.candidateLimit, live, p.audience, signals.region) : undefined,
    deps.policyState.ready(),
    ...live.map(async (b) => {
        const rows = await deps.store.candidates({ region: signals.region, selector: b.campaign.selector, limit: deps.config.candidateLimit });
      candidates.set(b.campaign.id, rows);
    }),
    // Products `explicit` variants name, whatever the campaign's selector says.
    ...live.map(async (b) => {
      const ids = explicitIds(b.variants);
      if (ids.length) explicit.set(b.campaign.id, await deps.store.candidates({ region: signals.region, selector: { productIds: ids }, limit: ids.length }));
    }),
  ]);
  const result = decide({
    signals,
    bundles,
    candidates,
    promos: snap.promosByRegion.get(signals.region) ?? [],
    seed,
    notes,
    ...(personal ? { personal } : {}),
    ...(explicit.size ? { explicit } : {}),
    policy: { stats, settings: deps.config.policy },
    // Only the JSON view (and the preview built on it) shows the trace: explain promos there.
    explainPromos: signals.format === 'json',
    ...(opts.traceExclusions === false ? { traceExclusions: false } : {}),
  });
  const region = snap.regionByCode.get(signals.region)!;
  if (result.kind === 'decision') localizePrices(result.decision, region, snap.rateTable);
  const privacy: Record<string, string> = {};
  for (const k of PRIVACY_PARAMS) if (params[k]) privacy[k] = params[k]!;
  return { signals, region, result, privacy };
}

/** Every chosen product's prices in the region's currency (or why not), traced. */
function localizePrices(d: Decision, region: Region, rates: RateTable): void {
  d.products = d.products.map((cp) => {
    const local = localOffer(cp.offer, cp.product.id, region, rates);
    d.trace.push(local.trace);
    return { ...cp, offer: local.offer };
  });
}
