// The studio in a real browser (Debian chromium through playwright-core), as a new user would use
// it: sign in, browse campaigns, open a tearsheet for two regions and a cart abandoner, share it,
// read a report whose chart is drawn from recorded impressions and clicks, upload a feed with a
// rejected row, create a promo after fixing field errors, switch to Arabic. Every page is
// screenshotted at 1280 and 390 px into test/artifacts/, and no page may log a console error.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../../src/runtime/node/build.ts';
import { ART, launchChromium, shots, watch } from '../helpers/browser.ts';
import { ADMIN_KEY, demoApp } from '../helpers/app.ts';
import { NOW } from '../helpers/fixture.ts';


let v: NodeVitrine;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

async function cartItem(): Promise<string> {
  const r = await fetch(`${base}/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=json&seed=1&variant=v-ws-default`);
  return ((await r.json()) as { decision: { products: Array<{ id: string }> } }).decision.products[0]!.id;
}

beforeAll(async () => {
  v = await demoApp(NOW);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = watch(await ctx.newPage(), consoleErrors);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await v?.close();
});

describe('the studio in chromium', { timeout: 120_000 }, () => {
  it('signs in with the admin key and lands on the page asked for', async () => {
    await page.goto(`${base}/studio/campaigns/c-winter-style`);
    await expect.poll(() => page.url()).toContain('/studio/signin');
    await shots(page, 'signin-en');
    await page.getByLabel('Admin key', { exact: true }).fill('wrong');
    await page.getByLabel('Admin key', { exact: true }).press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await page.getByLabel('Admin key', { exact: true }).fill(ADMIN_KEY);
    await page.getByLabel('Admin key', { exact: true }).press('Enter');
    await page.waitForURL(`${base}/studio/campaigns/c-winter-style`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Winter style');
    await shots(page, 'campaign-en');
  });

  it('lists campaigns with sparklines and filters by brand from the keyboard', async () => {
    await page.goto(`${base}/studio/campaigns`);
    expect(await page.locator('svg.spark').count()).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Brand').selectOption('Nord & Co');
    await page.getByLabel('Brand').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/brand=Nord/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.goto(`${base}/studio/campaigns`);
    await shots(page, 'campaigns-en');
  });

  it('opens a tearsheet for two regions and a cart abandoner; every cell is a drawn creative', async () => {
    const item = await cartItem();
    await page.goto(`${base}/studio/campaigns/c-winter-style/tearsheet`);
    await page.getByRole('group', { name: 'Regions' }).getByLabel(/AE-DU/).check();
    await page.getByLabel('Cart abandoner').check();
    await page.getByLabel('Cart item (product id)').fill(item);
    await page.getByRole('group', { name: 'Sizes' }).getByLabel('320x50').check();
    await page.getByRole('button', { name: 'Show tearsheet' }).click();
    await page.waitForURL(/shopper=cart/);
    const scenarios = page.locator('section.scenario');
    expect(await scenarios.count()).toBe(4);
    const headings = await scenarios.locator('h2').allTextContents();
    expect(headings.some((h) => h.includes('SA-01') && h.includes('Cart abandoner'))).toBe(true);
    expect(headings.some((h) => h.includes('AE-DU') && h.includes('Cart abandoner'))).toBe(true);
    const imgs = page.locator('section.scenario img');
    await imgs.last().scrollIntoViewIfNeeded();
    await expect.poll(() => imgs.evaluateAll((els) => els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0)), { timeout: 30_000 }).toBe(true);
    expect(await page.locator(`section.scenario:has-text("Cart abandoner") figcaption:has-text("with ${item}")`).count()).toBeGreaterThan(0);
    await shots(page, 'tearsheet-en');
    // Shared read-only link: works in a fresh browser without a session.
    await page.getByLabel('Link valid for (days)').fill('3');
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = await page.locator('#share-url').textContent();
    const anon = await browser.newContext();
    const shared = watch(await anon.newPage(), consoleErrors);
    await shared.goto(url!);
    expect(await shared.locator('section.scenario').count()).toBe(4);
    expect(await shared.locator('form').count()).toBe(0);
    await shared.emulateMedia({ media: 'print' });
    await shared.pdf({ path: `${ART}tearsheet-shared.pdf` }).catch(() => undefined);
    await shared.screenshot({ path: `${ART}tearsheet-shared-print.png`, fullPage: true });
    await anon.close();
  });

  it('draws the report chart from recorded impressions and clicks', async () => {
    for (const seed of [11, 12, 13]) {
      const r = await fetch(`${base}/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=json&seed=${seed}`);
      const j = (await r.json()) as { urls: { impression: string; click: string } };
      await fetch(j.urls.impression.replace(/^https?:\/\/[^/]+/, base));
      if (seed === 11) await fetch(j.urls.click.replace(/^https?:\/\/[^/]+/, base), { redirect: 'manual' });
    }
    await v.flush();
    await page.goto(`${base}/studio/campaigns/c-winter-style/report?days=7`);
    const chart = page.locator('[data-chart="volume"]');
    await expect.poll(() => chart.getAttribute('data-drawn')).toBe('1');
    // The impressions line reaches the plot: some canvas pixels are the series colour.
    const inked = await chart.locator('canvas').evaluate((c) => {
      const cv = c as HTMLCanvasElement;
      const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 40 && d[i + 1]! > 100 && d[i + 1]! < 135 && d[i + 2]! > 95 && d[i + 2]! < 125) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(20);
    const variantTable = page.locator('table[data-dim="variant"]');
    expect(await variantTable.locator('tbody tr').last().textContent()).toMatch(/Total\s*3\s*1/);
    await shots(page, 'report-en');
  });

  it('uploads a feed with a progress bar and lists the rejected row', async () => {
    await page.goto(`${base}/studio/catalog`);
    const tsv = 'id\ttitle\tdescription\tlink\timage_link\tavailability\tprice\nb-new\tNew scarf\tWarm\thttps://shop.example.com/s\thttps://shop.example.com/s.png\tin_stock\t10.00 USD\nb-bad\tBad\tx\tnot a url\t\tin_stock\tabc\n';
    await page.getByLabel('File (TSV or RSS XML)').setInputFiles({ name: 'feed.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('#feed-result [role=status]').textContent()).toContain('1 added');
    expect(await page.locator('#feed-progress').evaluate((e) => (e as HTMLProgressElement).value)).toBe(100);
    expect(await page.locator('#feed-result table tr').count()).toBeGreaterThan(1);
    expect(await page.locator('#feed-result table').textContent()).toContain('3');
    await shots(page, 'catalog-en');
  });

  it('shows promo field errors next to the fields, then saves', async () => {
    await page.goto(`${base}/studio/promos`);
    await page.getByLabel('Id', { exact: true }).fill('p-browser');
    await page.getByLabel('Name', { exact: true }).fill('Browser sale');
    await page.getByRole('group', { name: 'Regions' }).getByLabel(/SA-01/).check();
    await page.getByLabel('Starts (local time in each region)').fill('2026-12-01T10:00');
    await page.getByLabel('Ends (local time in each region)').fill('2026-12-01T09:00');
    await page.getByLabel('Discount value').fill('20');
    await page.getByLabel('Copy (English)').fill('20% off');
    await page.getByRole('button', { name: 'Save promo' }).click();
    expect(await page.locator('#p-startsLocal-error').textContent()).toContain('before endsLocal');
    expect(await page.getByLabel('Starts (local time in each region)').getAttribute('aria-invalid')).toBe('true');
    await shots(page, 'promo-errors-en');
    await page.getByLabel('Ends (local time in each region)').fill('2026-12-03T09:00');
    await page.getByLabel('Copy (Arabic)').fill('خصم ٢٠٪');
    await page.getByRole('button', { name: 'Save promo' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Promo saved');
    expect(await page.locator('td:has-text("p-browser") + th + td').textContent()).toContain('Asia/Riyadh');
  });

  it('switches to Arabic: right to left everywhere, screenshots of the main pages', async () => {
    await page.goto(`${base}/studio/campaigns`);
    await page.getByRole('link', { name: /العربية/ }).click();
    await page.waitForURL(`${base}/studio/campaigns`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('الحملات');
    // RTL layout: the brand sits at the right edge of the top bar.
    const box = await page.locator('header.top .brand').boundingBox();
    expect(box!.x).toBeGreaterThan(640);
    await shots(page, 'campaigns-ar');
    await page.goto(`${base}/studio/campaigns/c-winter-style`);
    await shots(page, 'campaign-ar');
    await page.goto(`${base}/studio/campaigns/c-winter-style/tearsheet?region=SA-01&lang=ar&size=300x250`);
    await expect.poll(() => page.locator('section.scenario img').evaluateAll((els) => els.every((e) => (e as HTMLImageElement).naturalWidth > 0)), { timeout: 30_000 }).toBe(true);
    await shots(page, 'tearsheet-ar');
    await page.goto(`${base}/studio/campaigns/c-winter-style/report?days=7`);
    await expect.poll(() => page.locator('[data-chart="ctr"]').getAttribute('data-drawn')).toBe('1');
    await shots(page, 'report-ar');
    await page.goto(`${base}/studio/catalog`);
    await shots(page, 'catalog-ar');
    await page.goto(`${base}/studio/promos`);
    await shots(page, 'promos-ar');
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
