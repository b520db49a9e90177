// Builds the real Node app (better-sqlite3 in memory, sharp, bundled fonts) for route tests.
import { buildNodeApp, type NodeVitrine } from '../../src/runtime/node/build.ts';
import type { Config } from '../../src/services/deps.ts';
import type { SeedData } from '../../src/storage/port.ts';
import { NOW, seedData } from './fixture.ts';

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const SECRET = 'test-secret-0123456789abcdef';

export async function fixtureApp(opts: { seed?: Partial<SeedData>; now?: number; clock?: () => number; config?: Partial<Config>; db?: string; fetch?: typeof fetch } = {}): Promise<NodeVitrine> {
  const clock = opts.clock ?? (() => opts.now ?? NOW);
  const v = await buildNodeApp({ db: opts.db ?? ':memory:', demo: false, clock, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET, ...opts.config }, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  await v.store.seed(seedData(opts.seed));
  return v;
}

export async function demoApp(now = NOW): Promise<NodeVitrine> {
  return buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 7, config: { adminKey: ADMIN_KEY, secret: SECRET } });
}

export const admin = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
