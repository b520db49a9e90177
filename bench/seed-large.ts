// Generates the 100k-product store into a SQLite file, in its own process, so the decision
// benchmark measures a server that opens an existing store (its RSS excludes the generator).
import { generateCatalog } from '../src/demo/catalog.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';

const [file, nowArg] = process.argv.slice(2);
const now = new Date(Number(nowArg));
const t = performance.now();
const { images: _images, ...cat } = generateCatalog({ products: 100_000, campaigns: 20, variantsPerCampaign: 10, promos: 1000, seed: 42, now }, { images: false });
const { store, close } = openNodeStore(file!);
await store.seed({ ...cat, assets: [] });
close();
process.stdout.write(JSON.stringify({ seedMs: performance.now() - t, variants: cat.variants.length, promos: cat.promos.length }) + '\n');
