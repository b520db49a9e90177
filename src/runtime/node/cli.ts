// `npx vitrine import <products|regional-inventory|local-inventory> <file>`: imports a Merchant
// Center feed (TSV or RSS XML, by extension or --format) into the configured database, streaming,
// with a progress line on a terminal and a summary at the end.
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { FEED_KINDS, importFeed, type FeedKind } from '../../feeds/import.ts';
import type { FeedFormat } from '../../feeds/readers.ts';
import { readEnv } from './env.ts';
import { openNodeStore } from './sqlite.ts';

const USAGE = `usage: vitrine import <${FEED_KINDS.join('|')}> <file.tsv|file.txt|file.xml> [--format tsv|xml] [--full]`;

function formatOf(file: string, flag: string | undefined): FeedFormat {
  if (flag === 'tsv' || flag === 'xml') return flag;
  return extname(file).toLowerCase() === '.xml' ? 'xml' : 'tsv';
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, kind, file] = argv;
  const fi = argv.indexOf('--format');
  if (cmd !== 'import' || !FEED_KINDS.includes(kind as FeedKind) || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const size = statSync(file).size;
  const env = readEnv(process.env);
  const { store, close } = openNodeStore(env.db);
  const tty = process.stderr.isTTY;
  const input = createReadStream(file);
  try {
    const summary = await importFeed(store, kind as FeedKind, formatOf(file, fi >= 0 ? argv[fi + 1] : undefined), input, {
      now: Date.now,
      fullSync: argv.includes('--full') && kind === 'products',
      onProgress: (read: number) => {
        if (!tty) return;
        const pct = size ? Math.min(100, Math.round((input.bytesRead / size) * 100)) : 0;
        const bar = '#'.repeat(Math.round(pct / 4)).padEnd(25, '.');
        process.stderr.write(`\r[${bar}] ${pct}%  ${read.toLocaleString('en')} rows`);
      },
    });
    if (tty) process.stderr.write('\n');
    for (const p of summary.problems) process.stderr.write(`line ${p.line}${p.id ? ` (${p.id})` : ''}: ${p.field}: ${p.reason}\n`);
    const { read, inserted, updated, unchanged, rejected, ms } = summary;
    const marked = summary.markedUnavailable !== undefined ? `, ${summary.markedUnavailable} absent marked out of stock` : '';
    process.stdout.write(`${file}: ${read} rows read, ${inserted} inserted, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected${marked} in ${(ms / 1000).toFixed(1)} s (database ${env.db})\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`import failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    close();
  }
}

process.exitCode = await main(process.argv.slice(2));
