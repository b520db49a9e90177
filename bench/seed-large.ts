// Generates the 100k-product store into a SQLite file, in its own process, so the decision
// benchmark measures a server that opens an existing store (its RSS excludes the generator).
// Besides the catalog: 10,000 first-party profiles (carts, purchases, tiers) and learning state
// for every campaign × variant × context bucket, so personalized decisions read real data.
import Database from 'better-sqlite3';
import { generateCatalog } from '../src/demo/catalog.ts';
import { seededRng } from '../src/domain/rng.ts';
import type { Profile } from '../src/domain/types.ts';
import { nodeDigest } from '../src/runtime/node/digest.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { userKey } from '../src/security/user-key.ts';
import { BENCH_PROFILES, BENCH_SECRET } from './bench-config.ts';


const [file, nowArg] = process.argv.slice(2);
if (file) {
  const now = new Date(Number(nowArg));
  const t = performance.now();
  const { images: _images, ...cat } = generateCatalog({ products: 100_000, campaigns: 20, variantsPerCampaign: 10, promos: 1000, seed: 42, now }, { images: false });
  const { store, close } = openNodeStore(file);
  await store.seed({ ...cat, assets: [] });
  const rng = seededRng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  const iso = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const digest = nodeDigest();
  const profiles: Array<{ userHash: string; profile: Profile }> = [];
  for (let i = 0; i < BENCH_PROFILES; i++) {
    const cart = rng.next() < 0.4 ? [pick(cat.products)] : [];
    const bought = rng.next() < 0.5 ? [pick(cat.products), pick(cat.products)] : [];
    profiles.push({
      userHash: await userKey(digest, BENCH_SECRET, `u${i}`),
      profile: {
        segments: rng.next() < 0.5 ? ['runners'] : ['vip', 'newsletter'],
        cart: cart.map((p) => ({ productId: p.id, at: iso(3 + rng.next() * 48), category: p.category })),
        purchases: bought.map((p) => ({ productId: p.id, at: iso(24 * rng.next() * 20), category: p.category })),
        loyaltyTier: rng.next() < 0.2 ? 'gold' : null,
        lang: null,
        updatedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      },
    });
  }
  await store.putProfiles(profiles);
  close();
  // Learning state: every campaign × variant × bucket, written as event batches leave it.
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO policy_arms (campaign_id, bucket, variant_id, impressions, clicks, conversions, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let arms = 0;
  db.transaction(() => {
    for (const v of cat.variants)
      for (const r of cat.regions)
        for (const dp of ['morning', 'afternoon', 'evening', 'night'])
          for (const dev of ['desktop', 'mobile', 'tablet', 'ctv']) {
            const n = Math.floor(rng.next() * 2000);
            insert.run(v.campaignId, `${r.code}|${dp}|${dev}`, v.id, n, Math.floor(n * rng.next() * 0.04), 0, now.getTime());
            arms++;
          }
  })();
  db.close();
  process.stdout.write(JSON.stringify({ seedMs: performance.now() - t, variants: cat.variants.length, promos: cat.promos.length, profiles: BENCH_PROFILES, arms }) + '\n');
}
