// CTV and web-page surfaces: /v1/vast (validated against the IAB XSD), the overlay PNG and its
// QR code (decoded with zbarimg), /q/ scans, VAST tracking pings, and the /v1/tag.js ad tag.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { inventory } from './helpers/fixture.ts';

const XSD = fileURLToPath(new URL('./schemas/vast_4.2.xsd', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vitrine-ctv-'));
let n = 0;

function validate(xml: string): void {
  const file = join(dir, `vast-${n++}.xml`);
  writeFileSync(file, xml);
  // Throws (non-zero exit) with xmllint's message when the document does not validate.
  execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
}

function decodeQr(png: Uint8Array): string {
  const file = join(dir, `qr-${n++}.png`);
  writeFileSync(file, png);
  return execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim();
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const path = (url: string) => url.replace(/^http:\/\/localhost/, '');

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(async () => v.close());

describe('GET /v1/vast', () => {
  it('answers VAST 4.2 that validates, with a transparent overlay PNG whose QR decodes to a working short /q/ link', async () => {
    const res = await v.app.request('/v1/vast?campaign=c-run&region=SA-01&lang=ar&seed=3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    validate(xml);
    const ad = parser.parse(xml).VAST.Ad;
    const inline = ad.InLine;
    expect(inline.AdServingId).toBe(res.headers.get('x-vitrine-decision') ?? inline.AdServingId);
    expect(String(inline.AdServingId)).toMatch(/^d_[0-9a-f]{16}$/);
    const creative = inline.Creatives.Creative;
    expect(creative.UniversalAdId['#text'] ?? creative.UniversalAdId).toContain('c-run/');
    const nl = creative.NonLinearAds;
    const events = [nl.TrackingEvents.Tracking].flat().map((t: Record<string, string>) => t['@event']);
    expect(events).toEqual(expect.arrayContaining(['creativeView', 'close', 'acceptInvitation']));
    const overlay = [nl.NonLinear].flat()[0];
    expect(String(overlay.NonLinearClickThrough)).toMatch(/\/c\/[\w-]{40,}$/);
    const pngUrl = String(overlay.StaticResource['#text'] ?? overlay.StaticResource).trim();

    const png = await v.app.request(path(pngUrl));
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([1920, 1080, true]);
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(0); // top-left corner: see-through, the programme shows

    const scanUrl = decodeQr(bytes);
    // The short signed link (test/qr-scan.test.ts reads it from the sofa), not the sealed token.
    expect(scanUrl).toMatch(/^http:\/\/localhost\/q\/[\w-]{20}$/);
    const scan = await v.app.request(path(scanUrl));
    expect(scan.status).toBe(302);
    const to = new URL(scan.headers.get('location')!);
    expect(to.origin + to.pathname).toMatch(/^https:\/\/shop\.example\.com\/p\/p\d$/);
    expect(to.searchParams.get('utm_medium')).toBe('ctv');
    expect(to.searchParams.get('utm_campaign')).toBe('c-run');
    await v.flush();
    expect(await v.store.countEvents({ type: 'scan', decisionId: String(inline.AdServingId) })).toBe(1);
  });

  it('records the player pings (creativeView, close) against the decision and refuses unknown ones', async () => {
    const xml = await (await v.app.request('/v1/vast?campaign=c-run&region=GB-LND&seed=5')).text();
    const nl = parser.parse(xml).VAST.Ad.InLine.Creatives.Creative.NonLinearAds;
    const urls = Object.fromEntries([nl.TrackingEvents.Tracking].flat().map((t: Record<string, string>) => [t['@event'], String(t['#text']).trim()]));
    expect((await v.app.request(path(urls.creativeView!))).status).toBe(200);
    expect((await v.app.request(path(urls.close!))).status).toBe(200);
    const bad = await v.app.request(path(urls.close!).replace('e=close', 'e=explode'));
    expect(bad.status).toBe(400);
    await v.flush();
    const id = String(parser.parse(xml).VAST.Ad.InLine.AdServingId);
    expect(await v.store.countEvents({ type: 'creative_view', decisionId: id })).toBe(1);
    expect(await v.store.countEvents({ type: 'close', decisionId: id })).toBe(1);
  });

  it('answers an empty VAST with an Error URL when nothing can be shown', async () => {
    const empty = await fixtureApp({ seed: { inventory: inventory().map((r) => ({ ...r, quantity: 0 })) } });
    try {
      const res = await empty.app.request('/v1/vast?campaign=c-run&region=AE-DU');
      expect(res.status).toBe(200);
      const xml = await res.text();
      validate(xml);
      const doc = parser.parse(xml).VAST;
      expect(doc.Ad).toBeUndefined();
      expect(String(doc.Error)).toMatch(/\/i\/[\w-]{40,}\?e=error&code=%5BERRORCODE%5D$/);
    } finally {
      await empty.close();
    }
  });

  it('rejects bad parameters with a JSON 400 naming the field', async () => {
    const res = await v.app.request('/v1/vast?campaign=c-run&region=XX-00');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('region');
  });
});

describe('GET /q/:token', () => {
  it('never redirects on a tampered or click-kind token', async () => {
    const xml = await (await v.app.request('/v1/vast?campaign=c-run&region=GB-LND&seed=8')).text();
    const click = String([parser.parse(xml).VAST.Ad.InLine.Creatives.Creative.NonLinearAds.NonLinear].flat()[0].NonLinearClickThrough).trim();
    const token = click.split('/c/')[1]!;
    const asScan = await v.app.request(`/q/${token}`);
    expect(asScan.status).toBe(404);
    expect(asScan.headers.get('location')).toBeNull();
    const tampered = await v.app.request(`/q/${token.slice(0, -2)}AA`);
    expect([400, 404]).toContain(tampered.status);
    expect(tampered.headers.get('location')).toBeNull();
  });
});

describe('GET /v1/tag.js', () => {
  it('is an async-safe script that shows the HTML unit for the placement when the slot nears the viewport', async () => {
    const res = await v.app.request('/v1/tag.js?placement=pl-home&size=728x90&region=GB-LND');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await res.text();
    expect(() => new Function(js)).not.toThrow();
    expect(js).not.toContain('document.write');
    expect(js).toContain('IntersectionObserver');
    const unit = /var u="([^"]+)"/.exec(js)![1]!;
    const page = await v.app.request(`${path(unit)}&lang=en`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/<a class="v-cta"[^>]+href="http:\/\/localhost\/c\//);
  });

  it('serves the measured unit without its own pixel, the signed impression URL in a header any page may read', async () => {
    const res = await v.app.request('/v1/tag/unit?placement=pl-home&size=300x250&region=GB-LND&lang=en', { headers: { Origin: 'https://news.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Vitrine-Impression');
    const imp = res.headers.get('x-vitrine-impression')!;
    expect(imp).toMatch(/^http:\/\/localhost\/i\/[\w-]{40,}$/);
    const html = await res.text();
    expect(html).toContain('class="v-cta"');
    expect(html).not.toContain('/i/');
    // The tag's impression is the decision's: firing it records one impression for that decision.
    expect((await v.app.request(path(imp))).status).toBe(200);
    await v.flush();
    expect(await v.store.countEvents({ type: 'impression', decisionId: res.headers.get('x-vitrine-decision')! })).toBe(1);
    // The tag measures with a 50% threshold for this size and a 30% one for a 970x250 billboard.
    expect(await (await v.app.request('/v1/tag.js?placement=pl-home&size=300x250')).text()).toContain('need=0.5');
    expect(await (await v.app.request('/v1/tag.js?placement=pl-home&size=970x250')).text()).toContain('need=0.3');
  });

  it('requires a placement or campaign and a supported size', async () => {
    expect((await v.app.request('/v1/tag.js?size=300x250')).status).toBe(400);
    const res = await v.app.request('/v1/tag.js?placement=pl-home&size=1x1');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('size');
  });
});
