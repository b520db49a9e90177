// Part (a): decisions over the demo store and over a generated 100k-product store.
// Run as a child process per store so peak RSS belongs to that store alone.
import { decide } from '../src/domain/decide.ts';
import { normalizeSignals } from '../src/domain/signals.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { ConfigCache } from '../src/services/config-cache.ts';
import { seededRng } from '../src/domain/rng.ts';
import { peakRssMb, summarize, timeAsync } from './stats.ts';
import { BENCH_PROFILES, BENCH_SECRET, BENCH_VENDOR } from './bench-config.ts';
import { GRANTING } from '../test/helpers/consent-strings.ts';

const which = process.argv[2] === 'large' ? 'large' : 'demo';
// large: a store file already seeded by seed-large.ts, and its clock.
const file = process.argv[3];
const seedMs = Number(process.argv[5] ?? 0);
const N = Number(process.env.BENCH_DECISIONS ?? 20000);
const now = which === 'large' ? Number(process.argv[4]) : Date.now();

const v = await buildNodeApp({ db: which === 'large' ? file! : ':memory:', demo: which === 'demo', clock: () => now, seed: 1, config: { adminKey: 'bench', secret: BENCH_SECRET, gvlVendorId: BENCH_VENDOR } });
const configCache = new ConfigCache(v.store, 60_000, () => now);
const snap = await configCache.get();
const regions = snap.regions.map((r) => r.code);
const campaigns = snap.bundles.map((b) => b.campaign.id);
const rng = seededRng(9);
const deps = { ...v.serve, configCache, clock: () => now, rng };
const params = (i: number, format = 'png') => ({
  campaign: campaigns[i % campaigns.length]!,
  region: regions[(i * 7) % regions.length]!,
  size: '300x250',
  format,
  weather: i % 3 === 0 ? 'rain' : undefined,
  seed: String(i),
});

// Seeding garbage is a benchmark artifact (a server seeds once, long before traffic): collect it first.
(globalThis as { gc?: () => void }).gc?.();
// Warm up JIT and statement caches.
for (let i = 0; i < 500; i++) await decideRequest(deps, params(i));
// The serving path (png/html/OpenRTB) and the explained one (format=json: full promo trace).
const full = await timeAsync(N, (i) => decideRequest(deps, params(i)));
// Memory of the serving path; the explained path below allocates a trace entry per promo and lets the heap grow further.
const servingRssMb = peakRssMb();
// Personalized: a consented shopper (granting TC string) with a profile, the bandit reading learned arms.
const personal = (i: number) => ({ ...params(i), uid: `u${(i * 7919) % BENCH_PROFILES}`, gdpr: '1', gdpr_consent: GRANTING });
let personalized = 0;
for (let i = 0; i < 500; i++) await decideRequest(deps, personal(i));
const profiled = await timeAsync(N, async (i) => {
  const rd = await decideRequest(deps, personal(i));
  if (rd.result.kind === 'decision' && rd.result.decision.userKey) personalized++;
});
const personalRssMb = peakRssMb();
for (let i = 0; i < 200; i++) await decideRequest(deps, params(i, 'json'));
const explained = await timeAsync(Math.floor(N / 4), (i) => decideRequest(deps, params(i, 'json')));

// The pure engine alone, on inputs gathered once per (campaign, region).
const inputs = await Promise.all(
  Array.from({ length: 64 }, async (_, i) => {
    const p = params(i);
    const { signals, notes } = normalizeSignals(p, snap.regions, { now, defaultRegion: 'US-CA' });
    const bundle = snap.bundleById.get(p.campaign)!;
    const cands = await v.store.candidates({ region: signals.region, selector: bundle.campaign.selector, limit: v.config.candidateLimit });
    return { signals, notes, bundles: [bundle], candidates: new Map([[bundle.campaign.id, cands]]), promos: snap.promosByRegion.get(signals.region) ?? [], seed: i, explainPromos: false };
  }),
);
const pure = await timeAsync(N, async (i) => decide(inputs[i % inputs.length]!));
const served = full.length;
process.stdout.write(
  JSON.stringify({ which, products: which === 'large' ? 100_000 : (await v.store.existingProductIds(Array.from({ length: 400 }, (_, i) => `p${String(i).padStart(4, '0')}`))).size, campaigns: campaigns.length, seedMs, full: summarize(full), explained: summarize(explained), personal: summarize(profiled), personalizedShare: personalized / N, pure: summarize(pure), served, servingRssMb, personalRssMb, peakRssMb: peakRssMb() }) + '\n',
);
await v.close();
