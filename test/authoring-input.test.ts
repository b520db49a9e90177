// Bad input on the authoring API: every problem listed and nothing written; unknown fields named;
// references checked (422); body limits (413); uploads refused with why; stale revisions 409.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { as, authoringApp, call, campaignDoc } from './helpers/authoring.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await authoringApp();
  await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-home', name: 'Home', channel: 'web' });
  await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-solo', name: 'Solo', channel: 'web' });
});
afterAll(() => v.close());

type Err = { error: { code: string; message: string; details: Array<{ field: string; reason: string }> } };
const listed = async () => ((await (await call(v, 'viewer', 'GET', '/v1/admin/campaigns')).json()) as { campaigns: Array<{ id: string }> }).campaigns.map((c) => c.id);

describe('campaign documents', () => {
  it('lists every problem of a bad document, names unknown fields, and writes nothing', async () => {
    const doc = campaignDoc({ colour: 'red', adomain: 'not a domain', startsLocal: '2026-12-31T00:00', regions: [], bidCpm: -1 });
    (doc.variants as Array<Record<string, unknown>>)[1]!.productSource = 'explicit';
    (doc.variants as Array<Record<string, unknown>>)[0]!.copy = { ar: { headline: 'x {nope}', cta: 'y', extra: 1 } };
    const res = await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-bad', ...doc });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as Err;
    expect(error.message).toMatch(/unknown field\(s\) .*colour/);
    const fields = error.details.map((d) => `${d.field}: ${d.reason}`);
    for (const want of ['colour: unknown field', 'adomain: expected a domain', 'regions: name at least one region', 'bidCpm:', 'startsLocal: must be before endsLocal', 'variants.1.productIds: an explicit variant names at least one product id', 'variants.0.copy.en: an "en" entry is required', 'variants.0.copy.ar.extra: unknown field', 'variants.0.copy.ar.headline: unknown placeholder {nope}']) {
      expect(fields.some((f) => f.startsWith(want)), `${want} in ${fields.join(' | ')}`).toBe(true);
    }
    expect(await listed()).not.toContain('c-bad');
    expect(await v.audit.list({ entityId: 'c-bad' })).toEqual([]);
  });

  it('answers 422 for references that do not exist, listing each', async () => {
    const doc = campaignDoc({ regions: ['SA-01', 'XX-99'], placements: ['pl-home', 'pl-nowhere'], brandKitId: 'bk-none' });
    (doc.variants as Array<Record<string, unknown>>)[1] = { ...(doc.variants as Array<Record<string, unknown>>)[1], productSource: 'explicit', productIds: ['p1', 'p-ghost'] };
    const res = await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-ref', ...doc });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as Err;
    expect(error.details).toEqual([
      { field: 'regions.1', reason: 'unknown region "XX-99"' },
      { field: 'placements.1', reason: 'unknown placement "pl-nowhere" (create it under /v1/admin/placements)' },
      { field: 'brandKitId', reason: 'unknown brand kit "bk-none"' },
      { field: 'variants.1.productIds.1', reason: 'unknown product "p-ghost"' },
    ]);
    expect(await listed()).not.toContain('c-ref');
  });

  it('refuses a body over the documented 256 KB limit with 413, and a non-JSON body with 400', async () => {
    const big = JSON.stringify({ id: 'c-big', ...campaignDoc({ name: 'x'.repeat(300 * 1024) }) });
    const res = await v.app.request('/v1/admin/campaigns', { method: 'POST', headers: as('editor', { 'Content-Length': String(big.length) }), body: big });
    expect(res.status).toBe(413);
    expect((await v.app.request('/v1/admin/campaigns', { method: 'POST', headers: as('editor'), body: '{nope' })).status).toBe(400);
  });

  it('needs the version an edit was made from', async () => {
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-ok', ...campaignDoc() })).status).toBe(201);
    const res = await call(v, 'editor', 'PUT', '/v1/admin/campaigns/c-ok', campaignDoc());
    expect(res.status).toBe(400);
    expect(((await res.json()) as Err).error.details[0]!.field).toBe('version');
  });
});

describe('brand kits and uploads', () => {
  const kit = { id: 'bk-run', name: 'Stride', colors: { primary: '#0f766e', secondary: '#99f6e4', text: '#111827', background: '#ffffff' }, cta: { shape: 'rounded', background: '#0f766e', text: '#ffffff' } };
  const put = (path: string, type: string, body: Uint8Array) => v.app.request(path, { method: 'PUT', headers: { ...as('editor'), 'Content-Type': type }, body: body as BodyInit });
  const fonts = (f: string) => new Uint8Array(readFileSync(new URL(`../node_modules/@fontsource/${f}`, import.meta.url)));

  beforeAll(async () => {
    expect((await call(v, 'editor', 'POST', '/v1/admin/brand-kits', kit)).status).toBe(201);
  });

  it('stores a PNG logo as an asset served back byte for byte, and a campaign can name the kit', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 120, height: 40, channels: 4, background: '#0f766e' } }).png().toBuffer());
    const res = await put('/v1/admin/brand-kits/bk-run/logo?revision=1', 'image/png', png);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { revision: number; document: { logoAssetId: string }; asset: { url: string; info: { width: number } } };
    expect(body.asset.info.width).toBe(120);
    expect(body.revision).toBe(2);
    const served = await v.app.request(body.asset.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-kit', ...campaignDoc({ brandKitId: 'bk-run', placements: [], variants: [{ ...(campaignDoc().variants as object[])[0], id: 'v-kit' }] }) })).status).toBe(201);
  });

  it('refuses a wrong type, an oversized image, an unsafe SVG and a corrupt PNG, naming why', async () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['text/plain', new TextEncoder().encode('hello'), /wrong type "text\/plain"/],
      ['image/png', new Uint8Array(600 * 1024), /600 ?\d* bytes|limit is 524288/],
      ['image/svg+xml', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /<script>/],
      ['image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(60)]), /IHDR/],
    ];
    for (const [type, bytes, why] of cases) {
      const res = await put('/v1/admin/brand-kits/bk-run/logo?revision=2', type, bytes);
      expect(res.status, type).toBe(400);
      expect(((await res.json()) as Err).error.message).toMatch(why);
    }
  });

  it('parses fonts: a Latin WOFF is stored, a corrupt one and one without the script are refused (WOFF2 too, decoded)', async () => {
    const latin = fonts('noto-sans/files/noto-sans-latin-400-normal.woff');
    const ok = await put('/v1/admin/brand-kits/bk-run/fonts/latin?revision=2', 'font/woff', latin);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = (await ok.json()) as { document: { fonts: { latin: string } }; asset: { info: { family: string } } };
    expect(body.asset.info.family).toContain('Noto Sans');
    const corrupt = latin.slice(0, 200);
    const bad = await put('/v1/admin/brand-kits/bk-run/fonts/latin?revision=3', 'font/woff', corrupt);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Err).error.message).toMatch(/corrupt woff font/);
    const noArabic = await put('/v1/admin/brand-kits/bk-run/fonts/arabic?revision=3', 'font/woff', latin);
    expect(((await noArabic.json()) as Err).error.message).toMatch(/no arabic glyphs/);
    const arabic = await put('/v1/admin/brand-kits/bk-run/fonts/arabic?revision=3', 'font/woff2', fonts('noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2'));
    expect(arabic.status, await arabic.clone().text()).toBe(200);
    const junk = await put('/v1/admin/brand-kits/bk-run/fonts/latin?revision=4', 'font/ttf', new Uint8Array(100));
    expect(((await junk.json()) as Err).error.message).toMatch(/wrong type/);
    // WOFF2 is decoded at upload: a Latin-only WOFF2 for Arabic and a WOFF2 whose compressed stream is garbage are refused.
    const latin2 = fonts('noto-sans/files/noto-sans-latin-400-normal.woff2');
    const noArabic2 = await put('/v1/admin/brand-kits/bk-run/fonts/arabic?revision=4', 'font/woff2', latin2);
    expect(noArabic2.status).toBe(400);
    expect(((await noArabic2.json()) as Err).error).toMatchObject({ field: 'font', message: expect.stringMatching(/no arabic glyphs/) });
    const garbled = latin2.slice();
    for (let i = 200; i < garbled.length - 16; i += 7) garbled[i] = garbled[i]! ^ 0x5a;
    const corrupt2 = await put('/v1/admin/brand-kits/bk-run/fonts/latin?revision=4', 'font/woff2', garbled);
    expect(corrupt2.status).toBe(400);
    expect(((await corrupt2.json()) as Err).error).toMatchObject({ field: 'font', message: expect.stringMatching(/corrupt woff2 font/) });
  });

  it('a stale revision is 409 naming who changed the kit', async () => {
    const res = await call(v, 'editor2', 'PUT', '/v1/admin/brand-kits/bk-run', { revision: 1, name: 'Stride 2', colors: kit.colors, cta: kit.cta });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Err).error.message).toContain('ed@example.com changed it');
    const audit = await v.audit.list({ entity: 'brand_kit', entityId: 'bk-run' });
    expect(audit.map((e) => e.action).reverse()).toEqual(['brand_kit.create', 'brand_kit.logo', 'brand_kit.font', 'brand_kit.font']);
  });
});
