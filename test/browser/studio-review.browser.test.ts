// Review and approval in a real browser (Debian chromium through playwright-core): a campaign is
// seeded and approved once through the API, edited into version 2; in the browser an editor submits
// it with a note, an approver sees the field-level diff and the pre-flight (a headline too long for
// 320x50), approves with a comment and sees the history, pauses it from the campaign list after a
// confirmation (keyboard only), sees /v1/creative fall back, and resumes it. Screenshots at 1280 and
// 390 px go to test/artifacts/; no page may log a console error.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../../src/runtime/node/build.ts';
import { launchChromium, shots, watch } from '../helpers/browser.ts';
import { admin, demoApp } from '../helpers/app.ts';
import { NOW } from '../helpers/fixture.ts';
import { createUser, PASSWORD } from '../helpers/accounts.ts';

const LONG = 'Our warmest winter collection is finally here for every runner {title}';

let v: NodeVitrine;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const api = (path: string, method: string, body: unknown, headers: Record<string, string> = admin) => fetch(`${base}${path}`, { method, headers: { ...headers, Origin: base }, body: JSON.stringify(body) });

function doc(headline: string): Record<string, unknown> {
  return {
    name: 'Review run',
    advertiser: 'Stride',
    adomain: 'stride.example',
    startsLocal: '2026-11-20T00:00',
    endsLocal: '2026-12-20T00:00',
    regions: ['SA-01', 'AE-DU'],
    sizes: ['300x250', '320x50'],
    selector: { categories: ['Shoes'] },
    fallback: { headline: { en: 'Run with Stride', ar: 'اركض مع سترايد' }, link: 'https://shop.example.com/' },
    bidCpm: 3,
    holdoutShare: 0,
    variants: [{ id: 'v-rr-hero', name: 'Hero', template: 'hero', copy: { en: { headline, cta: 'Shop now' }, ar: { headline: 'موسم جديد: {title}', cta: 'تسوق الآن' } } }],
  };
}

async function signIn(email: string): Promise<void> {
  await page.goto(`${base}/studio/signin?next=%2Fstudio%2Fcampaigns%2Fc-rr`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.waitForURL(`${base}/studio/campaigns/c-rr`);
}

beforeAll(async () => {
  v = await demoApp(NOW);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createUser(v.app, 'eddie@example.com', 'editor', admin);
  await createUser(v.app, 'alice@example.com', 'approver', admin);
  // Version 1 goes in and is approved through the API (the approver signed in as a script would).
  expect((await api('/v1/admin/campaigns', 'POST', { id: 'c-rr', ...doc('New season: {title}') })).status).toBe(201);
  expect((await api('/v1/admin/campaigns/c-rr/submit', 'POST', { version: 1 })).status).toBe(200);
  const auth = await fetch(`${base}/v1/auth/sign-in/email`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base }, body: JSON.stringify({ email: 'alice@example.com', password: PASSWORD }) });
  const cookie = (auth.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ok = await api('/v1/admin/campaigns/c-rr/approve', 'POST', { version: 1, comment: 'first flight' }, { Cookie: cookie, 'Content-Type': 'application/json' });
  expect(ok.status, await ok.clone().text()).toBe(200);
  // Version 2: a headline too long for the mobile banner, and a higher bid.
  expect((await api('/v1/admin/campaigns/c-rr', 'PUT', { version: 1, ...doc(LONG), bidCpm: 4 })).status).toBe(200);
  browser = await launchChromium();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = watch(await ctx.newPage(), consoleErrors);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await v?.close();
});

describe('review and approval in chromium', { timeout: 120_000 }, () => {
  it('an editor submits version 2 with a note', async () => {
    await signIn('eddie@example.com');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Review run');
    // The pre-flight warns before submit: the headline is shortened at 320x50 in English.
    const warn = page.locator('tr[data-check="text_shortened"]', { hasText: '320x50' }).filter({ hasText: 'headline' });
    expect(await warn.count()).toBeGreaterThan(0);
    await shots(page, 'review-campaign-draft-en');
    await page.getByLabel('Note for the approver').fill('Longer headline for the winter push');
    await page.getByRole('button', { name: 'Submit version 2' }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.getByRole('status').first().textContent()).toContain('Version 2 was submitted for review.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/studio\/signin/);
  });

  it('an approver sees the diff and the pre-flight, approves with a comment, and sees the history', async () => {
    await signIn('alice@example.com');
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.waitForURL(`${base}/studio/campaigns/c-rr/review`);
    expect(await page.getByRole('heading', { name: 'Changes from version 1 (approved)' }).count()).toBe(1);
    const headline = page.locator('section.diff-section tr[data-field="copy.en.headline"]');
    expect(await headline.locator('td.before').textContent()).toBe('New season: {title}');
    expect(await headline.locator('td.after').textContent()).toBe(LONG);
    expect(await page.locator('tr[data-field="bidCpm"] td.after').textContent()).toBe('4');
    expect(await page.locator('tr[data-check="text_shortened"][data-severity="warning"]', { hasText: '320x50' }).count()).toBeGreaterThan(0);
    expect(await page.locator('blockquote').textContent()).toBe('Longer headline for the winter push');
    const imgs = page.locator('figure.cell img');
    await expect.poll(() => imgs.evaluateAll((els) => els.length > 0 && els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0)), { timeout: 30_000 }).toBe(true);
    await shots(page, 'review-en');
    await page.getByLabel('Comment', { exact: true }).fill('Approved for the winter push');
    await page.getByRole('button', { name: 'Approve version 2' }).click();
    await page.waitForURL(/done=approved/);
    expect(await page.locator('h1 .badge').textContent()).toBe('Live');
    const history = page.locator('ol.history');
    expect(await history.locator('li[data-version="2"] li[data-action="approve"]').textContent()).toContain('Approved for the winter push');
    expect(await history.locator('li[data-version="2"] li[data-action="submit"]').textContent()).toContain('eddie@example.com');
    expect(await history.locator('li[data-version="1"] li[data-action="approve"]').textContent()).toContain('first flight');
    await shots(page, 'review-campaign-live-en');
  });

  it('pauses from the list after a keyboard confirmation; /v1/creative falls back; resumes', async () => {
    await page.goto(`${base}/studio/campaigns`);
    await page.getByRole('link', { name: 'Pause Review run' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/studio\/campaigns\/c-rr\/pause/);
    expect(await page.locator('#op-what').textContent()).toContain('OpenRTB bids stop');
    await shots(page, 'pause-confirm-en');
    // The confirm button has the focus: Enter confirms.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, pause it');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/studio/campaigns`);
    const r = await fetch(`${base}/v1/creative?campaign=c-rr&size=300x250&region=SA-01`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-vitrine-fallback')).toBe('paused');
    await page.getByRole('link', { name: 'Resume Review run' }).click();
    await page.getByRole('button', { name: 'Yes, resume it' }).click();
    await page.waitForURL(`${base}/studio/campaigns`);
    const again = await fetch(`${base}/v1/creative?campaign=c-rr&size=300x250&region=SA-01&format=json&seed=1`);
    expect(((await again.json()) as { decision: { campaign: string; fallback: string | null } }).decision).toMatchObject({ campaign: 'c-rr', fallback: null });
  });

  it('the review pages read right to left in Arabic', async () => {
    await page.goto(`${base}/studio/campaigns/c-rr?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await shots(page, 'review-campaign-ar');
    await page.goto(`${base}/studio/campaigns/c-rr/pause?lang=ar`);
    await shots(page, 'pause-confirm-ar');
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
