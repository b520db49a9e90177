// Merchant Center feeds as Google documents them: the specification's own attribute examples in
// TSV (headers with spaces, repeated product_type columns) and XML (repeated and nested elements),
// every price form, ignored attributes listed with counts, gzip and zip uploads, Merchant Center
// region ids through the mapping table, and a variant group showing the colour in stock.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrice } from '../src/feeds/price.ts';
import type { ImportSummary } from '../src/feeds/import.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { CAMPAIGN } from './helpers/fixture.ts';

const file = (name: string) => readFileSync(new URL(`./fixtures/merchant-center/${name}`, import.meta.url));
const TSV = { ...admin, 'Content-Type': 'text/tab-separated-values' };
const XML = { ...admin, 'Content-Type': 'application/xml' };

describe('prices in every written form', () => {
  it.each([
    ['15.00 USD', 15, 'USD'],
    ['USD 15.00', 15, 'USD'],
    ['1,299.00 USD', 1299, 'USD'],
    ['USD 1,299.00', 1299, 'USD'],
    ['15,00 EUR', 15, 'EUR'],
    ['1.299,00 EUR', 1299, 'EUR'],
    ['1 299,00 EUR', 1299, 'EUR'],
    ['1,299 USD', 1299, 'USD'],
    ['12.500 KWD', 12.5, 'KWD'],
    ['15 usd', 15, 'USD'],
    ['1,234,567.89 SAR', 1234567.89, 'SAR'],
  ])('%s', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency });
  });

  it.each([
    ['free', /expected/],
    ['10.00 XYZ', /unknown currency "XYZ"/],
    ['1,2,3 USD', /misplaced thousands separator/],
    ['12.34.56,7,8 EUR', /not a number/],
    ['', /missing/],
  ])('refuses %j with the reason', (text, reason) => {
    expect(parsePrice(text)).toMatch(reason);
  });
});

describe('the specification’s examples import with zero rejections', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await fixtureApp({ seed: { campaigns: [{ ...CAMPAIGN, selector: { productIds: ['A2B4'] } }] } });
  });
  afterAll(async () => v.close());
  const product = async (id: string) => ((await (await v.app.request(`/v1/admin/products/${id}`, { headers: admin })).json()) as { product: Record<string, unknown> & { details: Record<string, unknown> } }).product;

  it('TSV with spaced headers and repeated columns: every price form, details kept, ignored attributes counted', async () => {
    const res = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: TSV, body: file('spec-products.tsv') });
    expect(res.status).toBe(200);
    const s = (await res.json()) as ImportSummary;
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ read: 5, inserted: 5, rejected: 0 });
    const ignored = new Map(s.ignoredAttributes.map((a) => [a.attribute, a]));
    for (const a of ['identifier_exists', 'adult', 'multipack', 'is_bundle', 'energy_efficiency_class', 'shipping_weight', 'tax', 'excluded_destination', 'ads_redirect', 'promotion_id', 'cost_of_goods_sold']) {
      expect(ignored.get(a), a).toMatchObject({ use: 'ignored', count: 1 });
    }
    expect(ignored.has('price')).toBe(false);
    const polo = await product('A2B4');
    expect(polo).toMatchObject({ price: 15, currency: 'USD', imageLink: 'https://www.example.com/image1.jpg', productType: 'Home > Men > Shirts > Polo', category: 'Home' });
    expect(polo.details).toMatchObject({
      itemGroupId: 'AB12345',
      color: 'Red',
      size: 'XL',
      material: 'cotton',
      pattern: 'solid',
      condition: 'new',
      mpn: 'GO12345OOGLE',
      additionalImageLinks: ['https://www.example.com/image2.jpg', 'https://www.example.com/image3.jpg'],
      productTypes: [['Home', 'Men', 'Shirts', 'Polo'], ['Sale', 'Summer']],
      unitPricing: { measure: '1.5kg', baseMeasure: '100g' },
      shipping: [
        { country: 'US', region: 'CA', service: 'Overnight', price: 16, currency: 'USD' },
        { country: 'US', region: 'NY', service: 'Ground', price: 1299, currency: 'USD' },
      ],
    });
    expect(await product('A2B5')).toMatchObject({ price: 15, salePrice: 12, saleStart: '2026-11-20T05:00:00.000Z' });
    const tv = await product('TV_123456');
    expect(tv).toMatchObject({ price: 1299, salePrice: 1199, availability: 'preorder' });
    expect(tv.details).toMatchObject({ availabilityDate: '2026-12-25T21:00:00.000Z', condition: 'refurbished' });
    expect(await product('DE-1')).toMatchObject({ price: 15, salePrice: 12.5, currency: 'EUR', details: { condition: 'used', unitPricing: { measure: '750 ml', baseMeasure: '100 ml' } } });
    expect(await product('KW-1')).toMatchObject({ price: 12.5, currency: 'KWD', availability: 'backorder' });
  });

  it('XML with repeated and nested elements, gzipped and zipped uploads', async () => {
    const xml = file('spec-products.xml');
    const res = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: XML, body: xml });
    const s = (await res.json()) as ImportSummary;
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ read: 2, rejected: 0 });
    expect(new Map(s.ignoredAttributes.map((a) => [a.attribute, a.count]))).toEqual(new Map([['product_detail', 1], ['tax', 1]]));
    const tv = await product('TV_123457');
    expect(tv.details).toMatchObject({
      additionalImageLinks: ['https://images.example.com/TV_123456_2.png', 'https://images.example.com/TV_123456_3.png'],
      productTypes: [['Electronics', 'TVs', 'LED'], ['Deals', 'Black Friday']],
      shipping: [
        { country: 'US', region: null, service: 'Standard', price: 14.95, currency: 'USD' },
        { country: 'US', region: 'MA', service: 'Express', price: 29.95, currency: 'USD' },
      ],
    });
    const gz = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: { ...XML, 'Content-Encoding': 'gzip' }, body: gzipSync(xml) });
    expect(((await gz.json()) as ImportSummary).unchanged).toBe(2);
    const gzFile = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: { ...admin, 'Content-Type': 'application/gzip' }, body: gzipSync(file('spec-products.tsv')) });
    expect(((await gzFile.json()) as ImportSummary)).toMatchObject({ format: 'tsv', read: 5, unchanged: 5, rejected: 0 });
    const zip = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: { ...admin, 'Content-Type': 'application/zip' }, body: zipSync({ 'feed.xml': new Uint8Array(xml) }) });
    expect(((await zip.json()) as ImportSummary)).toMatchObject({ format: 'xml', read: 2, unchanged: 2 });
    const bad = await v.app.request('/v1/admin/feeds/products', { method: 'POST', headers: { ...admin, 'Content-Type': 'application/gzip' }, body: new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]) });
    expect(bad.status).toBe(400);
  });

  it('dry_run=1 validates without writing', async () => {
    const body = 'id\ttitle\tlink\timage link\tavailability\tprice\nDRY-1\tMug\thttps://s.example/1\thttps://s.example/1.png\tin stock\t9.00 USD\n';
    const s = (await (await v.app.request('/v1/admin/feeds/products?dry_run=1', { method: 'POST', headers: TSV, body })).json()) as ImportSummary;
    expect(s).toMatchObject({ dryRun: true, read: 1, inserted: 0, rejected: 0 });
    expect((await v.app.request('/v1/admin/products/DRY-1', { headers: admin })).status).toBe(404);
  });

  it('regional inventory accepts Merchant Center region ids through the mapping table', async () => {
    const feed = 'id\tregion_id\tprice\tavailability\nA2B4\tCA_WEST\t13.00 USD\tin_stock\nA2B4\t123456\t14.00 USD\tin_stock\nA2B4\tNOPE\t1.00 USD\tin_stock\n';
    const before = (await (await v.app.request('/v1/admin/feeds/regional-inventory', { method: 'POST', headers: TSV, body: feed })).json()) as ImportSummary;
    expect(before.rejected).toBe(3);
    const put = await v.app.request('/v1/admin/regions/mapping', { method: 'PUT', headers: admin, body: JSON.stringify({ mappings: [{ region_id: 'CA_WEST', region: 'SA-01' }, { region_id: '123456', region: 'AE-DU' }] }) });
    expect(put.status).toBe(200);
    expect(((await (await v.app.request('/v1/admin/regions/mapping', { headers: admin })).json()) as { mappings: unknown[] }).mappings).toHaveLength(2);
    const after = (await (await v.app.request('/v1/admin/feeds/regional-inventory', { method: 'POST', headers: TSV, body: feed })).json()) as ImportSummary;
    expect(after).toMatchObject({ read: 3, rejected: 1 });
    expect(after.problems[0]).toMatchObject({ line: 4, field: 'region_id', reason: expect.stringMatching(/unknown region "NOPE"/) });
    const badMap = await v.app.request('/v1/admin/regions/mapping', { method: 'PUT', headers: admin, body: JSON.stringify({ mappings: [{ region_id: 'X', region: 'ZZ-99' }, { region_id: 'X', region: 'SA-01' }] }) });
    expect(badMap.status).toBe(400);
    expect(((await badMap.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field)).toEqual(['mappings.0.region', 'mappings.1.region_id']);
  });

  it('a variant group shows the colour in stock in Riyadh when the red one sold out there', async () => {
    const stock = [
      { product_id: 'A2B4', region: 'SA-01', quantity: 0 },
      { product_id: 'A2B5', region: 'SA-01', quantity: 7 },
      { product_id: 'A2B4', region: 'AE-DU', quantity: 3 },
      { product_id: 'A2B5', region: 'AE-DU', quantity: 9 },
    ];
    expect((await v.app.request('/v1/admin/stock', { method: 'POST', headers: admin, body: JSON.stringify(stock) })).status).toBe(200);
    const shown = async (region: string) => ((await (await v.app.request(`/v1/creative?campaign=c-run&region=${region}&size=300x250&format=json&seed=5`, { headers: admin })).json()) as { decision: { products: Array<{ id: string }> } }).decision.products.map((p) => p.id);
    expect(await shown('SA-01')).toEqual(['A2B5']);
    expect(await shown('AE-DU')).toEqual(['A2B4']);
  });
});
