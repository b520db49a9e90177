// Issue 5's ingestion figures: a generated 100,000-row product TSV, a 1,000,000-row local
// inventory TSV (100,000 products × 10 stores), and batched stock updates, into a fresh SQLite file.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from '../src/demo/catalog.ts';
import { importFeed } from '../src/feeds/import.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { STORES } from './import-stores.ts';
import { peakRssMb } from './stats.ts';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-import-'));
const now = new Date();
const PRODUCTS = Number(process.env.BENCH_IMPORT_PRODUCTS ?? 100_000);

// Files come from import-files.ts, run first in its own process.
const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./import-files.ts', import.meta.url)), dir], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
const { productsFile, localFile } = JSON.parse(out.trim().split('\n').pop()!) as { productsFile: string; localFile: string };

const { store, close } = openNodeStore(join(dir, 'import.db'));
await store.seed({ regions: generateCatalog({ products: 1, campaigns: 3, variantsPerCampaign: 1, promos: 0, seed: 1, now }, { images: false }).regions, products: [], inventory: [], promos: [], campaigns: [], variants: [], assets: [] });
await store.putStores(STORES);

const mem = (l: string) => process.env.BENCH_MEM && process.stderr.write(`${l}: rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, max ${peakRssMb()} MB\n`);
mem('start');
const products = await importFeed(store, 'products', 'tsv', createReadStream(productsFile), { now: Date.now });
mem('products');
const again = await importFeed(store, 'products', 'tsv', createReadStream(productsFile), { now: Date.now });
mem('reimport');
const local = await importFeed(store, 'local-inventory', 'tsv', createReadStream(localFile), { now: Date.now });
mem('local');

// Sustained stock updates: 200,000 absolute counts in batches of 1,000.
const N = 200_000;
const t = performance.now();
for (let b = 0; b < N / 1000; b++) {
  const rows = Array.from({ length: 1000 }, (_, i) => ({ productId: `p${String(((b * 1000 + i) % PRODUCTS) + 1).padStart(4, '0')}`, region: STORES[(b + i) % 6]!.region, quantity: (b + i) % 50 }));
  await store.setStock(rows, new Date(Date.now() + b).toISOString());
}
const stockMs = performance.now() - t;
close();
const pick = (s: typeof products) => ({ read: s.read, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, ms: s.ms });
process.stdout.write(JSON.stringify({ products: pick(products), reimport: pick(again), local: pick(local), stock: { rows: N, ms: stockMs, perSecond: Math.round(N / (stockMs / 1000)) }, peakRssMb: peakRssMb() }) + '\n');
