// Prebid.js as a client: its real ortbConverter builds the OpenRTB request from ad units of every
// media type, Vitrine answers, and the converter turns every bid back into a Prebid bid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { prebidConverter, prebidNative, type OrtbConverter, type PrebidNative } from './helpers/prebid.ts';

let v: NodeVitrine;
let converter: OrtbConverter;
let native: PrebidNative;
beforeAll(async () => {
  v = await fixtureApp();
  converter = await prebidConverter();
  native = await prebidNative();
});
afterAll(async () => v.close());

const bidRequest = (bidId: string, mediaTypes: Record<string, unknown>) => ({
  bidId,
  bidder: 'vitrine',
  adUnitCode: `slot-${bidId}`,
  auctionId: 'auction-1',
  transactionId: `tx-${bidId}`,
  mediaTypes,
  params: {},
  ortb2Imp: { tagid: 'pl-home', ext: {} },
});

describe("Prebid.js's ortbConverter round trip", () => {
  it('turns a banner, a native and a CTV overlay bid from Vitrine into valid Prebid bids', async () => {
    const nativeOrtb = { ver: '1.2', assets: [{ id: 1, required: 1, title: { len: 80 } }, { id: 2, required: 1, img: { type: 3, w: 1200, h: 627 } }, { id: 3, data: { type: 6 } }] };
    const bidRequests = [
      bidRequest('b1', { banner: { sizes: [[300, 250], [728, 90]] } }),
      // Prebid's adapter manager copies mediaTypes.native.ortb to nativeOrtbRequest before adapters see it.
      { ...bidRequest('n1', { native: { ortb: nativeOrtb } }), nativeOrtbRequest: nativeOrtb },
      bidRequest('v1', { video: { context: 'instream', playerSize: [[1920, 1080]], mimes: ['video/mp4'], plcmt: 7, linearity: 2, protocols: [13] } }),
    ];
    const bidderRequest = {
      bidderCode: 'vitrine',
      auctionId: 'auction-1',
      bidderRequestId: 'br-1',
      timeout: 500,
      bids: bidRequests,
      ortb2: { site: { domain: 'publisher.example', page: 'https://publisher.example/article' }, device: { devicetype: 3, geo: { country: 'GBR', region: 'LND' } } },
    };
    const request = converter.toORTB({ bidRequests, bidderRequest });
    expect(request.imp).toHaveLength(3);
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(request) });
    expect(res.status).toBe(200);
    const response = await res.json();
    const { bids } = converter.fromORTB({ request, response });
    expect(bids.map((b) => b.mediaType).sort()).toEqual(['banner', 'native', 'video']);
    for (const b of bids) {
      expect(b.cpm).toBe(2.5);
      expect(b.currency).toBe('USD');
      expect(b.creativeId).toMatch(/^v-/);
      expect(b.netRevenue).toBe(true);
      expect(b.ttl).toBeGreaterThan(0);
      expect((b.meta as { advertiserDomains: string[] }).advertiserDomains).toEqual(['stride.example']);
      expect(typeof b.requestId).toBe('string');
    }
    const banner = bids.find((b) => b.mediaType === 'banner')!;
    expect([banner.width, banner.height]).toEqual([300, 250]);
    // Prebid prepends a pixel for nurl (the win notice) to the markup.
    expect(String(banner.ad)).toContain('<!doctype html>');
    expect(String(banner.ad)).toContain('/w/');
    const video = bids.find((b) => b.mediaType === 'video')!;
    expect(String(video.vastXml)).toContain('<NonLinear ');
    const native = bids.find((b) => b.mediaType === 'native')!.native as { ortb: { assets: Array<{ id: number; img?: { w: number; h: number } }>; link: { url: string } } };
    expect(native.ortb.assets.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(native.ortb.assets[1]!.img).toMatchObject({ w: 1200, h: 627 });
    expect(native.ortb.link.url).toMatch(/\/c\//);
    // The native bid claims no creative size (no 300x250 "reference size"): the sizes are its assets'.
    const nativeBid = bids.find((b) => b.mediaType === 'native')!;
    expect([nativeBid.width, nativeBid.height]).toEqual([undefined, undefined]);
  });
});

const local = (url: string) => url.replace('http://localhost', '');
async function pngSize(url: string): Promise<[number, number]> {
  const res = await v.app.request(local(url));
  expect(res.status, url).toBe(200);
  const b = new Uint8Array(await res.arrayBuffer());
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [dv.getUint32(16), dv.getUint32(20)];
}

const ortb2 = { site: { domain: 'publisher.example', page: 'https://publisher.example/article' }, device: { devicetype: 2, geo: { country: 'GBR', region: 'LND' } } };
async function auction(bidRequests: Array<Record<string, unknown>>) {
  const request = converter.toORTB({ bidRequests, bidderRequest: { bidderCode: 'vitrine', auctionId: 'auction-2', bidderRequestId: 'br-2', timeout: 1000, bids: bidRequests, ortb2 } });
  const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ ...request, tmax: 3000 }) });
  // Prebid's adapters read a 204 as "no bids".
  if (res.status === 204) return { request, res, bids: [] as Array<Record<string, unknown>> };
  expect(res.status).toBe(200);
  return { request, res, ...converter.fromORTB({ request, response: await res.json() }) };
}

describe('Prebid.js ad units of every shape', () => {
  it("answers a legacy Prebid native ad unit (Prebid's own conversion both ways): aspect ratio, icon size, sponsor, privacy link, trackers", async () => {
    // What a publisher writes in mediaTypes.native, turned into Native 1.2 by Prebid exactly as its adapter manager does.
    const legacy = {
      title: { required: true, len: 80 },
      image: { required: true, aspect_ratios: [{ min_width: 300, min_height: 200, ratio_width: 16, ratio_height: 9 }] },
      icon: { required: false, sizes: [50, 50] },
      sponsoredBy: { required: true },
      body: { required: false },
      price: { required: false },
      cta: { required: false },
      privacyLink: { required: false },
    };
    const nativeOrtbRequest = native.toOrtbNativeRequest(legacy);
    expect(nativeOrtbRequest.privacy).toBe(1);
    const { bids } = await auction([{ ...bidRequest('n2', { native: legacy }), nativeOrtbRequest }]);
    expect(bids).toHaveLength(1);
    const ortb = (bids[0]!.native as { ortb: Record<string, unknown> }).ortb;
    const ad = native.toLegacyResponse(ortb, nativeOrtbRequest) as Record<string, unknown> & { image: { url: string; width: number; height: number }; icon: { url: string; width: number; height: number } };
    expect(ad.title).toMatch(/Trail Runner p\d/);
    // 16:9 as asked (Prebid sends it in img.ext.aspectratios), at least 300x200 and 627 px high.
    expect([ad.image.width, ad.image.height]).toEqual([1120, 630]);
    expect(await pngSize(ad.image.url)).toEqual([1120, 630]);
    expect([ad.icon.width, ad.icon.height]).toEqual([50, 50]);
    expect(await pngSize(ad.icon.url)).toEqual([50, 50]);
    expect(ad.sponsoredBy).toBe('Stride');
    expect(ad.price).toMatch(/100/);
    expect(ad.cta).toBe('Shop now');
    expect(String(ad.clickUrl)).toMatch(/\/c\//);
    expect(String(ad.privacyLink)).toMatch(/\/v1\/privacy$/);
    expect((ad.impressionTrackers as string[]).some((u) => /\/i\//.test(u))).toBe(true);
  });

  it('honours floors the publisher sets in ortb2Imp, and bids where it can', async () => {
    const floored = { ...bidRequest('f1', { banner: { sizes: [[300, 250]] } }), ortb2Imp: { tagid: 'pl-home', bidfloor: 3, bidfloorcur: 'USD' } };
    const open = { ...bidRequest('f2', { banner: { sizes: [[728, 90]] } }), ortb2Imp: { tagid: 'pl-home', bidfloor: 1.2, bidfloorcur: 'USD' } };
    const { request, bids } = await auction([floored, open]);
    expect(request.imp.map((i) => i.bidfloor)).toEqual([3, 1.2]);
    expect(bids.map((b) => b.requestId)).toEqual(['f2']);
    expect([bids[0]!.width, bids[0]!.height]).toEqual([728, 90]);
  });

  it('does not bid on an outstream or instream linear video ad unit (Vitrine has no video files)', async () => {
    const { res, bids } = await auction([
      bidRequest('o1', { video: { context: 'outstream', playerSize: [[640, 480]], mimes: ['video/mp4'], protocols: [2, 3, 5, 6], plcmt: 4 } }),
      bidRequest('i1', { video: { context: 'instream', playerSize: [[1280, 720]], mimes: ['video/mp4'], protocols: [3, 6, 7, 8], plcmt: 1, startdelay: 0 } }),
    ]);
    expect(bids).toEqual([]);
    expect(res.headers.get('x-vitrine-no-bid')).toMatch(/plcmt 4/);
  });
});
