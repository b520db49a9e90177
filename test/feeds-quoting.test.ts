// Issue 14, finding 2: Merchant Center TSV quoting. A title that starts with `"` must not swallow
// the rows after it; a row of the wrong width is rejected and reported, never merged; a broken
// file answers 400 with its line and says which whole batches were committed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_BATCH_ROWS, type ImportSummary as Summary } from '../src/feeds/import.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { ADMIN_KEY, fixtureApp } from './helpers/app.ts';

const TSV = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'text/tab-separated-values' };
const HEAD = 'id\ttitle\tlink\timage_link\tavailability\tprice';
const row = (id: string, title: string, price = '10.00 USD') => `${id}\t${title}\thttps://shop.example.com/p/${id}\thttps://shop.example.com/img/${id}.png\tin_stock\t${price}`;

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

const post = (body: string) => v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: TSV, body });
const product = async (id: string) => {
  const res = await v.app.request(`/v1/admin/products/${encodeURIComponent(id)}`, { headers: TSV });
  return res.status === 200 ? ((await res.json()) as { product: { title: string; link: string; price: number; imageLink: string } }).product : null;
};

describe('TSV quoting (Merchant Center rules)', () => {
  it('keeps a title that starts with a quote literal: the rows after it import, each with its own link and price', async () => {
    const body = [HEAD, row('q-1', '"Limited" edition tee', '11.00 USD'), row('q-2', 'Plain tee', '12.00 USD'), row('q-3', '12" skillet', '13.00 USD'), row('q-4', '"Open quote tee', '14.00 USD'), row('q-5', 'Last "one"', '15.00 USD')].join('\n');
    const res = await post(body);
    expect(res.status).toBe(200);
    const s = (await res.json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([5, 5, 0]);
    const want: Array<[string, string, number]> = [['q-1', '"Limited" edition tee', 11], ['q-2', 'Plain tee', 12], ['q-3', '12" skillet', 13], ['q-4', '"Open quote tee', 14], ['q-5', 'Last "one"', 15]];
    for (const [id, title, price] of want) expect(await product(id)).toMatchObject({ title, price, link: `https://shop.example.com/p/${id}` });
  });

  it('reads a wholly quoted field with tabs, line breaks and doubled quotes as one value', async () => {
    const body = [HEAD, row('q-10', '"Pan 12"" wide\tcast\niron"'), row('q-11', 'Next')].join('\r\n');
    const s = (await (await post(body)).json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([2, 2, 0]);
    expect((await product('q-10'))?.title).toBe('Pan 12" wide\tcast\niron');
    expect((await product('q-11'))?.title).toBe('Next');
  });

  it('rejects a row whose column count differs from the header, reporting its line, and imports its neighbours', async () => {
    const body = [HEAD, row('w-1', 'One'), row('w-2', 'Two') + '\textra', 'w-3\tThree\thttps://shop.example.com/p/w-3', row('w-4', 'Four')].join('\n');
    const s = (await (await post(body)).json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([4, 2, 2]);
    expect(s.problems).toEqual([
      { line: 3, id: 'w-2', field: 'row', reason: 'expected 6 tab-separated columns as in the header, got 7; the row is not imported' },
      { line: 4, id: 'w-3', field: 'row', reason: 'expected 6 tab-separated columns as in the header, got 3; the row is not imported' },
    ]);
    expect(await product('w-2')).toBeNull();
    expect(await product('w-4')).toMatchObject({ title: 'Four', link: 'https://shop.example.com/p/w-4' });
  });

  it('never merges a row into the one before when a quote opened on one line closes on a later one', async () => {
    // The quote opened in m-1's title "closes" at m-2's `12"` followed by a tab: joined, the two
    // lines would make one row of the right width with m-2's link and price.
    const body = [HEAD, row('m-1', '"Wide hat', '21.00 USD'), row('m-2', 'Pan 12"', '22.00 USD')].join('\n');
    const s = (await (await post(body)).json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([2, 2, 0]);
    expect(await product('m-1')).toMatchObject({ title: '"Wide hat', price: 21, link: 'https://shop.example.com/p/m-1' });
    expect(await product('m-2')).toMatchObject({ title: 'Pan 12"', price: 22, link: 'https://shop.example.com/p/m-2' });
  });

  it('answers 400 naming the line of an unclosed quote, with whole batches committed and the rest rolled back', async () => {
    const rest = FEED_BATCH_ROWS / 2; // rows read after the last whole batch
    const good = Array.from({ length: 2 * FEED_BATCH_ROWS + rest }, (_, i) => row(`u-${i}`, `Row ${i}`));
    const bad = 'u-bad\t"Never closed\thttps://shop.example.com/p/u-bad\thttps://shop.example.com/img/u.png\tin_stock\t1.00 USD';
    const line = good.length + 2;
    const res = await post([HEAD, ...good, bad, row('u-after', 'After')].join('\n'));
    expect(res.status).toBe(400);
    const e = ((await res.json()) as { error: { code: string; field: string; message: string; details: { line: number; committed: { batches: number; rows: number }; rolledBack: { rows: number; fromLine: number } } } }).error;
    expect(e.field).toBe('body');
    expect(e.details.line).toBe(line);
    expect(e.message).toContain(`line ${line}: unclosed quote`);
    expect(e.details.committed).toMatchObject({ batches: 2, rows: 2 * FEED_BATCH_ROWS });
    expect(e.details.rolledBack).toEqual({ rows: rest, fromLine: 2 * FEED_BATCH_ROWS + 2 });
    expect(e.message).toMatch(new RegExp(`${2 * FEED_BATCH_ROWS} row\\(s\\) in 2 whole batch\\(es\\).*committed.*${rest} valid row\\(s\\).*rolled back`));
    expect(await product(`u-${2 * FEED_BATCH_ROWS - 1}`)).not.toBeNull();
    expect(await product(`u-${2 * FEED_BATCH_ROWS}`)).toBeNull();
    expect(await product('u-after')).toBeNull();
  });

  it('normalizes link schemes and rejects backslashes and user names in links, with a reason per row', async () => {
    const body = [
      HEAD,
      'l-1\tUpper\tHTTPS://Shop.Example.com/p/l-1\thttps://shop.example.com/img/l.png\tin_stock\t1.00 USD',
      'l-2\tSlash\thttps:\\\\evil.example/p\thttps://shop.example.com/img/l.png\tin_stock\t1.00 USD',
      'l-3\tUser\thttps://shop.example.com@evil.example/p\thttps://shop.example.com/img/l.png\tin_stock\t1.00 USD',
      'l-4\tImage\thttps://shop.example.com/p/l-4\thttps://u:pw@img.example/l.png\tin_stock\t1.00 USD',
    ].join('\n');
    const s = (await (await post(body)).json()) as Summary;
    expect([s.read, s.inserted, s.rejected]).toEqual([4, 1, 3]);
    expect((await product('l-1'))?.link).toBe('https://shop.example.com/p/l-1');
    expect(s.problems.map((p) => [p.line, p.field])).toEqual([[3, 'link'], [4, 'link'], [5, 'image_link']]);
    expect(s.problems[0]!.reason).toMatch(/backslash/);
    expect(s.problems[1]!.reason).toMatch(/user name or password/);
  });
});

describe('property: random quoting and tabs', () => {
  const alphabet = fc.constantFrom('a', 'b', ' ', '"', '\t', '\n');
  const title = fc.array(alphabet, { minLength: 0, maxLength: 8 }).map((cs) => cs.join(''));
  const cell = fc.record({ title, quote: fc.boolean() });
  it('every row imports intact or is reported; rows are conserved; never a 5xx', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 12 }), async (cells) => {
        round++;
        const ids = cells.map((_, i) => `fc${round}-${i}`);
        const enc = cells.map(({ title: t, quote }) => {
          const needs = /[\t\n]/.test(t) || (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) || t === '"';
          return quote || needs ? `"${t.replace(/"/g, '""')}"` : t;
        });
        const res = await post([HEAD, ...enc.map((t, i) => row(ids[i]!, t, `${i + 1}.00 USD`))].join('\n'));
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) return;
        const s = (await res.json()) as Summary;
        expect(s.inserted + s.updated + s.unchanged + s.rejected).toBe(s.read);
        const reported = new Set(s.problems.map((p) => p.id));
        for (const [i, id] of ids.entries()) {
          const p = await product(id);
          if (p === null) {
            expect(reported.has(id) || s.problems.some((q) => q.field === 'row')).toBe(true);
            continue;
          }
          expect(p).toMatchObject({ title: cells[i]!.title.trim(), price: i + 1, link: `https://shop.example.com/p/${id}` });
        }
      }),
      { numRuns: 60, seed: 1414 },
    );
  }, 60_000);
});
