// Issue 14, privacy: a consented shopper's segment and keyed user hash never appear in any byte a
// third party sees (the HTML unit, VAST, Native and OpenRTB markup, replay URLs, public JSON),
// nor inside any token once decoded; the server still resolves them (the event carries them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDigest } from '../src/runtime/node/digest.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { userKey } from '../src/security/user-key.ts';
import { SECRET } from './helpers/app.ts';
import { GRANTING } from './helpers/consent-strings.ts';
import { decisionOf, hoursAgo, merchant, personalApp } from './helpers/personal.ts';

const UID = 'shopper-private-42';
const SEGMENT = 'pregnancy_test_buyer';
const granted = { uid: UID, gdpr: '1', gdpr_consent: GRANTING };

let v: NodeVitrine;
let hash: string;
beforeAll(async () => {
  v = await personalApp();
  const put = await v.app.request(`/v1/profiles/${UID}`, { method: 'PUT', headers: merchant, body: JSON.stringify({ segments: [SEGMENT], cart: [{ product_id: 'p3', added_at: hoursAgo(5) }], loyalty_tier: 'gold' }) });
  expect(put.status).toBe(200);
  hash = await userKey(nodeDigest(), SECRET, UID);
});
afterAll(async () => v.close());

/** Every token-looking path segment in a document: /c/, /i/, /q/, /w/, /b/ and `ref=` values. */
function tokensIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\/(?:c|i|q|w|b)\/([A-Za-z0-9_.=-]{20,})/g)) out.add(m[1]!);
  for (const m of text.matchAll(/[?&](?:amp;)?ref=([A-Za-z0-9_-]{20,})/g)) out.add(m[1]!);
  return [...out];
}

/** The bytes and every token decoded as base64url (whatever its inner structure): none may hold a secret. */
function expectClean(label: string, text: string): void {
  for (const secret of [SEGMENT, hash, UID]) expect(text.includes(secret), `${label} contains ${secret}`).toBe(false);
  const tokens = tokensIn(text);
  for (const t of tokens) {
    for (const part of t.split('.')) {
      const decoded = Buffer.from(part, 'base64url').toString('latin1');
      for (const secret of [SEGMENT, hash, UID]) expect(decoded.includes(secret), `${label}: a token decodes to ${secret}`).toBe(false);
    }
  }
}

describe('nothing a third party sees carries the shopper', () => {
  it('the decision is personalized (so the test means something), and the server still knows the segment', async () => {
    const d = await decisionOf(v, { ...granted, seed: '1' });
    expect(d.decision.personalized).toBe(true);
    expect(d.signals.segments).toEqual(expect.arrayContaining([SEGMENT]));
    // A click on its link stores the event with the hash and the segment (resolved server-side).
    expect((await v.app.request(new URL(d.urls.click!).pathname)).status).toBe(302);
    const e = await v.store.decisionEvent(d.decision.id as string);
    expect(e?.userHash).toBe(hash);
    expect(e?.segments).toEqual(expect.arrayContaining([SEGMENT]));
  });

  it('HTML unit, public JSON and the replay URLs', async () => {
    const q = new URLSearchParams({ campaign: 'c-run', size: '300x250', region: 'GB-LND', seed: '2', ...granted });
    const html = await (await v.app.request(`/v1/creative?${q}&format=html`)).text();
    expect(html).toMatch(/\/c\/[\w-]{40,}/);
    expectClean('html', html);
    const json = await (await v.app.request(`/v1/creative?${q}&format=json`)).text();
    const urls = (JSON.parse(json) as { urls: Record<string, string> }).urls;
    // Replay URLs stand for the shopper by a sealed ref; the uid the publisher sent is not echoed.
    expect(urls.png).toMatch(/[?&]ref=[\w-]{40,}/);
    expectClean('json', json.replaceAll(UID, '')); // the request itself carried the uid; nothing else may
    expect(Object.values(urls).some((u) => u.includes(UID))).toBe(false);
  });

  it('VAST (overlay image URL, tracking, HTML resource)', async () => {
    const xml = await (await v.app.request(`/v1/vast?${new URLSearchParams({ campaign: 'c-run', region: 'GB-LND', seed: '3', ...granted })}`)).text();
    expect(xml).toContain('<VAST');
    expectClean('vast', xml);
  });

  it('OpenRTB banner, native and CTV video bids', async () => {
    const nativeReq = JSON.stringify({ ver: '1.2', assets: [{ id: 1, required: 1, title: { len: 90 } }, { id: 2, required: 1, img: { type: 3, w: 300, h: 250 } }], eventtrackers: [{ event: 1, methods: [1] }] });
    const imps = [
      { id: 'b', tagid: 'pl-home', banner: { w: 300, h: 250 } },
      { id: 'n', tagid: 'pl-home', native: { request: nativeReq, ver: '1.2' } },
      { id: 'v', tagid: 'pl-home', video: { mimes: ['image/png'], w: 1920, h: 1080, plcmt: 7, linearity: 2 } },
    ];
    for (const imp of imps) {
      const req = { id: `r-${imp.id}`, imp: [imp], device: { geo: { country: 'GBR' }, ...(imp.id === 'v' ? { devicetype: 3 } : {}) }, user: { buyeruid: UID, consent: GRANTING }, regs: { gdpr: 1 }, tmax: 5000 };
      const res = await v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) });
      expect(res.status, imp.id).toBe(200);
      const text = await res.text();
      expect(tokensIn(text).length, imp.id).toBeGreaterThan(1);
      expectClean(`openrtb ${imp.id}`, text);
    }
  });
});
