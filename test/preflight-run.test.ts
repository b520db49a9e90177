// Pre-flight through the real renderer (GET /v1/admin/campaigns/:id/preflight) and its enforcement
// at approval: a headline too long for 320x50 is named with its size and language; a light brand
// colour and a variant that can never serve block approval (422 naming them) until a new version
// fixes them; after an approval the campaign's top sizes are in the render cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import type { PreflightIssue } from '../src/services/preflight-run.ts';
import { authoringApp, call, campaignDoc } from './helpers/authoring.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await authoringApp();
  expect((await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-home', name: 'home', channel: 'web' })).status).toBe(201);
  expect((await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-solo', name: 'solo', channel: 'web' })).status).toBe(201);
});
afterAll(() => v.close());

const LONG = 'Our warmest winter collection is finally here for every runner in the city {title}';
type Report = { version: number; findings: PreflightIssue[]; blocking: number; warnings: number; checked: { sizes: string[]; languages: string[]; variants: string[]; layouts: number }; capped: string[] };

async function preflightOf(id: string, version?: number): Promise<Report> {
  const res = await call(v, 'viewer', 'GET', `/v1/admin/campaigns/${id}/preflight${version ? `?version=${version}` : ''}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Report;
}

function doc(over: Record<string, unknown> = {}, hero: Record<string, unknown> = {}): Record<string, unknown> {
  const base = campaignDoc({ sizes: ['320x50', '300x250'], ...over });
  const variants = base.variants as Array<Record<string, unknown>>;
  variants[0] = { ...variants[0], ...hero };
  return base;
}

describe('pre-flight through the renderer', () => {
  it('names a headline too long for 320x50 with its size and language, as a warning with its reason', async () => {
    const copy = { en: { headline: LONG, cta: 'Shop now' }, ar: { headline: 'موسم جديد: {title}', cta: 'تسوق الآن' } };
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-fit', ...doc({}, { copy }) })).status).toBe(201);
    const r = await preflightOf('c-fit');
    expect(r.checked).toMatchObject({ sizes: ['320x50', '300x250'], languages: ['en', 'ar'], variants: ['v-new-hero', 'v-new-deal'] });
    expect(r.checked.layouts).toBe(8);
    const hit = r.findings.find((f) => f.check === 'text_shortened' && f.subject === 'v-new-hero' && f.field === 'headline' && f.size === '320x50' && f.lang === 'en');
    expect(hit, JSON.stringify(r.findings, null, 1)).toBeDefined();
    expect(hit!.severity).toBe('warning');
    expect(hit!.reason).toContain('shortened');
    expect(hit!.detail).toContain('Our warmest winter collection');
    expect(hit!.detail).toContain('…');
    // The short Arabic headline fits the same banner: nothing is reported for it.
    expect(r.findings.some((f) => f.subject === 'v-new-hero' && f.field === 'headline' && f.size === '320x50' && f.lang === 'ar')).toBe(false);
    expect(r.blocking).toBe(0);
  });

  it('a short headline gives no fit finding (the check can tell the difference)', async () => {
    const r = await preflightOf('c-fit');
    expect(r.findings.filter((f) => f.subject === 'v-new-deal' && f.field === 'headline' && f.lang === 'en')).toEqual([]);
  });

  it('flags contrast below WCAG AA and a never-eligible variant as blocking, with reasons', async () => {
    const deal = { id: 'v-x', name: 'Nowhere', template: 'promo', copy: { en: { headline: 'Hi {title}', cta: 'Buy' } }, conditions: [{ signal: 'region', op: 'eq', value: 'FR-75' }] };
    const body = campaignDoc({ brandColor: '#dddddd', sizes: ['300x250'] });
    (body.variants as unknown[]).push(deal);
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-bad', ...body })).status).toBe(201);
    const r = await preflightOf('c-bad');
    const contrast = r.findings.find((f) => f.check === 'contrast');
    expect(contrast).toMatchObject({ severity: 'blocking', subject: 'campaign', field: 'brandColor on white' });
    expect(contrast!.reason).toContain('WCAG AA');
    expect(r.findings.find((f) => f.check === 'never_eligible')).toMatchObject({ severity: 'blocking', subject: 'v-x' });
    expect(r.blocking).toBe(2);
  });

  it('approval is refused (422 naming the findings) while a blocking finding stands, and allowed after a fix', async () => {
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns/c-bad/submit', { version: 1, comment: 'ready' })).status).toBe(200);
    const refused = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-bad/approve', { version: 1, comment: 'ok' });
    expect(refused.status).toBe(422);
    const err = ((await refused.json()) as { error: { field: string; message: string; details: { findings: PreflightIssue[] } } }).error;
    expect(err.field).toBe('preflight');
    expect(err.message).toContain('2 blocking pre-flight finding(s)');
    expect(err.message).toContain('contrast in campaign (brandColor on white)');
    expect(err.message).toContain('never_eligible in v-x');
    expect(err.details.findings.map((f) => f.check).sort()).toEqual(['contrast', 'never_eligible']);
    // Nothing was approved: the version is still in review and nothing serves.
    expect(await (await call(v, 'viewer', 'GET', '/v1/admin/campaigns/c-bad')).json()).toMatchObject({ versionState: 'in_review', servingVersion: null });
    // The fix is a new version: a dark brand colour, the variant's region condition dropped.
    const fixed = campaignDoc({ brandColor: '#1e3a8a', sizes: ['300x250'] });
    (fixed.variants as unknown[]).push({ id: 'v-x', name: 'Riyadh', template: 'promo', copy: { en: { headline: 'Hi {title}', cta: 'Buy' } }, conditions: [{ signal: 'region', op: 'eq', value: 'SA-01' }] });
    expect((await call(v, 'editor', 'PUT', '/v1/admin/campaigns/c-bad', { version: 1, ...fixed })).status).toBe(200);
    expect((await preflightOf('c-bad')).blocking).toBe(0);
    // The old version's report is still there to read.
    expect((await preflightOf('c-bad', 1)).blocking).toBe(2);
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns/c-bad/submit', { version: 2 })).status).toBe(200);
    const ok = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-bad/approve', { version: 2, comment: 'fixed' });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toMatchObject({ servingVersion: 2, versionState: 'approved' });
  });

  it('after approval the campaign’s sizes are pre-rendered in the background: the first request is a cache hit', async () => {
    await v.background.idle();
    const q = 'campaign=c-bad&variant=v-new-hero&size=300x250&region=SA-01&seed=1';
    const html = await v.app.request(`/v1/creative?${q}&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('x-vitrine-cache')).toBe('hit');
    // PNG was not pre-rendered (HTML units are what bids carry inline): the same request in PNG renders now.
    const png = await v.app.request(`/v1/creative?${q}&format=png`);
    expect(png.headers.get('x-vitrine-cache')).toBe('miss');
  });

  it('answers 400 for a bad version, 404 for an unknown campaign, 401 without a credential', async () => {
    expect((await call(v, 'viewer', 'GET', '/v1/admin/campaigns/c-fit/preflight?version=x')).status).toBe(400);
    expect((await call(v, 'viewer', 'GET', '/v1/admin/campaigns/c-fit/preflight?version=9')).status).toBe(404);
    expect((await call(v, 'viewer', 'GET', '/v1/admin/campaigns/nope/preflight')).status).toBe(404);
    expect((await v.app.request('/v1/admin/campaigns/c-fit/preflight')).status).toBe(401);
  });
});
