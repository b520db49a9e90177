// `npx vitrine import <products|regional-inventory|local-inventory> <file>`: imports a Merchant
// Center feed (TSV or RSS XML, plain, gzipped or zipped) into the configured database, streaming,
// with a progress line on a terminal and a summary at the end.
//
// Exit codes (for scripts): 0 every row imported; 3 some rows rejected (the rest imported, or
// validated with --dry-run); 4 the file was refused (not a feed, missing header columns, not
// readable); 2 usage. --json prints the summary as one JSON object on stdout.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { sniffFormat, unpacked } from '../../feeds/decode.ts';
import { FEED_KINDS, importFeed, type FeedKind, type ImportSummary } from '../../feeds/import.ts';
import type { FeedFormat } from '../../feeds/readers.ts';
import { MAPPING_SETTING } from '../../services/shopify/apply.ts';
import { bootstrapMapping } from '../../services/shopify/bootstrap.ts';
import { parseWebhookJson } from '../../services/shopify/payloads.ts';
import { readEnv } from './env.ts';
import { openNodeStore } from './sqlite.ts';

export const EXIT = { ok: 0, usage: 2, rowsRejected: 3, fileRefused: 4 } as const;
const USAGE = `usage: vitrine import <${FEED_KINDS.join('|')}> <file.tsv|file.txt|file.xml|file.gz|file.zip> [--format tsv|xml] [--full] [--dry-run] [--json]`;
const MAX_INFLATED = 4 * 1024 * 1024 * 1024;

function formatFlag(argv: string[]): FeedFormat | null | 'bad' {
  const fi = argv.indexOf('--format');
  if (fi < 0) return null;
  const v = argv[fi + 1];
  return v === 'tsv' || v === 'xml' ? v : 'bad';
}

function printSummary(file: string, db: string, s: ImportSummary): void {
  for (const p of s.problems) process.stderr.write(`line ${p.line}${p.id ? ` (${p.id})` : ''}: ${p.field}: ${p.reason}\n`);
  for (const a of s.ignoredAttributes) process.stderr.write(`ignored attribute ${a.attribute} in ${a.count} row(s): ${a.reason}\n`);
  const marked = s.markedUnavailable !== undefined ? `, ${s.markedUnavailable} absent marked out of stock` : '';
  const verb = s.dryRun ? 'validated (dry run, nothing written)' : `${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged`;
  process.stdout.write(`${file}: ${s.read} rows read, ${verb}, ${s.rejected} rejected${marked} in ${(s.ms / 1000).toFixed(1)} s (database ${db})\n`);
}

/** `vitrine shopify-mapping <locations.json> <products.json> [--json]`: writes the webhook mapping. */
async function shopifyMapping(argv: string[]): Promise<number> {
  const [, locFile, prodFile] = argv;
  if (!locFile || !prodFile) {
    process.stderr.write('usage: vitrine shopify-mapping <locations.json> <products.json> [--json]\n');
    return EXIT.usage;
  }
  const env = readEnv(process.env);
  const { store, close } = openNodeStore(env.db);
  try {
    const [locations, products] = [readFileSync(locFile, 'utf8'), readFileSync(prodFile, 'utf8')].map(parseWebhookJson);
    const regions = new Set((await store.listRegions()).map((r) => r.code));
    const r = bootstrapMapping(locations, products, regions, new Set(await store.allProductIds()));
    await store.setSetting(MAPPING_SETTING, JSON.stringify(r.mapping));
    const counts = { items: Object.keys(r.mapping.items).length, locations: Object.keys(r.mapping.locations).length };
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ...counts, unmapped: r.unmapped })}\n`);
    else {
      for (const u of r.unmapped) process.stderr.write(`unmapped ${u.kind} ${u.id}: ${u.reason}\n`);
      process.stdout.write(`shopify mapping: ${counts.items} inventory items and ${counts.locations} locations mapped, ${r.unmapped.length} unmapped (database ${env.db})\n`);
    }
    return r.unmapped.length ? EXIT.rowsRejected : EXIT.ok;
  } catch (err) {
    process.stderr.write(`shopify-mapping refused: ${(err as Error).message}\n`);
    return EXIT.fileRefused;
  } finally {
    close();
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'shopify-mapping') return shopifyMapping(argv);
  const [cmd, kind, file] = argv;
  const flag = formatFlag(argv);
  const json = argv.includes('--json');
  if (cmd !== 'import' || !FEED_KINDS.includes(kind as FeedKind) || !file || flag === 'bad') {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  const refuse = (message: string) => {
    if (json) process.stdout.write(`${JSON.stringify({ file, refused: true, error: message })}\n`);
    else process.stderr.write(`import refused: ${message}\n`);
    return EXIT.fileRefused;
  };
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    return refuse(`cannot read ${file}: ${(err as Error).message}`);
  }
  const env = readEnv(process.env);
  const { store, close } = openNodeStore(env.db);
  const tty = process.stderr.isTTY && !json;
  const input = createReadStream(file);
  try {
    const { bytes } = await unpacked(input, MAX_INFLATED);
    const byName = extname(file.replace(/\.(gz|zip)$/i, '')).toLowerCase();
    const { format, bytes: feed } = flag ? { format: flag, bytes } : byName === '.xml' || byName === '.tsv' || byName === '.txt' ? { format: (byName === '.xml' ? 'xml' : 'tsv') as FeedFormat, bytes } : await sniffFormat(bytes);
    const summary = await importFeed(store, kind as FeedKind, format, feed, {
      now: Date.now,
      fullSync: argv.includes('--full') && kind === 'products',
      dryRun: argv.includes('--dry-run'),
      onProgress: (read: number) => {
        if (!tty) return;
        const pct = size ? Math.min(100, Math.round((input.bytesRead / size) * 100)) : 0;
        const bar = '#'.repeat(Math.round(pct / 4)).padEnd(25, '.');
        process.stderr.write(`\r[${bar}] ${pct}%  ${read.toLocaleString('en')} rows`);
      },
    });
    if (tty) process.stderr.write('\n');
    if (json) process.stdout.write(`${JSON.stringify({ file, refused: false, ...summary })}\n`);
    else printSummary(file, env.db, summary);
    return summary.rejected > 0 ? EXIT.rowsRejected : EXIT.ok;
  } catch (err) {
    return refuse((err as Error).message);
  } finally {
    close();
  }
}

process.exitCode = await main(process.argv.slice(2));
