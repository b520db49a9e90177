// The HTML unit under its own Content-Security-Policy in Chromium: it still renders (styles,
// the product photo, the text), nothing it needs is blocked, and an injected script does not run.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { fixtureApp } from './helpers/app.ts';
import { PRODUCTS } from './helpers/fixture.ts';
import sharp from 'sharp';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let v: NodeVitrine;
let browser: Browser;
beforeAll(async () => {
  const photo = new Uint8Array(await sharp({ create: { width: 400, height: 400, channels: 3, background: '#2255cc' } }).png().toBuffer());
  v = await fixtureApp({ seed: { assets: PRODUCTS.map((p) => ({ key: p.imageLink, contentType: 'image/png', bytes: photo })) } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await v?.close();
});

async function open(html: string, csp: string) {
  const page = await browser.newPage({ viewport: { width: 300, height: 250 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  // Everything the page asks for is answered locally; the unit itself with the app's headers.
  await page.route('**/*', (route) =>
    route.request().url() === 'https://unit.test/'
      ? route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }, body: html })
      : route.fulfill({ status: 200, headers: { 'content-type': 'image/gif' }, body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') }),
  );
  await page.goto('https://unit.test/');
  return { page, violations };
}

describe('HTML unit with its CSP in Chromium', () => {
  it('renders its text and photo with no policy violation', async () => {
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'none'");
    const { page, violations } = await open(await res.text(), csp);
    const state = await page.evaluate(() => {
      const photo = [...document.images].find((i) => i.src.startsWith('data:image/'));
      return {
        text: document.body.innerText,
        photo: photo ? { complete: photo.complete, w: photo.naturalWidth } : null,
        unit: document.body.getBoundingClientRect().width,
        styled: getComputedStyle(document.body).overflow,
      };
    });
    expect(violations).toEqual([]);
    expect(state.text).toMatch(/\w{3,}/);
    expect(state.photo).toMatchObject({ complete: true });
    expect(state.photo!.w).toBeGreaterThan(0);
    expect(state.unit).toBe(300);
    expect(state.styled).toBe('hidden');
    await page.close();
  }, 60_000);

  it('does not run a script slipped into the unit', async () => {
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01');
    const html = (await res.text()).replace('</body>', '<script>document.title="pwned"</script><img src="x" onerror="document.title=\'pwned2\'"></body>');
    const { page, violations } = await open(html, res.headers.get('content-security-policy')!);
    expect(await page.title()).not.toMatch(/pwned/);
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});

describe('HTML unit with a brand kit font in Chromium', () => {
  it('loads the linked kit font under its CSP (font-src names our origin) and draws the copy with it, unclipped', async () => {
    const { boxFont, LATIN } = await import('./helpers/fonts.ts');
    const { CAMPAIGN } = await import('./helpers/fixture.ts');
    // A wide face padded past the inline limit: the unit links it from the asset URL.
    const font = new Uint8Array(boxFont({ family: 'Wide Brand', advance: 1.1, chars: LATIN, padding: 1800 }));
    const key = 'brand/0000000000000000000000000000dddd.otf';
    const kit = { id: 'bk', name: 'Kit', colors: { primary: '#0f766e', secondary: '#99f6e4', text: '#111827', background: '#ffffff' }, logoAssetId: null, fonts: { latin: key, arabic: null }, cta: { shape: 'rounded' as const, background: '#111827', text: '#ffffff', uppercase: false } };
    const app = await fixtureApp({ seed: { campaigns: [{ ...CAMPAIGN, brandKit: kit }], assets: [{ key, contentType: 'font/otf', bytes: font }] } });
    try {
      const res = await app.app.request('https://ads.vitrine.test/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01&lang=en');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain('font-src data: https://ads.vitrine.test;');
      const html = await res.text();
      const page = await browser.newPage({ viewport: { width: 300, height: 250 } });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      let fontFetched = 0;
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url === 'https://unit.test/') return route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }, body: html });
        if (url.startsWith('https://ads.vitrine.test/v1/assets/')) {
          fontFetched++;
          const r = await app.app.request(url);
          return route.fulfill({ status: r.status, headers: Object.fromEntries(r.headers), body: Buffer.from(await r.arrayBuffer()) });
        }
        return route.fulfill({ status: 200, headers: { 'content-type': 'image/gif' }, body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') });
      });
      await page.goto('https://unit.test/');
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        const faces = [...document.fonts].map((f) => ({ family: f.family.replace(/["']/g, ''), status: f.status }));
        const cta = document.querySelector('.v-cta') as HTMLElement;
        return { faces, ctaFits: cta.scrollWidth <= cta.clientWidth + 1, headline: [...document.querySelectorAll('.v-headline div')].map((d) => ({ fits: (d as HTMLElement).scrollWidth <= (d as HTMLElement).clientWidth + 1 })) };
      });
      expect(violations).toEqual([]);
      expect(fontFetched).toBeGreaterThan(0);
      expect(state.faces).toContainEqual({ family: 'kit-brand_0000000000000000000000000000dddd_otf', status: 'loaded' });
      // Fitted with the face the browser draws: no line is clipped or ellipsized.
      expect(state.ctaFits).toBe(true);
      for (const l of state.headline) expect(l.fits).toBe(true);
      await page.close();
    } finally {
      await app.close();
    }
  }, 60_000);
});
