// Prebid.js as a client: its real ortbConverter builds the OpenRTB request from ad units of every
// media type, Vitrine answers, and the converter turns every bid back into a Prebid bid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { prebidConverter, type OrtbConverter } from './helpers/prebid.ts';

let v: NodeVitrine;
let converter: OrtbConverter;
beforeAll(async () => {
  v = await fixtureApp();
  converter = await prebidConverter();
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
  });
});
