// Issue 5's ingestion figures: a generated 100,000-row product TSV, a 1,000,000-row local
// inventory TSV (100,000 products × 10 stores), and batched stock updates, into a fresh SQLite file.
import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from '../src/demo/catalog.ts';
import { importFeed } from '../src/feeds/import.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { peakRssMb } from './stats.ts';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-import-'));
const now = new Date();
const PRODUCTS = Number(process.env.BENCH_IMPORT_PRODUCTS ?? 100_000);

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const l of lines) if (!out.write(l)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* productTsv() {
  const cat = generateCatalog({ products: PRODUCTS, campaigns: 3, variantsPerCampaign: 6, promos: 8, seed: 5, now }, { images: false });
  yield 'id\ttitle\tdescription\tlink\timage_link\tavailability\tprice\tsale_price\tbrand\tgtin\tproduct_type\tgoogle_product_category\tcustom_label_0\tmargin\treturn_rate\n';
  for (const p of cat.products) {
    yield [p.id, p.title, p.description, p.link, p.imageLink, p.availability, `${p.price.toFixed(2)} ${p.currency}`, p.salePrice ? `${p.salePrice.toFixed(2)} ${p.currency}` : '', p.brand ?? '', p.gtin ?? '', p.productType ?? '', p.googleProductCategory ?? '', p.customLabels[0] ?? '', p.margin ?? '', p.returnRate ?? ''].join('\t') + '\n';
  }
}

const STORES = Array.from({ length: 10 }, (_, i) => ({ code: `S-${String(i).padStart(2, '0')}`, region: ['SA-01', 'AE-DU', 'EG-C', 'US-CA', 'GB-LND', 'DE-BE'][i % 6]! }));
function* localTsv() {
  yield 'id\tstore_code\tquantity\tavailability\n';
  for (let i = 0; i < PRODUCTS; i++) {
    const id = `p${String(i + 1).padStart(4, '0')}`;
    for (const s of STORES) yield `${id}\t${s.code}\t${(i * 7 + s.code.length * 13) % 40}\tin_stock\n`;
  }
}

const productsFile = join(dir, 'products.tsv');
const localFile = join(dir, 'local.tsv');
await writeLines(productsFile, productTsv());
await writeLines(localFile, localTsv());
// The generator's garbage is not the importer's memory: collect it before measuring.
(globalThis as { gc?: () => void }).gc?.();

const { store, close } = openNodeStore(join(dir, 'import.db'));
await store.seed({ regions: generateCatalog({ products: 1, campaigns: 3, variantsPerCampaign: 1, promos: 0, seed: 1, now }, { images: false }).regions, products: [], inventory: [], promos: [], campaigns: [], variants: [], assets: [] });
await store.putStores(STORES);

const products = await importFeed(store, 'products', 'tsv', createReadStream(productsFile), { now: Date.now });
const again = await importFeed(store, 'products', 'tsv', createReadStream(productsFile), { now: Date.now });
const local = await importFeed(store, 'local-inventory', 'tsv', createReadStream(localFile), { now: Date.now });

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
