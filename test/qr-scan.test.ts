// The CTV overlay's QR code as a viewer's phone reads it from the sofa: the overlay PNG a player
// fetches, laid over a programme and scaled down to what a phone camera sees of a TV across the
// room, decoded with zbarimg. The code encodes a short signed link (≤ 40 characters of path) that
// resolves to the same scan as the sealed token: same expiry, counted once per token, replays
// flagged, the decision id on the landing URL, nothing about the viewer in it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { nodeDigest } from '../src/runtime/node/digest.ts';
import { base64url } from '../src/security/base64.ts';
import { draftFor, renderDraft, signLinks } from '../src/services/creative.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { OVERLAY_SIZE } from '../src/services/vast.ts';
import { fixtureApp, SECRET } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-qr-'));
let n = 0;

/**
 * What a phone camera sees of the overlay: a 55-inch 16:9 TV (1.21 m wide) from 3 m spans
 * 2·atan(0.605 / 3) = 22.8° of a 1080p camera frame (1920 px across a 66° field of view), so the
 * 1920-px overlay arrives at about 663 px (scale 0.35), slightly soft. (The short code still reads
 * down to about scale 0.27; the sealed token does not read even at 0.5.)
 */
const SOFA = { tvWidthM: 1.21, distanceM: 3, fovDeg: 66, previewPx: 1920 };
const SCALE = (SOFA.previewPx * ((2 * Math.atan(SOFA.tvWidthM / 2 / SOFA.distanceM) * 180) / Math.PI)) / SOFA.fovDeg / OVERLAY_SIZE.w;

async function fromTheSofa(overlay: Uint8Array): Promise<Buffer> {
  // The programme behind the overlay: a mid-tone picture (the code has to bring its own quiet zone).
  const programme = await sharp({ create: { width: OVERLAY_SIZE.w, height: OVERLAY_SIZE.h, channels: 3, background: '#5b6b7c' } })
    .composite([{ input: Buffer.from(overlay) }])
    .png()
    .toBuffer();
  const w = Math.round(OVERLAY_SIZE.w * SCALE);
  return sharp(programme).resize(w, Math.round((w * OVERLAY_SIZE.h) / OVERLAY_SIZE.w), { kernel: 'cubic' }).blur(0.5).greyscale().png().toBuffer();
}

/** The text zbarimg reads, or null when it finds no code. */
function zbar(png: Uint8Array): string | null {
  const file = join(dir, `sofa-${n++}.png`);
  writeFileSync(file, png);
  try {
    return execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return null;
  }
}

const local = (url: string) => url.replace(/^http:\/\/localhost/, '');
const overlayPng = (xml: string) => /<StaticResource creativeType="image\/png"><!\[CDATA\[([^\]]+)\]\]>/.exec(xml)![1]!;

let v: NodeVitrine;
const clock = { now: NOW };
beforeAll(async () => {
  v = await fixtureApp({ clock: () => clock.now });
});
afterAll(async () => v.close());

describe('the overlay QR code at TV distance', () => {
  it('decodes from the sofa to a short link that lands on the product, counted once', async () => {
    expect(SCALE).toBeGreaterThan(0.33);
    expect(SCALE).toBeLessThan(0.36);
    const res = await v.app.request('/v1/vast?campaign=c-run&region=GB-LND&seed=11&uid=shopper-9&gdpr=0');
    const xml = await res.text();
    const decisionId = /<AdServingId>([^<]+)<\/AdServingId>/.exec(xml)![1]!;
    const png = new Uint8Array(await (await v.app.request(local(overlayPng(xml)))).arrayBuffer());

    const scanned = zbar(await fromTheSofa(png));
    expect(scanned, 'zbarimg found no code in the overlay seen from the sofa').not.toBeNull();
    const url = new URL(scanned!);
    expect(url.pathname.length).toBeLessThanOrEqual(40);
    // Nothing about the viewer: the path is the 20-character id + mac, not the user id or anything derived from it.
    expect(url.pathname).toMatch(/^\/q\/[A-Za-z0-9_-]{20}$/);
    expect(scanned).not.toContain('shopper-9');

    const scan = await v.app.request(url.pathname);
    expect(scan.status).toBe(302);
    const to = new URL(scan.headers.get('location')!);
    expect(to.origin + to.pathname).toMatch(/^https:\/\/shop\.example\.com\/p\/p\d$/);
    expect(to.searchParams.get('utm_medium')).toBe('ctv');
    expect(to.searchParams.get('vitrine_did')).toBe(decisionId);
    // A second scan of the same code still lands, and is stored as a replay: the scan counts once.
    const again = await v.app.request(url.pathname);
    expect(again.status).toBe(302);
    await v.flush();
    expect(await v.store.countEvents({ type: 'scan', decisionId })).toBe(2);
    // The learning arms saw one click: the replay was stored, not counted.
    const arms = await v.store.policyArms(0);
    expect(arms.reduce((s, a) => s + a.clicks, 0)).toBe(1);
  });

  it('the sealed token itself, drawn in the same place, cannot be read from the sofa (why the link is short)', async () => {
    const rd = await decideRequest(v.serve, { campaign: 'c-run', region: 'GB-LND', size: '1920x1080', format: 'png', seed: '11', device: 'ctv' });
    const links = await signLinks(v.serve, rd, 'http://localhost');
    expect(links.scan.length).toBeGreaterThan(200);
    const { scanLinks: _short, ...longOnly } = v.serve;
    const out = await renderDraft(longOnly, draftFor(rd, { qr: links.scan }), 'png');
    expect(zbar(out.bytes), 'up close the long code reads').toBe(links.scan);
    expect(zbar(await fromTheSofa(out.bytes))).toBeNull();
  });

  it('expires with its token (410), and a tampered or unknown link never redirects (404)', async () => {
    const xml = await (await v.app.request('/v1/vast?campaign=c-run&region=GB-LND&seed=12')).text();
    const png = new Uint8Array(await (await v.app.request(local(overlayPng(xml)))).arrayBuffer());
    const path = new URL(zbar(png)!).pathname;
    const code = path.slice(3);
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const tampered = await v.app.request(`/q/${code.slice(0, -1)}${flip(code.at(-1)!)}`);
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('location')).toBeNull();
    // A well-signed id that was never issued (the mac computed with the test secret).
    const id = base64url(crypto.getRandomValues(new Uint8Array(9)));
    const mac = base64url(nodeDigest().hmacSha256(SECRET, `vitrine-scan-mac|${id}`) as Uint8Array).slice(0, 8);
    const unknown = await v.app.request(`/q/${id}${mac}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/unknown scan link/);

    clock.now = NOW + 31 * 86_400_000;
    try {
      const late = await v.app.request(path);
      expect(late.status).toBe(410);
      expect(late.headers.get('location')).toBeNull();
    } finally {
      clock.now = NOW;
    }
  });
});
