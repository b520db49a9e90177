// Native bids show one product: the main image's pixels are the photo of the product the title
// names, and the click lands on that product. Each product here has a photo of its own colour
// (served to the real image fetcher from an allow-listed host), and stock differs per region so
// different products win; every bid's image is then read back and its colour checked.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { inventory, PRODUCTS } from './helpers/fixture.ts';

const COLOURS: Record<string, [number, number, number]> = { p1: [220, 30, 30], p2: [30, 160, 40], p3: [30, 60, 220], p4: [230, 200, 20] };
const photos = new Map<string, Uint8Array<ArrayBuffer>>();

let v: NodeVitrine;
beforeAll(async () => {
  for (const [id, [r, g, b]] of Object.entries(COLOURS)) photos.set(`/img/${id}.png`, new Uint8Array(await sharp({ create: { width: 800, height: 800, channels: 3, background: { r, g, b } } }).png().toBuffer()));
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const bytes = url.hostname === 'shop.example.com' ? photos.get(url.pathname) : undefined;
    return bytes ? new Response(bytes, { headers: { 'Content-Type': 'image/png' } }) : new Response('no', { status: 404 });
  }) as typeof fetch;
  // Riyadh has only p3 and p4 in stock, Dubai no p1: the winning product differs by region.
  const stock = inventory().map((l) => ((l.region === 'SA-01' && (l.productId === 'p1' || l.productId === 'p2')) || (l.region === 'AE-DU' && l.productId === 'p1') ? { ...l, quantity: 0 } : l));
  v = await fixtureApp({ fetch: fakeFetch, config: { imageHosts: ['shop.example.com'] }, seed: { inventory: stock } });
});
afterAll(async () => v.close());

const local = (url: string) => url.replace(/^https?:\/\/localhost/, '');

describe('native: image, title, price and link are one product', () => {
  it.each([
    ['GBR', 'LND', 'en'],
    ['ARE', 'DU', 'en'],
    ['SAU', '01', 'ar'],
  ])('in %s-%s (%s) the 1200x627 main image shows the titled product and the click lands on it', async (country, region, lang) => {
    const request = { ver: '1.2', assets: [{ id: 1, required: 1, title: { len: 90 } }, { id: 2, required: 1, img: { type: 3, w: 1200, h: 627 } }, { id: 3, data: { type: 6 } }] };
    const res = await v.app.request('/openrtb2/auction', { method: 'POST', body: JSON.stringify({ id: `np-${region}`, tmax: 5000, imp: [{ id: '1', tagid: 'pl-home', native: { request: JSON.stringify(request) } }], device: { language: lang, geo: { country, region } } }) });
    expect(res.status).toBe(200);
    const adm = JSON.parse(((await res.json()) as { seatbid: Array<{ bid: Array<{ adm: string }> }> }).seatbid[0]!.bid[0]!.adm) as { assets: Array<{ id: number; title?: { text: string }; img?: { url: string; w: number; h: number } }>; link: { url: string } };
    const title = adm.assets.find((a) => a.id === 1)!.title!.text;
    const product = PRODUCTS.find((p) => p.title === title || p.i18n.ar?.title === title)!.id;
    expect(Object.keys(COLOURS)).toContain(product);
    const img = adm.assets.find((a) => a.id === 2)!.img!;
    const file = await v.app.request(local(img.url));
    expect(file.status).toBe(200);
    const { data, info } = await sharp(new Uint8Array(await file.arrayBuffer())).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1200, 627]);
    // The photo fills the image: its centre is the photo's colour, the titled product's.
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const [x, y] of [[600, 313], [300, 150], [900, 470]] as const) {
      at(x, y).forEach((c, i) => expect(Math.abs(c - COLOURS[product]![i]!), `${product} at ${x},${y}`).toBeLessThan(12));
    }
    const click = await v.app.request(local(adm.link.url));
    expect(click.status).toBe(302);
    expect(new URL(click.headers.get('location')!).pathname).toBe(`/p/${product}`);
  });
});
