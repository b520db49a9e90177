// Merchant Center product feeds through the admin API and the CLI: both formats, rejected rows
// with line numbers, idempotent re-import, bad files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_BATCH_ROWS, type ImportSummary as Summary } from '../src/feeds/import.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { ADMIN_KEY, fixtureApp } from './helpers/app.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/feeds/${name}`, import.meta.url)), 'utf8');
const TSV = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'text/tab-separated-values' };
const XML = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/xml' };


let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

const post = async (body: string, headers: Record<string, string>) => v.app.request('/v1/admin/feeds/products', { method: 'POST', headers, body });

describe('POST /v1/admin/feeds/products', () => {
  it('imports the good rows of a TSV feed and reports every bad one by line, field and reason', async () => {
    const res = await post(fixture('products.tsv'), TSV);
    expect(res.status).toBe(200);
    const s = (await res.json()) as Summary;
    expect([s.read, s.inserted, s.updated, s.unchanged, s.rejected]).toEqual([9, 3, 0, 0, 6]);
    expect(s.problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'id'],
      [5, 'price'],
      [6, 'price'],
      [7, 'link'],
      [8, 'sale_price_effective_date'],
      [9, 'sale_price'],
    ]);
    expect(s.problems[2]!.reason).toBe('unknown currency "XYZ"');
    const p = ((await (await v.app.request('/v1/admin/products/f-001', { headers: TSV })).json()) as { product: Record<string, unknown> }).product;
    expect(p).toMatchObject({ price: 129, salePrice: 99, currency: 'USD', saleStart: '2026-11-20T05:00:00.000Z', saleEnd: '2026-12-02T04:59:00.000Z', category: 'Shoes', brand: 'Stride', margin: 0.35, returnRate: 0.08, customLabels: ['winter', null, null, null, null] });
    const tote = ((await (await v.app.request('/v1/admin/products/f-002', { headers: TSV })).json()) as { product: Record<string, unknown> }).product;
    expect(tote).toMatchObject({ title: 'City Tote "Classic"', availability: 'in_stock', currency: 'EUR' });
  });

  it('changes nothing when the same file comes again, and updates only what changed', async () => {
    const again = (await (await post(fixture('products.tsv'), TSV)).json()) as Summary;
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 3]);
    const edited = fixture('products.tsv').replace('129.00 USD', '119.00 USD');
    const changed = (await (await post(edited, TSV)).json()) as Summary;
    expect([changed.inserted, changed.updated, changed.unchanged]).toEqual([0, 1, 2]);
  });

  it('reads the RSS 2.0 XML feed with g: attributes, entities and CDATA, ignoring nested shipping', async () => {
    const s = (await (await post(fixture('products.xml'), XML)).json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([2, 1, 1]);
    expect(s.problems).toEqual([{ line: 21, id: 'x-101', field: 'price', reason: 'missing' }]);
    const p = ((await (await v.app.request('/v1/admin/products/x-100', { headers: XML })).json()) as { product: Record<string, unknown> }).product;
    expect(p).toMatchObject({ title: 'LG 22LB4510 22" LED TV & stand', description: 'A <b>bright</b> TV', price: 159, salePrice: 139, category: 'Electronics', gtin: '08806084893081' });
  });

  it('refuses files that are not a feed with a 400 saying what was expected', async () => {
    const noHeader = await post('sku\tname\nA\tB\n', TSV);
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as { error: { message: string } }).error.message).toMatch(/header row with id, title/);
    const broken = await post('<rss><channel><item><g:id>1</g:id></channel></rss>', XML);
    expect(broken.status).toBe(400);
    const notRss = await post('<html><body>hi</body></html>', XML);
    expect(((await notRss.json()) as { error: { message: string } }).error.message).toMatch(/expected an RSS 2.0/);
    // UTF-16 with its byte order mark is read (spreadsheet exports); without one it is not text we can read.
    const marked = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: TSV, body: Buffer.from('\ufeff' + fixture('products.tsv'), 'utf16le') });
    expect(((await marked.json()) as Summary).read).toBe(9);
    const unmarked = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: TSV, body: Buffer.from(fixture('products.tsv'), 'utf16le') });
    expect(unmarked.status).toBe(400);
    const json = await post('{"id": 1}', { ...TSV, 'Content-Type': 'application/json' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { field: string } }).error.field).toBe('Content-Type');
  });

  it('requires the admin key', async () => {
    const res = await post(fixture('products.tsv'), { 'Content-Type': 'text/tab-separated-values' });
    expect(res.status).toBe(401);
  });
});

describe('full sync', () => {
  it('marks products missing from the file out of stock, keeps them, and never syncs against an all-rejected file', async () => {
    const fresh = await fixtureApp();
    try {
      const head = fixture('products.tsv').split('\n')[0]!;
      const only = [head, fixture('products.tsv').split('\n')[1]!].join('\n') + '\n';
      const bad = [head, fixture('products.tsv').split('\n')[4]!].join('\n') + '\n';
      const req = (body: string) => fresh.app.request('/v1/admin/feeds/products?mode=full', { method: 'POST', headers: TSV, body });
      const rejected = (await (await req(bad)).json()) as Summary & { markedUnavailable?: number };
      expect([rejected.rejected, rejected.markedUnavailable]).toEqual([1, undefined]);
      const s = (await (await req(only)).json()) as Summary & { markedUnavailable: number };
      expect([s.inserted, s.markedUnavailable]).toEqual([1, 5]);
      const p1 = await fresh.app.request('/v1/admin/products/p1', { headers: TSV });
      expect(((await p1.json()) as { product: { availability: string } }).product.availability).toBe('out_of_stock');
      const creative = await fresh.app.request('/v1/creative?campaign=c-run&size=300x250&format=json&region=GB-LND');
      expect(((await creative.json()) as { decision: { fallback: string | null } }).decision.fallback).toBe('nothing eligible');
      const wrong = await fresh.app.request('/v1/admin/feeds/local-inventory?mode=full', { method: 'POST', headers: TSV, body: only });
      expect(wrong.status).toBe(400);
    } finally {
      await fresh.close();
    }
  });
});

describe('vitrine import (CLI)', () => {
  const bin = fileURLToPath(new URL('../bin/vitrine.mjs', import.meta.url));
  const file = fileURLToPath(new URL('./fixtures/feeds/products.tsv', import.meta.url));
  const cli = (db: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, VITRINE_DB: db }, encoding: 'utf8' });

  it('imports a file, prints a summary and the rejected rows, and exits 3 when rows were rejected', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'vitrine-cli-')), 'cli.db');
    const first = cli(db, 'import', 'products', file);
    expect(first.stdout).toMatch(/9 rows read, 3 inserted, 0 updated, 0 unchanged, 6 rejected/);
    expect(first.stderr).toMatch(/line \d+/);
    expect(first.status).toBe(3);
    expect(cli(db, 'import', 'products', file).stdout).toMatch(/0 inserted, 0 updated, 3 unchanged, 6 rejected/);
  });

  it('--dry-run validates without writing; --json prints one object; a refused file exits 4; a clean file 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
    const db = join(dir, 'cli.db');
    const dry = cli(db, 'import', 'products', file, '--dry-run', '--json');
    expect(dry.status).toBe(3);
    const s = JSON.parse(dry.stdout) as { read: number; rejected: number; inserted: number; dryRun: boolean };
    expect(s).toMatchObject({ read: 9, rejected: 6, inserted: 0, dryRun: true });
    const after = JSON.parse(cli(db, 'import', 'products', file, '--json').stdout) as { inserted: number };
    expect(after.inserted).toBe(3); // the dry run wrote nothing
    const notFeed = join(dir, 'x.tsv');
    writeFileSync(notFeed, 'sku\tname\nA\tB\n');
    const refused = cli(db, 'import', 'products', notFeed, '--json');
    expect(refused.status).toBe(4);
    expect(JSON.parse(refused.stdout)).toMatchObject({ refused: true, error: expect.stringMatching(/header row/) });
    const clean = join(dir, 'clean.tsv');
    writeFileSync(clean, 'id\ttitle\tlink\timage link\tavailability\tprice\nq1\tMug\thttps://s.example/q1\thttps://s.example/q1.png\tin stock\tUSD 12.50\n');
    const ok = cli(db, 'import', 'products', clean);
    expect(ok.status).toBe(0);
    expect(cli(db, 'import', 'nonsense', clean).status).toBe(2);
  });
});

describe('a killed import', () => {
  it('leaves only whole batches behind, and running it again completes it', async () => {
    const { spawn } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-kill-'));
    const db = join(dir, 'kill.db');
    const file = join(dir, 'big.tsv');
    const head = 'id\ttitle\tlink\timage_link\tavailability\tprice\tproduct_type\n';
    const rows = Array.from({ length: 60_000 }, (_, i) => `k${i}\tItem ${i}\thttps://shop.example.com/p/k${i}\thttps://shop.example.com/i/k${i}.png\tin_stock\t${(i % 90) + 10}.00 USD\tHome > Decor\n`);
    writeFileSync(file, head + rows.join(''));
    const bin = fileURLToPath(new URL('../bin/vitrine.mjs', import.meta.url));
    const count = () => {
      let raw: InstanceType<typeof Database> | null = null;
      let integrity = 'ok';
      let n = 0;
      try {
        raw = new Database(db, { readonly: true, fileMustExist: true });
        integrity = (raw.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
        n = (raw.prepare('select count(*) as n from products').get() as { n: number }).n;
      } catch {
        // Not created or not migrated yet: nothing imported.
      } finally {
        raw?.close();
      }
      expect(integrity).toBe('ok');
      return n;
    };
    const child = spawn(process.execPath, [bin, 'import', 'products', file], { env: { ...process.env, VITRINE_DB: db }, stdio: 'ignore' });
    // Kill it hard as soon as some batches are in, well before the end.
    let seen = 0;
    for (let i = 0; i < 400 && seen === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      seen = count();
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(60_000);
    expect(partial % FEED_BATCH_ROWS).toBe(0); // batches commit whole or not at all
    const out = execFileSync(process.execPath, [bin, 'import', 'products', file], { env: { ...process.env, VITRINE_DB: db }, encoding: 'utf8' });
    expect(out).toContain(`60000 rows read, ${60_000 - partial} inserted, 0 updated, ${partial} unchanged, 0 rejected`);
    expect(count()).toBe(60_000);
  }, 120_000);
});
