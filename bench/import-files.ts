// Writes the files bench/import.ts reads, in its own process so the generator's memory is not
// counted as the importer's: a 100,000-row product TSV and a 1,000,000-row local inventory TSV.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { generateCatalog } from '../src/demo/catalog.ts';
import { STORES } from './import-stores.ts';

const dir = process.argv[2]!;
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

process.stdout.write(JSON.stringify({ productsFile, localFile }) + '\n');
