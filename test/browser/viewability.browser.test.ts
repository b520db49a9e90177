// The web tag's impression in a real browser (Debian chromium through playwright-core): a
// publisher page on another origin pastes /v1/tag.js; the impression counts by the MRC display
// standard — at least half the unit in view for one continuous second — and never on load, on
// nearing the viewport, at 40% in view, or for half a second then scrolled away. And an HTML unit
// opened on its own (not framed) renders, fires its own pixel, and does not widen the page.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../../src/runtime/node/build.ts';
import { fixtureApp } from '../helpers/app.ts';
import { launchChromium } from '../helpers/browser.ts';

const VIEWPORT = { width: 800, height: 600 };
const UNIT_H = 250;

let v: NodeVitrine;
let server: ReturnType<typeof serve>;
let port = 0;
/** The publisher's site: another origin (another port) on the same loopback, as Chromium lets a local page load a local script. */
let site: ReturnType<typeof serve>;
let sitePort = 0;
let article = '';
let browser: Browser;
let ctx: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  v = await fixtureApp();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const tag = `http://127.0.0.1:${port}/v1/tag.js?placement=pl-home&size=300x${UNIT_H}&region=GB-LND&lang=en`;
  article = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:16px sans-serif}</style></head><body>
<div style="height:2000px">article</div><div id="slot"><script async src="${tag}"></script></div><div style="height:2000px">more article</div></body></html>`;
  await new Promise<void>((resolve) => {
    site = serve({ fetch: () => new Response(article, { headers: { 'content-type': 'text/html; charset=utf-8' } }), port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  sitePort = (site.address() as AddressInfo).port;
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await new Promise((r) => site?.close(r));
  await v?.close();
});

const impressions = async () => {
  await v.flush();
  return v.store.countEvents({ type: 'impression', campaignId: 'c-run' });
};

/** A publisher page (its own origin) with the tag 2,000 px down. */
async function publisherPage(): Promise<{ page: Page; beacons: number[]; top: number }> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const beacons: number[] = [];
  page.on('request', (r) => {
    if (/\/i\/[\w-]+$/.test(r.url())) beacons.push(Date.now());
  });
  await page.goto(`http://127.0.0.1:${sitePort}/article`);
  await page.waitForSelector('#slot > div');
  const top = await page.evaluate(() => document.querySelector('#slot > div')!.getBoundingClientRect().top + window.scrollY);
  return { page, beacons, top };
}

/** Scrolls so that `share` of the unit's height is inside the viewport at its bottom edge. */
async function showShare(page: Page, top: number, share: number): Promise<void> {
  await page.evaluate((y) => window.scrollTo(0, y), Math.round(top + share * UNIT_H - VIEWPORT.height));
}

const rendered = (page: Page) => page.waitForSelector('#slot > div[data-vitrine="rendered"], #slot > div[data-vitrine="counted"]', { timeout: 20_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('web tag viewability (MRC: 50% of the unit for 1 continuous second)', { timeout: 60_000 }, () => {
  it('loads nothing and counts nothing while the slot is far below the fold', async () => {
    const before = await impressions();
    const { page, beacons } = await publisherPage();
    await sleep(1500);
    expect(await page.getAttribute('#slot > div', 'data-vitrine')).toBeNull();
    expect(beacons).toEqual([]);
    expect(await impressions()).toBe(before);
    await page.close();
  });

  it('a unit 60% in view for 1.2 s fires exactly one impression', async () => {
    const before = await impressions();
    const { page, beacons, top } = await publisherPage();
    await showShare(page, top, 0.6);
    await rendered(page);
    // (That nothing counts before the second is up is the 0.5 s case below: here the page's own
    // clock and the test's drift apart on a loaded machine.)
    await sleep(1200);
    await expect.poll(() => beacons.length, { timeout: 5000 }).toBe(1);
    expect(await impressions()).toBe(before + 1);
    // Leaving and coming back never counts it again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(300);
    await showShare(page, top, 1);
    await sleep(1500);
    expect(beacons).toHaveLength(1);
    expect(await impressions()).toBe(before + 1);
    // The frame is sandboxed without scripts and shows the unit with its buy button; the unit's own pixel is left out (the tag counted).
    const frame = await page.evaluate(() => {
      const f = document.querySelector('#slot iframe') as HTMLIFrameElement;
      return { sandbox: f.getAttribute('sandbox') ?? '', doc: f.srcdoc };
    });
    expect(frame.sandbox).not.toContain('allow-scripts');
    expect(frame.doc).toContain('class="v-cta"');
    expect(frame.doc).not.toMatch(/\/i\/[\w-]{20,}/);
    await page.close();
  });

  it('a unit only 40% in view fires nothing, however long it stays', async () => {
    const before = await impressions();
    const { page, beacons, top } = await publisherPage();
    await showShare(page, top, 0.4);
    await rendered(page);
    await sleep(2500);
    expect(beacons).toEqual([]);
    expect(await impressions()).toBe(before);
    await page.close();
  });

  it('60% in view for 0.5 s, then scrolled away, fires nothing: the second must be continuous', async () => {
    const before = await impressions();
    const { page, beacons, top } = await publisherPage();
    // Rendered while out of view (inside the loading margin, under half visible), so the clock starts when it scrolls in.
    await showShare(page, top, -0.5);
    await rendered(page);
    await showShare(page, top, 0.6);
    await sleep(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(1500);
    // Back for another half second: two halves are not one continuous second.
    await showShare(page, top, 0.6);
    await sleep(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(1500);
    expect(beacons).toEqual([]);
    expect(await impressions()).toBe(before);
    await page.close();
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('an HTML unit opened on its own, not in a frame', { timeout: 60_000 }, () => {
  it.each([
    ['300x250', 'en'],
    ['728x90', 'ar'],
  ])('%s %s renders, counts on render, and the pixel does not widen the page', async (size, lang) => {
    const before = await impressions();
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    const res = await page.goto(`http://127.0.0.1:${port}/v1/creative?campaign=c-run&size=${size}&format=html&region=GB-LND&lang=${lang}`);
    expect(res!.status()).toBe(200);
    await page.waitForLoadState('load');
    const state = await page.evaluate(() => ({
      text: document.body.innerText.trim(),
      cta: document.querySelector('a.v-cta')?.getBoundingClientRect().width ?? 0,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      pixel: [...document.images].filter((i) => i.width === 1 && i.height === 1).map((i) => i.complete),
    }));
    expect(state.text.length).toBeGreaterThan(3);
    expect(state.cta).toBeGreaterThan(0);
    expect(state.scrollWidth).toBeLessThanOrEqual(state.innerWidth);
    expect(state.scrollHeight).toBeLessThanOrEqual(state.innerHeight);
    expect(state.pixel).toEqual([true]);
    expect(await impressions()).toBe(before + 1);
    await page.close();
  });
});
