// VAST 4.2 builders checked by the IAB schema (xmllint) and read back by an XML parser; the CTV
// overlay PNG checked for transparency and for a QR code a real decoder (zbarimg) reads.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import satori from 'satori';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/domain/types.ts';
import { renderImage } from '../src/render/image.ts';
import { qrModules, qrNode } from '../src/render/qr.ts';
import { templateTree } from '../src/render/tree.ts';
import type { VNode } from '../src/render/types.ts';
import { vastEmpty, vastNonLinear, type VastOverlay } from '../src/render/vast.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

// The schema travels with the repository so a clean clone (CI) validates too.
const XSD = fileURLToPath(new URL('./schemas/vast_4.2.xsd', import.meta.url));
const SHARED_XSD = fileURLToPath(new URL('../../shared/schemas/vast_4.2.xsd', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vitrine-vast-'));
let n = 0;

function tmp(name: string, data: string | Uint8Array): string {
  const file = join(dir, `${n++}-${name}`);
  writeFileSync(file, data);
  return file;
}

/** Throws with xmllint's message unless the document is well-formed (and, with the schema, valid). */
function xmllint(xml: string, schema = true): void {
  execFileSync('xmllint', ['--noout', ...(schema ? ['--schema', XSD] : []), tmp('vast.xml', xml)], { stdio: 'pipe' });
}

function decodeQr(png: Uint8Array): string {
  return execFileSync('zbarimg', ['--quiet', '--raw', tmp('qr.png', png)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, htmlEntities: true });
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const textOf = (x: unknown): string => (typeof x === 'object' && x !== null ? String((x as Record<string, unknown>)['#text'] ?? '') : String(x));

// Markup, quotes and a CDATA terminator in catalog strings; URLs carry what xs:anyURI allows.
const EVIL = `Evil <script>alert("x")</script> & 'Co' ]]> <![CDATA[`;
const url = (path: string) => `https://ads.example/${path}?a=1&b=<script>&c="q"&d='s'`;

function sample(over: Partial<VastOverlay> = {}): VastOverlay {
  return {
    adId: `c-run ${EVIL}`,
    decisionId: 'd_0123456789abcdef',
    adSystem: { name: `Vitrine ${EVIL}`, version: '0.1' },
    adTitle: `Trail Runner ${EVIL}`,
    advertiser: `Stride ${EVIL}`,
    creativeId: `v-low-stock ${EVIL}`,
    universalAdId: { idRegistry: 'vitrine', value: `c-run/${EVIL}` },
    impressionUrls: [url('i/tok')],
    errorUrl: url('i/tok/error'),
    tracking: { creativeView: [url('ev/cv')], close: [url('ev/close')], acceptInvitation: [url('ev/accept')] },
    clickThrough: url('c/tok'),
    clickTracking: [url('ev/click')],
    image: { url: url('v1/creative.png'), width: 1920, height: 1080, creativeType: 'image/png' },
    html: `<div class="v-unit">${EVIL}</div>`,
    width: 1920,
    height: 1080,
    minSuggestedDuration: '00:00:15',
    categories: ['IAB17', EVIL],
    pricing: { model: 'CPM', currency: 'USD', value: 2.5 },
    ...over,
  };
}

describe('vastNonLinear', () => {
  it('validates against the VAST 4.2 XSD and reads back every hostile string intact', () => {
    const o = sample();
    const xml = vastNonLinear(o);
    xmllint(xml);
    // Markup from the catalog only ever appears inside CDATA (URLs, the HTML snippet), never as elements.
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<script|<!\[CDATA\[/);
    const doc = parser.parse(xml).VAST;
    expect(doc['@version']).toBe('4.2');
    expect(doc['@xmlns']).toBe('http://www.iab.com/VAST');
    expect(doc.Ad['@id']).toBe(o.adId);
    const inline = doc.Ad.InLine;
    expect(inline.AdServingId).toBe('d_0123456789abcdef');
    expect(textOf(inline.AdSystem)).toBe(o.adSystem.name);
    expect(inline.AdTitle).toBe(o.adTitle);
    expect(inline.Advertiser).toBe(o.advertiser);
    expect(list(inline.Impression).map(textOf)).toEqual(o.impressionUrls);
    expect(textOf(inline.Error)).toBe(o.errorUrl);
    expect(inline.Pricing).toMatchObject({ '#text': '2.50', '@model': 'CPM', '@currency': 'USD' });
    expect(list(inline.Category).map(textOf)).toEqual(o.categories);

    const creative = inline.Creatives.Creative;
    expect([creative['@id'], creative['@adId']]).toEqual([o.creativeId, o.adId]);
    expect(textOf(creative.UniversalAdId)).toBe(o.universalAdId.value);
    expect(creative.UniversalAdId['@idRegistry']).toBe('vitrine');
    const nl = creative.NonLinearAds;
    const events = list<Record<string, string>>(nl.TrackingEvents.Tracking).map((t) => [t['@event'], t['#text']]);
    expect(events).toEqual([
      ['creativeView', url('ev/cv')],
      ['close', url('ev/close')],
      ['acceptInvitation', url('ev/accept')],
    ]);
    const overlay = nl.NonLinear;
    expect(overlay).toMatchObject({ '@width': '1920', '@height': '1080', '@minSuggestedDuration': '00:00:15', '@scalable': 'true', '@maintainAspectRatio': 'true' });
    expect(overlay['@apiFramework']).toBeUndefined();
    expect(overlay.StaticResource).toEqual({ '#text': o.image!.url, '@creativeType': 'image/png' });
    expect(overlay.HTMLResource).toBe(o.html);
    expect(overlay.NonLinearClickThrough).toBe(o.clickThrough);
    expect(list(overlay.NonLinearClickTracking).map(textOf)).toEqual(o.clickTracking);
  });

  it('keeps the XSD order with only the required parts (no HTML, no pricing, no advertiser, no categories)', () => {
    const { html: _h, pricing: _p, advertiser: _a, categories: _c, errorUrl: _e, ...bare } = sample();
    const xml = vastNonLinear(bare);
    xmllint(xml);
    const nl = parser.parse(xml).VAST.Ad.InLine.Creatives.Creative.NonLinearAds.NonLinear;
    expect(nl.HTMLResource).toBeUndefined();
    expect(nl.StaticResource['@creativeType']).toBe('image/png');
    expect(() => vastNonLinear({ ...bare, image: undefined })).toThrow(/image or an HTML resource/);
  });

  it('a `]]>` in a URL cannot close its CDATA section: the document stays well-formed and the URL reads back whole', () => {
    const sneaky = 'https://ads.example/c?x=]]><Impression>https://evil.example/</Impression><![CDATA[';
    const xml = vastNonLinear(sample({ clickThrough: sneaky, impressionUrls: [sneaky] }));
    xmllint(xml, false); // brackets are not URI characters, so only well-formedness applies
    const inline = parser.parse(xml).VAST.Ad.InLine;
    expect(list(inline.Impression).map(textOf)).toEqual([sneaky]);
    expect(inline.Creatives.Creative.NonLinearAds.NonLinear.NonLinearClickThrough).toBe(sneaky);
  });

  it('drops characters XML cannot carry (controls, lone surrogates) instead of emitting an unparseable document', () => {
    const xml = vastNonLinear(sample({ adTitle: 'Trail\u0001 Runner\u000B \uD800X\uFFFE', html: '<p>\u0007ok</p>' }));
    xmllint(xml);
    const inline = parser.parse(xml).VAST.Ad.InLine;
    expect(inline.AdTitle).toBe('Trail Runner X');
    expect(inline.Creatives.Creative.NonLinearAds.NonLinear.HTMLResource).toBe('<p>ok</p>');
  });
});

describe('vastEmpty', () => {
  it('is a valid no-ad response with the Error URL, or with nothing at all', () => {
    const withError = vastEmpty(url('i/tok/error'));
    xmllint(withError);
    const doc = parser.parse(withError).VAST;
    expect(doc.Ad).toBeUndefined();
    expect(doc['@version']).toBe('4.2');
    expect(textOf(doc.Error)).toBe(url('i/tok/error'));
    const bare = vastEmpty(null);
    xmllint(bare);
    expect(bare).not.toContain('<Error');
  });

  it.skipIf(!existsSync(SHARED_XSD))('validates with the repository copy of the IAB schema, identical to the shared one', () => {
    expect(readFileSync(XSD, 'utf8')).toBe(readFileSync(SHARED_XSD, 'utf8'));
  });
});

describe('CTV overlay', () => {
  let deps: Awaited<ReturnType<typeof renderDeps>>;
  let image: string;
  beforeAll(async () => {
    deps = await renderDeps();
    image = await photo();
  });
  const QR = 'https://vitrine.example/q/AbC123xyz';

  const find = (node: VNode, role: string): VNode | null => findAll(node, role)[0] ?? null;

  function findAll(node: VNode, role: string, out: VNode[] = []): VNode[] {
    if (node.props['data-role'] === role) out.push(node);
    for (const k of list(node.props.children)) if (k && typeof k === 'object') findAll(k, role, out);
    return out;
  }

  for (const lang of ['en', 'ar'] as Lang[])
    it(`${lang}: transparent 1920x1080 PNG, an opaque lower third, a QR code zbarimg reads back`, async () => {
      const slots = sampleSlots('overlay', { w: 1920, h: 1080 }, lang, image, { qr: QR });
      const qr = findAll(templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure }), 'qr');
      expect(qr).toHaveLength(1);
      expect(Number(qr[0]!.props.width)).toBeGreaterThanOrEqual(220);

      const png = (await renderImage(slots, 'png', deps)).bytes;
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 1920, 1080, true]);
      const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4));
      expect(px(0, 0)[3], 'top-left').toBe(0);
      expect(px(960, 0)[3], 'top-centre').toBe(0);
      expect(px(960, 540)[3], 'centre of the picture').toBe(0);
      for (const [x, y] of [[200, 760], [960, 1000], [1700, 760]] as const) expect(px(x, y)[3], `panel at ${x},${y}`).toBeGreaterThanOrEqual(200);
      expect(decodeQr(png)).toBe(QR);

      // The code sits on the trailing side: right in English, mirrored to the left in Arabic.
      const white = (x0: number, x1: number) => {
        let count = 0;
        for (let y = 740; y < 1040; y++) for (let x = x0; x < x1; x++) if (px(x, y).every((v) => v === 255)) count++;
        return count;
      };
      const [left, right] = [white(0, 400), white(1520, 1920)];
      expect(lang === 'en' ? right > left * 3 : left > right * 3, `white px left ${left} right ${right}`).toBe(true);
    });

  it('draws no QR when the slots have none, and scales to other frames without losing the copy', async () => {
    const tree = templateTree(sampleSlots('overlay', { w: 1920, h: 1080 }, 'en', image), { templates: deps.templates, measure: deps.fonts.measure });
    expect(find(tree, 'qr')).toBeNull();
    for (const size of [{ w: 1280, h: 720 }, { w: 1080, h: 1920 }, { w: 728, h: 90 }]) {
      const slots = sampleSlots('overlay', size, 'ar', image, { qr: QR });
      const t = templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure });
      expect(find(t, 'headline'), `${size.w}x${size.h}`).not.toBeNull();
      const png = (await renderImage(slots, 'png', deps)).bytes;
      expect((await sharp(png).metadata()).width).toBe(size.w);
      expect(decodeQr(png), `${size.w}x${size.h}`).toBe(QR);
    }
  });
});

describe('qrNode', () => {
  it('counts modules as the QR versions define them (17 + 4 × version, at level M)', () => {
    expect(qrModules('https://a.b')).toBe(21); // version 1 holds 14 bytes
    expect(qrModules('https://vitrine.example/q/AbC123xyz')).toBe(29); // 35 bytes: version 3
    expect((qrModules('https://vitrine.example/q/' + 'x'.repeat(100)) - 17) % 4).toBe(0);
  });

  it('decodes to the same text for any https URL up to 120 characters (satori → sharp → zbarimg, property)', async () => {
    const deps = await renderDeps();
    // A QR code has no text: one face is enough for satori (parsing the emoji subsets too would only cost time).
    const fonts = deps.fonts.faces.slice(0, 1).map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: f.style }));
    // Arbitrary URLs (short, odd characters) and /q/ links with signed-token-like paths up to the full 120.
    const anyUrl = fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 120);
    const unit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.');
    const scanUrl = fc.integer({ min: 1, max: 94 }).chain((len) => fc.string({ unit, minLength: len, maxLength: len })).map((t) => `https://vitrine.example/q/${t}`);
    const urls = fc.oneof(anyUrl, scanUrl);
    await fc.assert(
      fc.asyncProperty(urls, async (u) => {
        const tree = { type: 'div', props: { style: { display: 'flex', width: 300, height: 300 }, children: [qrNode(u, 300)] } };
        const svg = await satori(tree as unknown as Parameters<typeof satori>[0], { width: 300, height: 300, fonts });
        const png = await deps.rasterizer.rasterize(svg, { w: 300, h: 300 }, 'png');
        expect(decodeQr(png)).toBe(u);
      }),
      { numRuns: 10, examples: [[`https://vitrine.example/q/${'x'.repeat(94)}`]] },
    );
  });
});
