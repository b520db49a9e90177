// The studio end to end in a real browser (Debian chromium through playwright-core), as a new
// marketer would use it — the issue's whole "Tests must show" flow in one test file: sign in;
// create a campaign with an English and an Arabic variant in the editor; watch the live preview
// redraw after typing; see the Arabic copy right to left in the input and in the HTML preview; see
// the fit warning for a headline too long for 320x50; keep the form across an expired session;
// save; open the version's tearsheet for two regions and a cart abandoner; submit with a note; an
// approver signs in and approves; /v1/creative serves the approved creative; the report draws a
// chart from impressions and clicks recorded through the real event routes; pause from the list
// with its confirmation and /v1/creative falls back. Screenshots at 1280 and 390 px go to
// test/artifacts/, and no page may log a console error.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../../src/runtime/node/build.ts';
import { launchChromium, shots, watch } from '../helpers/browser.ts';
import { createUser, PASSWORD } from '../helpers/accounts.ts';
import { ADMIN_KEY, demoApp } from '../helpers/app.ts';
import { NOW } from '../helpers/fixture.ts';

const ID = 'c-evening';

let v: NodeVitrine;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const outside: string[] = [];

async function signInWithEmail(p: Page, email: string): Promise<void> {
  await p.getByLabel('Email', { exact: true }).fill(email);
  await p.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await p.getByLabel('Password', { exact: true }).press('Enter');
}

/** A product in stock in the campaign's regions (the cart item of the simulated cart abandoner). */
async function inStockProduct(): Promise<string> {
  const r = await fetch(`${base}/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=json&seed=1&variant=v-ws-default`);
  return ((await r.json()) as { decision: { products: Array<{ id: string }> } }).decision.products[0]!.id;
}

const variant = (i: number) => page.locator('[data-variant]').nth(i);
const cell = (size: string, lang: string) => page.locator(`#pv-cells figure[data-size="${size}"][data-lang="${lang}"]`);

beforeAll(async () => {
  v = await demoApp(NOW);
  await createUser(v.app, 'maya@example.com', 'editor');
  await createUser(v.app, 'omar@example.com', 'approver');
  await new Promise<void>((resolve) => {
    server = serve({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = watch(await ctx.newPage(), consoleErrors, outside);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await v?.close();
});

describe('a campaign from the studio, in chromium', { timeout: 180_000 }, () => {
  it('signs in as a new editor and opens the campaign editor from the list', async () => {
    await page.goto(`${base}/studio/campaigns`);
    await page.waitForURL(/\/studio\/signin/);
    await signInWithEmail(page, 'maya@example.com');
    await page.waitForURL(`${base}/studio/campaigns`);
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.waitForURL(`${base}/studio/campaigns/new`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('New campaign');
  });

  it('fills the campaign: flight in local time with each region’s zone shown, products counted live per region', async () => {
    await page.getByLabel('Campaign id').fill(ID);
    await page.getByLabel('Name', { exact: true }).fill('Evening edit');
    await page.getByLabel('Brand (advertiser)').fill('Nord & Co');
    await page.getByLabel('Advertiser domain').fill('nord.example');
    await page.getByLabel('Starts (local time)').fill('2026-11-20T00:00');
    await page.getByLabel('Ends (local time)').fill('2026-12-31T23:00');
    const regions = page.getByRole('group', { name: 'Regions' });
    await regions.getByLabel(/SA-01 Riyadh/).check();
    await regions.getByLabel(/AE-DU Dubai/).check();
    // Two zones: each region's local flight and its UTC instant are spelled out.
    await expect.poll(() => page.locator('#tz-list li').allTextContents()).toEqual([
      'AE-DU Dubai: 2026-11-20 00:00 → 2026-12-31 23:00 Asia/Dubai (GMT+4) = 2026-11-19 20:00 → 2026-12-31 19:00 UTC',
      'SA-01 Riyadh: 2026-11-20 00:00 → 2026-12-31 23:00 Asia/Riyadh (GMT+3) = 2026-11-19 21:00 → 2026-12-31 20:00 UTC',
    ]);
    const sizes = page.getByRole('group', { name: 'Sizes' });
    await sizes.getByLabel('300x250').check();
    await sizes.getByLabel('320x50').check();
    await page.getByLabel('Holdout (%)').fill('10');
    await page.getByLabel('Frequency cap (per shopper per day)').fill('6');
    await page.getByLabel('Fallback headline (English)').fill('Winter edit');
    await page.getByLabel('Fallback link').fill('https://nord.example/winter');
    // The live count follows the selector.
    await expect.poll(() => page.locator('#product-matches p[data-region="AE-DU"]').getAttribute('data-count'), { timeout: 20_000 }).not.toBeNull();
    const all = Number(await page.locator('#product-matches p[data-region="SA-01"]').getAttribute('data-count'));
    expect(all).toBeGreaterThan(0);
    await page.getByLabel('Price up to').fill('1');
    await expect.poll(() => page.locator('#product-matches p[data-region="SA-01"]').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    await page.getByLabel('Price up to').fill('');
    await expect.poll(() => page.locator('#product-matches p[data-region="SA-01"]').getAttribute('data-count'), { timeout: 20_000 }).toBe(String(all));
  });

  it('writes an English variant with a placeholder inserted at the caret, then an Arabic one with a condition', async () => {
    const en = variant(0);
    await en.getByLabel('Variant name').fill('English evening');
    const headline = en.getByRole('group', { name: 'English copy' }).getByLabel('Headline');
    await headline.fill('Evenings in ');
    await headline.press('End');
    await en.getByLabel('Placeholder').selectOption('{title}');
    await en.getByRole('button', { name: 'Insert at cursor' }).click();
    expect(await headline.inputValue()).toBe('Evenings in {title}');
    await en.getByRole('group', { name: 'English copy' }).getByLabel('Button (call to action)').fill('Shop now');

    await page.getByRole('button', { name: 'Add variant' }).click();
    const ar = variant(1);
    expect(await ar.getByLabel('Variant id').inputValue()).toBe('v-2');
    await ar.getByLabel('Variant name').fill('Arabic evening');
    await ar.getByLabel('Template').selectOption('promo');
    await ar.getByRole('group', { name: 'English copy' }).getByLabel('Headline').fill('Evening style');
    await ar.getByRole('group', { name: 'English copy' }).getByLabel('Button (call to action)').fill('Shop');
    const arHeadline = ar.getByRole('group', { name: 'Arabic copy' }).getByLabel('Headline');
    await arHeadline.fill('أمسية بأناقة');
    await ar.getByRole('group', { name: 'Arabic copy' }).getByLabel('Button (call to action)').fill('تسوق الآن');
    expect(await arHeadline.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    // Every control on the page has a label (or is a button that says what it does).
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]),select,textarea,button')]
        .filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent?.trim()))
        .map((e) => e.outerHTML.slice(0, 100)),
    );
    expect(unlabelled).toEqual([]);
    // From the keyboard: Enter on "Add condition" adds a row and puts the focus on its signal.
    await ar.getByRole('button', { name: 'Add condition' }).focus();
    await page.keyboard.press('Enter');
    expect(await ar.getByLabel('Signal').evaluate((e) => e === document.activeElement)).toBe(true);
    await ar.getByLabel('Signal').selectOption('lang');
    await ar.getByLabel('Value').selectOption('ar');
    await shots(page, 'editor-new-en');
  });

  it('redraws the live preview after typing, through the engine, with the Arabic copy right to left in the HTML unit', async () => {
    await page.locator('#pv-variant').selectOption({ label: '2. Arabic evening' });
    const img = cell('300x250', 'ar').locator('img');
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBe(300);
    const before = await img.getAttribute('src');
    await variant(1).getByRole('group', { name: 'Arabic copy' }).getByLabel('Headline').fill('أمسية بأناقة الشتاء');
    await expect.poll(async () => (await cell('300x250', 'ar').locator('img').getAttribute('src')) !== before, { timeout: 30_000 }).toBe(true);
    expect(await cell('320x50', 'ar').getAttribute('data-status')).toBe('ok');
    // The English cells of a lang = ar variant say why they would fall back.
    expect(await cell('300x250', 'en').textContent()).toContain('Not eligible here');
    await page.getByLabel('HTML').check();
    const frame = await cell('300x250', 'ar').locator('iframe').elementHandle();
    const doc = await (await frame!.contentFrame())!.evaluate(() => ({ dir: getComputedStyle(document.body).direction, text: document.body.textContent ?? '' }));
    expect(doc.dir).toBe('rtl');
    // The fitter breaks the headline into lines (one element each): compare the words, not the spaces.
    expect(doc.text.replace(/\s+/g, '')).toContain('أمسيةبأناقةالشتاء');
    await shots(page, 'editor-preview-html');
    await page.getByLabel('PNG').check();
  });

  it('warns when the English headline is too long for 320x50, and stops when it is fixed', async () => {
    await page.locator('#pv-variant').selectOption({ label: '1. English evening' });
    await variant(0).getByRole('group', { name: 'English copy' }).getByLabel('Headline').fill('Evenings in {title}, the warmest coats and the softest knits of the whole winter season');
    await expect.poll(() => page.locator('#pv-warnings li').allTextContents(), { timeout: 30_000 }).toContain('headline shortened at 320x50 (en)');
    expect(await cell('300x250', 'en').getAttribute('data-status')).toBe('ok');
    await shots(page, 'editor-fit-warning');
    // Fixed: a headline that fits, and the warning goes away.
    await variant(0).getByRole('group', { name: 'English copy' }).getByLabel('Headline').fill('Warm evenings');
    await expect.poll(async () => (await page.locator('#pv-warnings li').allTextContents()).filter((w) => w.startsWith('headline shortened')), { timeout: 30_000 }).toEqual([]);
  });

  it('keeps the form across an expired session: sign in again and the draft comes back, then saves', async () => {
    await ctx.clearCookies();
    const mark = consoleErrors.length;
    await page.getByLabel('Name', { exact: true }).fill('Evening edit (kept)');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/studio\/signin\?expired=1/);
    expect(await page.getByRole('alert').textContent()).toContain('Your session ended');
    await signInWithEmail(page, 'maya@example.com');
    await page.waitForURL(`${base}/studio/campaigns/new`);
    // The one console line this step may cause is Chromium's own network log of the 401 it provokes on purpose.
    const provoked = consoleErrors.splice(mark);
    expect(provoked.every((e) => /status of 401/.test(e)), provoked.join('\n')).toBe(true);
    await expect.poll(() => page.locator('#ed-message').textContent()).toBe('Your unsaved changes were restored.');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Evening edit (kept)');
    expect(await variant(1).getByRole('group', { name: 'Arabic copy' }).getByLabel('Headline').inputValue()).toBe('أمسية بأناقة الشتاء');
    expect(await variant(1).getByLabel('Value').inputValue()).toBe('ar');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(`${base}/studio/campaigns/${ID}/edit?saved=1`);
    expect(await page.locator('#ed-saved').textContent()).toBe('Saved as version 1 (draft).');
    const doc = (await (await v.app.request(`${base}/v1/admin/campaigns/${ID}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { document: { name: string; holdoutShare: number; variants: Array<{ conditions: unknown[]; copy: Record<string, { headline: string }> }> } };
    expect(doc.document).toMatchObject({ name: 'Evening edit (kept)', holdoutShare: 0.1 });
    expect(doc.document.variants[1]).toMatchObject({ conditions: [{ signal: 'lang', op: 'eq', value: 'ar' }], copy: { ar: { headline: 'أمسية بأناقة الشتاء' } } });
    await shots(page, 'editor-saved');
  });

  it('works in Arabic: the whole editor right to left', async () => {
    await page.goto(`${base}/studio/lang?to=ar&back=${encodeURIComponent(`/studio/campaigns/${ID}/edit`)}`);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('تعديل الحملة');
    await expect.poll(() => page.locator('#pv-cells figure').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await shots(page, 'editor-ar');
    await page.goto(`${base}/studio/lang?to=en&back=${encodeURIComponent(`/studio/campaigns/${ID}/edit`)}`);
  });

  it('opens the saved version’s tearsheet for two regions and a cart abandoner', async () => {
    await page.getByRole('link', { name: 'Campaign page' }).click();
    await page.waitForURL(`${base}/studio/campaigns/${ID}`);
    await shots(page, 'flow-campaign-draft');
    await page.getByRole('link', { name: 'Tearsheet of version 1' }).click();
    await page.waitForURL(`${base}/studio/campaigns/${ID}/versions/1/tearsheet`);
    const cartItem = await inStockProduct();
    await page.getByRole('group', { name: 'Regions' }).getByLabel(/AE-DU/).check();
    await page.getByRole('group', { name: 'Regions' }).getByLabel(/SA-01/).check();
    await page.getByLabel('Cart abandoner').check();
    await page.getByLabel('Cart item (product id)').fill(cartItem);
    await page.getByRole('button', { name: 'Show tearsheet' }).click();
    await page.waitForURL(/shopper=cart/);
    const headings = await page.locator('section.scenario h2').allTextContents();
    expect(headings.some((h) => h.includes('SA-01') && h.includes('Cart abandoner'))).toBe(true);
    expect(headings.some((h) => h.includes('AE-DU') && h.includes('Cart abandoner'))).toBe(true);
    const imgs = page.locator('section.scenario img');
    await imgs.last().scrollIntoViewIfNeeded();
    await expect.poll(() => imgs.evaluateAll((els) => els.length > 0 && els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0)), { timeout: 30_000 }).toBe(true);
    await shots(page, 'flow-tearsheet');
  });

  it('submits version 1 with a note', async () => {
    await page.goto(`${base}/studio/campaigns/${ID}`);
    await page.getByLabel('Note for the approver').fill('Evening push for Riyadh and Dubai');
    await page.getByRole('button', { name: 'Submit version 1' }).click();
    await page.waitForURL(/done=submitted/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/studio\/signin/);
  });

  it('an approver signs in, reviews and approves; /v1/creative serves the approved creative', async () => {
    await page.goto(`${base}/studio/campaigns/${ID}`);
    await page.waitForURL(/\/studio\/signin/);
    await signInWithEmail(page, 'omar@example.com');
    await page.waitForURL(`${base}/studio/campaigns/${ID}`);
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.waitForURL(`${base}/studio/campaigns/${ID}/review`);
    await shots(page, 'flow-review');
    await page.locator('#rev-comment').fill('Good to go');
    await page.getByRole('button', { name: 'Approve version 1' }).click();
    await page.waitForURL(/done=approved/);
    await shots(page, 'flow-approved');
    // The approved creative serves: English shoppers get the English variant, drawn at 320x50.
    const res = await fetch(`${base}/v1/creative?campaign=${ID}&size=320x50&region=SA-01&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-vitrine-fallback')).toBeNull();
    expect(res.headers.get('x-vitrine-variant')).toBe('v-1');
    const png = new Uint8Array(await res.arrayBuffer());
    expect([new DataView(png.buffer).getUint32(16), new DataView(png.buffer).getUint32(20)]).toEqual([320, 50]);
    // An Arabic shopper may get either variant; its headline is the Arabic copy when it is the Arabic one.
    const ar = (await (await fetch(`${base}/v1/creative?campaign=${ID}&size=300x250&region=SA-01&lang=ar&format=json&seed=5`)).json()) as { decision: { variant: string; fallback: string | null }; slots: { headline: string } };
    expect(ar.decision.fallback).toBeNull();
    if (ar.decision.variant === 'v-2') expect(ar.slots.headline).toBe('أمسية بأناقة الشتاء');
  });

  it('opens the report and sees a chart drawn from recorded impressions and clicks', async () => {
    for (const seed of [21, 22, 23]) {
      const r = await fetch(`${base}/v1/creative?campaign=${ID}&region=AE-DU&size=300x250&format=json&seed=${seed}`);
      const j = (await r.json()) as { urls: { impression: string; click: string } };
      expect((await fetch(j.urls.impression.replace(/^https?:\/\/[^/]+/, base))).status).toBeLessThan(300);
      if (seed === 21) expect((await fetch(j.urls.click.replace(/^https?:\/\/[^/]+/, base), { redirect: 'manual' })).status).toBe(302);
    }
    await v.flush();
    await page.goto(`${base}/studio/campaigns/${ID}/report?days=7`);
    const chart = page.locator('[data-chart="volume"]');
    await expect.poll(() => chart.getAttribute('data-drawn')).toBe('1');
    const inked = await chart.locator('canvas').evaluate((c) => {
      const cv = c as HTMLCanvasElement;
      const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 40 && d[i + 1]! > 100 && d[i + 1]! < 135 && d[i + 2]! > 95 && d[i + 2]! < 125) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(20);
    await shots(page, 'flow-report');
  });

  it('pauses it from the list with the confirmation; /v1/creative falls back', async () => {
    await page.goto(`${base}/studio/campaigns`);
    await page.getByRole('link', { name: 'Pause Evening edit (kept)' }).click();
    await page.waitForURL(new RegExp(`/studio/campaigns/${ID}/pause`));
    await shots(page, 'flow-pause-confirm');
    await page.getByRole('button', { name: 'Yes, pause it' }).click();
    await page.waitForURL(`${base}/studio/campaigns`);
    const r = await fetch(`${base}/v1/creative?campaign=${ID}&size=300x250&region=SA-01`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-vitrine-fallback')).toBe('paused');
  });

  it('logged no console error and fetched nothing from outside the server', () => {
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
