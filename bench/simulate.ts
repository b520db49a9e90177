// The learning simulator: synthetic shoppers whose true click rates depend on variant × context in
// ways the policy is not told. 100,000 requests go through the real decision code (`decide` with
// the Thompson-sampling policy, its learning state updated in batches as event flushes do), next to
// an oracle, uniform random and a fixed 50/50 A/B split on the same request stream.
import { ArmTable } from '../src/domain/arm-table.ts';
import type { PolicySettings } from '../src/domain/bandit.ts';
import { contextBucket, DEFAULT_POLICY } from '../src/domain/bandit.ts';
import { decide } from '../src/domain/decide.ts';
import { seededRng } from '../src/domain/rng.ts';
import { normalizeSignals } from '../src/domain/signals.ts';
import type { Campaign, Candidate, Region, Variant } from '../src/domain/types.ts';
import { product, REGIONS as FIXTURE_REGIONS } from '../test/helpers/fixture.ts';

const N = Number(process.argv[2] ?? process.env.SIM_REQUESTS ?? 100_000);
const BATCH = 500; // events per flush, as EventBuffer writes them
const TAIL = 20_000;

const REGIONS: Region[] = [
  ...FIXTURE_REGIONS,
  { code: 'EG-C', country: 'EG', name: { en: 'Cairo' }, tz: 'Africa/Cairo', currency: 'EGP', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'US-CA', country: 'US', name: { en: 'California' }, tz: 'America/Los_Angeles', currency: 'USD', defaultLang: 'en', weekend: [6, 0] },
  { code: 'DE-BE', country: 'DE', name: { en: 'Berlin' }, tz: 'Europe/Berlin', currency: 'EUR', defaultLang: 'en', weekend: [6, 0] },
];
const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
const VARIANT_IDS = ['v-generic', 'v-evening', 'v-mobile', 'v-gulf'] as const;

/**
 * The hidden truth: a base rate per region and device, and each variant's own affinity (evening
 * copy in the evening, a mobile layout on phones, Gulf-specific copy in Riyadh and Dubai). The
 * policy sees only bucket ids and clicks.
 */
function trueCtr(variant: string, region: string, daypart: string, device: string): number {
  const base = { 'SA-01': 0.022, 'AE-DU': 0.02, 'GB-LND': 0.016, 'EG-C': 0.018, 'US-CA': 0.015, 'DE-BE': 0.012 }[region]! * (device === 'mobile' ? 1.15 : device === 'tablet' ? 0.9 : 1);
  const evening = daypart === 'evening' || daypart === 'night';
  const gulf = region === 'SA-01' || region === 'AE-DU';
  // Interactions no single feature explains: evening copy does better still on phones at night,
  // the Gulf copy falls flat on tablets, the mobile layout underperforms in Berlin.
  switch (variant) {
    case 'v-generic':
      return base;
    case 'v-evening':
      return base * (evening ? 1.9 : 0.6) * (evening && device === 'mobile' ? 1.25 : 1);
    case 'v-mobile':
      return base * (device === 'mobile' ? 2.1 : 0.7) * (region === 'DE-BE' ? 0.7 : 1);
    default:
      return base * (gulf ? 1.8 : 0.75) * (device === 'tablet' ? 0.65 : 1);
  }
}

const campaign: Campaign = {
  id: 'c-sim',
  name: 'Simulated',
  advertiser: 'Sim',
  advertiserDomain: 'sim.example',
  status: 'active',
  startsAt: '2020-01-01T00:00:00Z',
  endsAt: '2030-01-01T00:00:00Z',
  regions: [],
  sizes: [],
  placements: [],
  selector: {},
  fallback: { headline: { en: 'Sim' }, link: 'https://sim.example/' },
  defaultVariantId: 'v-generic',
  lowStockThreshold: 0,
  frequencyCap: null,
  bidCpm: null,
  iabCategories: [],
  brandColor: '#000000',
  optimization: 'thompson',
};
// Same prior for all: the policy is told nothing about which variant fits where.
const variants: Variant[] = VARIANT_IDS.map((id) => ({ id, campaignId: 'c-sim', name: id, template: 'hero', copy: { en: { headline: id, cta: 'Shop' } }, conditions: [], prior: 0.015 }));
const candidates = new Map<string, Candidate[]>([['c-sim', [{ product: product('p1'), quantity: 100 }]]]);

/** Learning state applied a batch at a time, as event flushes write it to the store. */
class BatchedArms extends ArmTable {
  private pending: Array<{ bucket: string; variant: string; click: boolean }> = [];
  record(bucket: string, variant: string, click: boolean) {
    this.pending.push({ bucket, variant, click });
    if (this.pending.length >= BATCH) this.flush();
  }
  flush() {
    for (const e of this.pending) this.add('c-sim', e.bucket, e.variant, { impressions: 1, clicks: e.click ? 1 : 0, conversions: 0 });
    this.pending = [];
  }
}

export interface SimRun {
  name: string;
  regret: number;
  ctr: number;
  tailCtr: number;
  tailExpectedCtr: number;
  regretAt: Record<string, number>;
}

interface Run {
  name: string;
  regret: number;
  clicks: number;
  tailClicks: number;
  tailExpected: number;
  regretAt: Record<string, number>;
}

const newRun = (name: string): Run => ({ name, regret: 0, clicks: 0, tailClicks: 0, tailExpected: 0, regretAt: {} });

export function simulate(n = N, settings: PolicySettings = { ...DEFAULT_POLICY, holdoutShare: 0 }, seed = Number(process.env.SIM_SEED ?? 2026)) {
  const world = seededRng(seed);
  const base = Date.parse('2026-11-24T00:00:00Z');
  const stats = new BatchedArms();
  const runs = { vitrine: newRun('Vitrine (Thompson sampling)'), oracle: newRun('oracle'), uniform: newRun('uniform random'), ab: newRun('fixed 50/50 A/B (generic vs evening)') };
  const policyRng = seededRng(seed + 1);
  let decideMs = 0;
  for (let i = 0; i < n; i++) {
    const region = REGIONS[Math.floor(world.next() * REGIONS.length)]!;
    const device = DEVICES[Math.floor(world.next() * DEVICES.length)]!;
    const at = base + Math.floor(world.next() * 7 * 86_400_000);
    const clickDraw = world.next(); // one draw per request, shared by every policy (common random numbers)
    const { signals, notes } = normalizeSignals({ campaign: 'c-sim', size: '300x250', region: region.code, device, at: String(at) }, REGIONS, { now: at, defaultRegion: region.code });
    const bucket = contextBucket(signals);
    const ctr = (v: string) => trueCtr(v, region.code, signals.local.daypart, device);
    const best = Math.max(...VARIANT_IDS.map(ctr));
    const t = performance.now();
    const r = decide({ signals, notes, bundles: [{ campaign, variants }], candidates, promos: [], seed: Math.floor(policyRng.next() * 2 ** 32), explainPromos: false, policy: { stats, settings } });
    decideMs += performance.now() - t;
    if (r.kind !== 'decision') throw new Error('simulator: no decision');
    const picks: Record<keyof typeof runs, string> = {
      vitrine: r.decision.variant.id,
      oracle: VARIANT_IDS.find((v) => ctr(v) === best)!,
      uniform: VARIANT_IDS[Math.floor(policyRng.next() * VARIANT_IDS.length)]!,
      ab: policyRng.next() < 0.5 ? 'v-generic' : 'v-evening',
    };
    for (const [k, run] of Object.entries(runs) as Array<[keyof typeof runs, Run]>) {
      const p = ctr(picks[k]);
      const click = clickDraw < p;
      run.regret += best - p;
      if (click) run.clicks++;
      if (i >= n - TAIL) {
        run.tailClicks += click ? 1 : 0;
        run.tailExpected += p;
      }
      if ((i + 1) % (n / 10) === 0) run.regretAt[String(i + 1)] = run.regret;
    }
    stats.record(bucket, picks.vitrine, clickDraw < ctr(picks.vitrine));
  }
  stats.flush();
  const out = Object.fromEntries(
    Object.entries(runs).map(([k, r]) => [k, { name: r.name, regret: r.regret, ctr: r.clicks / n, tailCtr: r.tailClicks / Math.min(TAIL, n), tailExpectedCtr: r.tailExpected / Math.min(TAIL, n), regretAt: r.regretAt }]),
  );
  return { requests: n, contexts: REGIONS.length * 4 * DEVICES.length, variants: VARIANT_IDS.length, settings, decideUsPerRequest: (decideMs / n) * 1000, runs: out as Record<keyof typeof runs, SimRun> };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const main = simulate();
  const withHoldout = simulate(N, { ...DEFAULT_POLICY });
  process.stdout.write(JSON.stringify({ ...main, withHoldout: { settings: withHoldout.settings, vitrine: withHoldout.runs.vitrine } }) + '\n');
}
