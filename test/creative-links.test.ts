// /v1/creative seals only the links its answer carries, and a replayed answer is the first one's
// bytes and headers exactly (the replay cache keeps the body it sent, not a re-read of it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';

let v: NodeVitrine;
const kinds: string[] = [];
beforeAll(async () => {
  v = await fixtureApp();
  const signer = v.serve.signer;
  const sign = signer.sign.bind(signer);
  signer.sign = (p) => {
    kinds.push(p.k);
    return sign(p);
  };
});
afterAll(async () => v.close());

const at = '2026-11-24T15:00:00Z';
async function sealedFor(q: string): Promise<{ res: Response; kinds: string[] }> {
  kinds.length = 0;
  const res = await v.app.request(`/v1/creative?campaign=c-run&size=300x250&region=AE-DU&${q}`);
  expect(res.status).toBe(200);
  return { res, kinds: [...kinds].sort() };
}

describe('links sealed per answer', () => {
  it.each(['png', 'webp', 'svg'])('a %s creative carries no link: none is sealed, and its body names none', async (format) => {
    const { res, kinds } = await sealedFor(`format=${format}&seed=31`);
    expect(kinds).toEqual([]);
    const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(body).not.toMatch(/\/(c|i|q)\/[A-Za-z0-9_-]{20,}/);
  });

  it('an HTML unit seals its click and impression links, which verify, and no scan link', async () => {
    const { res, kinds } = await sealedFor('format=html&seed=32');
    expect(kinds).toEqual(['c', 'i']);
    const html = await res.text();
    const click = /href="[^"]*\/c\/([^"]+)"/.exec(html)?.[1];
    const imp = /src="[^"]*\/i\/([^"]+)"/.exec(html)?.[1];
    expect((await v.serve.signer.verify(click!, 'c')).ok).toBe(true);
    expect((await v.serve.signer.verify(imp!, 'i')).ok).toBe(true);
  });

  it('the JSON view lists all three links; the CTV overlay seals only the scan link its QR code draws', async () => {
    const json = await sealedFor('format=json&seed=33');
    expect(json.kinds).toEqual(['c', 'i', 'q']);
    const body = (await json.res.json()) as { urls: Record<string, string> };
    for (const k of ['click', 'impression', 'scan']) expect(body.urls[k]).toMatch(/\/(c|i|q)\/.{20,}/);
    const overlay = await sealedFor('format=png&layout=overlay&size=1920x1080&seed=34');
    expect(overlay.kinds).toEqual(['q']);
  });

  it('an HTML overlay unit keeps working click and impression links next to its scan link', async () => {
    const { res, kinds } = await sealedFor('format=html&layout=overlay&size=1920x1080&seed=35');
    expect(kinds).toEqual(['c', 'i', 'q']);
    const html = await res.text();
    expect(html).not.toContain('href=""');
    const click = /href="[^"]*\/c\/([^"]+)"/.exec(html)?.[1];
    const imp = /src="[^"]*\/i\/([^"]+)"/.exec(html)?.[1];
    expect((await v.serve.signer.verify(click!, 'c')).ok).toBe(true);
    expect((await v.serve.signer.verify(imp!, 'i')).ok).toBe(true);
  });
});

describe('replay', () => {
  it.each(['png', 'html', 'json'])('a replayed %s answer has the first answer’s exact bytes and headers', async (format) => {
    const url = `/v1/creative?campaign=c-run&size=300x250&region=SA-01&seed=41&at=${at}&format=${format}`;
    const first = await v.app.request(url);
    const firstBody = new Uint8Array(await first.arrayBuffer());
    const again = await v.app.request(url);
    expect(again.headers.get('x-vitrine-cache')).toBe('replay');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(firstBody);
    const headers = (r: Response) => [...r.headers].filter(([k]) => k !== 'x-vitrine-cache');
    expect(headers(again)).toEqual(headers(first));
    // Images and units revalidate by their ETag; the JSON view is no-store and has none.
    const etag = first.headers.get('etag');
    expect(etag !== null).toBe(format !== 'json');
    if (etag) expect((await v.app.request(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});
