// Every VAST document Vitrine serves, read by a real player-side parser: Dailymotion's
// @dailymotion/vast-client (the VAST parser many web and CTV players embed), over the DOM of
// @xmldom/xmldom as it does on Node. Each version Vitrine declares (4.2, 4.3, 4.1, 3.0) and each
// CTV format must parse with no warning into one InLine ad whose NonLinear is the size of the PNG
// its StaticResource returns, and whose tracking, click and error URLs answer and record events.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import Database from 'better-sqlite3';
import { VASTParser, VASTTracker } from '@dailymotion/vast-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';

let v: NodeVitrine;
let empty: NodeVitrine;
const db = join(mkdtempSync(join(tmpdir(), 'vitrine-vastclient-')), 'v.db');
beforeAll(async () => {
  v = await fixtureApp({ db });
  // Nothing in stock anywhere: /v1/vast answers the empty document with its root Error.
  empty = await fixtureApp({ seed: { inventory: [] } });
});
afterAll(async () => {
  await v.close();
  await empty.close();
});

const local = (url: string) => url.replace('http://localhost', '');
// The IAB schema of each version Vitrine declares (4.3 has the 4.2 schema's shape).
const XSD: Record<string, string> = {
  '4.3': fileURLToPath(new URL('./schemas/vast_4.2.xsd', import.meta.url)),
  '4.2': fileURLToPath(new URL('./schemas/vast_4.2.xsd', import.meta.url)),
  '4.1': fileURLToPath(new URL('./schemas/vast_4.1.xsd', import.meta.url)),
  '3.0': fileURLToPath(new URL('./schemas/vast3_draft.xsd', import.meta.url)),
};
let docs = 0;
function validate(xml: string, version: string): void {
  const file = join(tmpdir(), `vitrine-vastclient-${process.pid}-${docs++}.xml`);
  writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', '--schema', XSD[version]!, file], { stdio: 'pipe' });
}
/** Width and height from a PNG's IHDR. */
function pngSize(b: Uint8Array): [number, number] {
  expect(String.fromCharCode(b[1]!, b[2]!, b[3]!)).toBe('PNG');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [dv.getUint32(16), dv.getUint32(20)];
}

interface Parsed {
  ads: Array<{
    title: string;
    adServingId: string | null;
    impressionURLTemplates: Array<{ url: string }>;
    errorURLTemplates: string[];
    creatives: Array<{
      type: string;
      trackingEvents: Record<string, string[]>;
      variations: Array<{ width: string; height: string; staticResources?: Array<{ url: string; creativeType: string }>; staticResource?: string; nonlinearClickThroughURLTemplate: string; nonlinearClickTrackingURLTemplates: Array<{ url: string }> }>;
    }>;
  }>;
  errorURLTemplates: string[];
  version: string;
}

async function parse(xml: string): Promise<{ res: Parsed; warnings: string[] }> {
  const parser = new VASTParser();
  const warnings: string[] = [];
  parser.on('VAST-warning', (w: { message: string; parentElement: string }) => warnings.push(`${w.parentElement}: ${w.message}`));
  parser.on('VAST-error', (e: unknown) => warnings.push(`error ${JSON.stringify(e)}`));
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const res = (await parser.parseVAST(doc as unknown as Document)) as unknown as Parsed;
  return { res, warnings };
}

const ctv = (video: Record<string, unknown>) =>
  JSON.stringify({ id: 'vc', tmax: 3000, imp: [{ id: '1', tagid: 'pl-home', video: { mimes: ['video/mp4'], ...video } }], app: { bundle: 'tv.example' }, device: { devicetype: 3, geo: { country: 'ARE', region: 'DU' } } });

const SERVED: Array<[string, Record<string, unknown>, string, [number, number]]> = [
  ['overlay, VAST 4.2', { linearity: 2, plcmt: 7, protocols: [13], w: 1920, h: 1080 }, '4.2', [1920, 1080]],
  ['overlay, VAST 4.3 only', { linearity: 2, protocols: [15], w: 1920, h: 1080 }, '4.3', [1920, 1080]],
  ['overlay 1280x720, VAST 4.1 only', { linearity: 2, protocols: [11], w: 1280, h: 720 }, '4.1', [1280, 720]],
  ['overlay, VAST 3.0 only', { linearity: 2, protocols: [3], w: 1920, h: 1080 }, '3.0', [1920, 1080]],
  ['pause ad', { plcmt: 5, protocols: [13], w: 1920, h: 1080 }, '4.2', [1920, 1080]],
  ['in-scene 1400x400', { plcmt: 9, protocols: [13, 14], w: 1400, h: 400 }, '4.2', [1400, 400]],
  ['L-shape, VAST 3.0', { plcmt: 8, protocols: [3], w: 1920, h: 1080 }, '3.0', [1920, 1080]],
  ['pause ad 1280x720', { plcmt: 5, protocols: [13], w: 1280, h: 720 }, '4.2', [1280, 720]],
  ['L-shape 1280x720, VAST 4.1', { plcmt: 8, protocols: [11], w: 1280, h: 720 }, '4.1', [1280, 720]],
  ['in-scene 600x200', { plcmt: 9, protocols: [13], w: 600, h: 200 }, '4.2', [600, 200]],
];

async function served(video: Record<string, unknown>): Promise<string> {
  const res = await v.app.request('/openrtb2/auction', { method: 'POST', body: ctv(video) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm;
}

async function checkAd(xml: string, version: string, size: [number, number]): Promise<void> {
  expect(xml).toContain(`<VAST version="${version}"`);
  validate(xml, version);
  const { res, warnings } = await parse(xml);
  expect(warnings).toEqual([]);
  expect(res.version).toBe(version);
  expect(res.ads).toHaveLength(1);
  const ad = res.ads[0]!;
  expect(ad.title).toContain('Trail Runner');
  expect(ad.creatives).toHaveLength(1);
  const cr = ad.creatives[0]!;
  expect(cr.type).toBe('nonlinear');
  const nl = cr.variations[0]!;
  expect([Number(nl.width), Number(nl.height)]).toEqual(size);
  // The image the player draws is the size the NonLinear declares.
  const img = nl.staticResources?.find((s) => s.creativeType === 'image/png')?.url ?? nl.staticResource!;
  const png = await v.app.request(local(img));
  expect(png.status).toBe(200);
  expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual(size);
  // Click-through is the signed click; every tracking URL the parser found answers and records.
  const click = await v.app.request(local(nl.nonlinearClickThroughURLTemplate));
  expect(click.status).toBe(302);
  expect(new URL(click.headers.get('location')!).searchParams.get('vitrine_did')).toMatch(/^d_/);
  const pings = [...ad.impressionURLTemplates.map((t) => t.url), ...Object.values(cr.trackingEvents).flat(), ...nl.nonlinearClickTrackingURLTemplates.map((t) => t.url)];
  expect(Object.keys(cr.trackingEvents).sort()).toEqual(['acceptInvitation', 'close', 'creativeView']);
  for (const url of pings) expect((await v.app.request(local(url))).status, url).toBe(200);
  // The Error URL carries the ERRORCODE macro; substituted as players do, the code is recorded.
  expect(ad.errorURLTemplates).toHaveLength(1);
  expect(ad.errorURLTemplates[0]).toMatch(/%5BERRORCODE%5D/);
  expect((await v.app.request(local(ad.errorURLTemplates[0]!.replace('%5BERRORCODE%5D', '405')))).status).toBe(200);
  // Unsubstituted (a player that only knows the bracket spelling): still recorded, without a code.
  expect((await v.app.request(local(ad.errorURLTemplates[0]!))).status).toBe(200);
}

describe('VAST read by @dailymotion/vast-client', () => {
  it.each(SERVED)('OpenRTB %s', async (_name, video, version, size) => {
    await checkAd(await served(video), version, size);
  });

  it('GET /v1/vast', async () => {
    const res = await v.app.request('/v1/vast?campaign=c-run&region=AE-DU');
    expect(res.status).toBe(200);
    await checkAd(await res.text(), '4.2', [1920, 1080]);
  });

  it('records the error code a player substitutes into the Error URL', async () => {
    const { res } = await parse(await served({ linearity: 2, plcmt: 7, protocols: [13] }));
    const url = res.ads[0]!.errorURLTemplates[0]!;
    const decision = res.ads[0]!.adServingId!;
    expect((await v.app.request(local(url.replace('%5BERRORCODE%5D', '503')))).status).toBe(200);
    expect((await v.app.request(local(url))).status).toBe(200);
    await v.flush();
    const raw = new Database(db, { readonly: true });
    const rows = raw.prepare(`select value from events where type = 'error' and decision_id = ? order by at, id`).all(decision) as Array<{ value: number | null }>;
    raw.close();
    expect(rows.map((r) => r.value).sort()).toEqual([503, null].sort());
  });

  it('an empty answer parses as no ad, with the root Error URL the player calls', async () => {
    const res = await empty.app.request('/v1/vast?campaign=c-run&region=AE-DU');
    expect(res.status).toBe(200);
    const xml = await res.text();
    validate(xml, '4.2');
    const { res: parsed } = await parse(xml);
    expect(parsed.ads).toEqual([]);
    expect(parsed.errorURLTemplates).toHaveLength(1);
    expect((await empty.app.request(local(parsed.errorURLTemplates[0]!.replace('%5BERRORCODE%5D', '303')))).status).toBe(200);
  });
});

describe('the [ERRORCODE] spelling in Error URLs (why it is percent-encoded)', () => {
  // Which spellings validate against the IAB schema (xs:anyURI, as libxml2 checks it) and what this
  // player library sends for each (its VASTTracker, the way players report an error). No spelling
  // does both in a part of the URL a request carries: brackets validate only in a fragment.
  const base = 'https://ads.example/i/tok?e=error&code=';
  let served42 = '';
  beforeAll(async () => {
    served42 = await served({ linearity: 2, plcmt: 7, protocols: [13] });
  });
  /** The served overlay with its Error URL replaced by `url` (CDATA, as Vitrine writes it). */
  const withError = (url: string) => served42.replace(/<Error><!\[CDATA\[[^\]]*\]\]><\/Error>/, `<Error><![CDATA[${url}]]></Error>`);
  const valid = (xml: string) => {
    try {
      validate(xml, '4.2');
      return true;
    } catch {
      return false;
    }
  };
  /** What VASTTracker.error({ ERRORCODE: 405 }) requests (it pings through `new Image().src` in a page). */
  async function sent(xml: string): Promise<string[]> {
    const { res } = await parse(xml);
    const ad = res.ads[0]!;
    const tracker = new VASTTracker(null, ad as never, ad.creatives[0] as never);
    const pinged: string[] = [];
    const g = globalThis as Record<string, unknown>;
    const saved = { window: g.window, Image: g.Image };
    g.window = g;
    g.Image = class {
      set src(u: string) {
        pinged.push(u);
      }
    };
    try {
      tracker.error({ ERRORCODE: 405 });
    } finally {
      Object.assign(g, saved);
    }
    return pinged;
  }

  it.each([
    ['[ERRORCODE] in CDATA', `${base}[ERRORCODE]`, false, `${base}405`],
    ['%%ERRORCODE%%', `${base}%%ERRORCODE%%`, false, `${base}405`],
    ['%5BERRORCODE%5D (what Vitrine serves)', `${base}%5BERRORCODE%5D`, true, `${base}%5BERRORCODE%5D`],
    ['#[ERRORCODE] (fragment)', 'https://ads.example/i/tok?e=error#[ERRORCODE]', true, 'https://ads.example/i/tok?e=error#405'],
  ])('%s', async (_name, url, validates, ping) => {
    const xml = withError(url);
    expect(xml).toContain(url);
    expect(valid(xml)).toBe(validates);
    expect(await sent(xml)).toEqual([ping]);
  });

  it('the fragment spelling is substituted but never reaches the server (a request carries path and query only)', () => {
    const u = new URL('https://ads.example/i/tok?e=error#405');
    expect(u.pathname + u.search).toBe('/i/tok?e=error');
  });
});
