// The studio's campaign page, review and lifecycle forms through app.request(), signed in as real
// users (editor, approver, viewer): submit with a note, the approver's field-level diff and
// pre-flight, approve/reject with a comment and the history that keeps them, pause/resume behind a
// confirmation, and what each role is offered — and refused by the server anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { authoringApp, call, campaignDoc } from './helpers/authoring.ts';
import { createUser, ORIGIN, PASSWORD } from './helpers/accounts.ts';
import { admin } from './helpers/app.ts';

let v: NodeVitrine;
const cookies = new Map<string, string>();

async function signIn(email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: PASSWORD, next: '/studio/campaigns' });
  const res = await v.app.request(`${ORIGIN}/studio/signin`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } });
  expect(res.status).toBe(303);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const get = (who: string, path: string, headers: Record<string, string> = {}) => v.app.request(`${ORIGIN}${path}`, { headers: { Cookie: cookies.get(who)!, Accept: 'text/html', ...headers } });
const post = (who: string, path: string, form: Record<string, string>) =>
  v.app.request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { Cookie: cookies.get(who)!, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' } });
const text = async (who: string, path: string) => {
  const res = await get(who, path);
  expect(res.status, path).toBe(200);
  return res.text();
};

beforeAll(async () => {
  v = await authoringApp();
  await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-home', name: 'home', channel: 'web' });
  await call(v, 'owner', 'POST', '/v1/admin/placements', { id: 'pl-solo', name: 'solo', channel: 'web' });
  for (const [email, role] of [['eddie@example.com', 'editor'], ['alice@example.com', 'approver'], ['vic@example.com', 'viewer']] as const) {
    await createUser(v.app, email, role, admin);
    cookies.set(role, await signIn(email));
  }
  expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-s', ...campaignDoc({ sizes: ['300x250', '320x50'] }) })).status).toBe(201);
});
afterAll(() => v.close());

describe('campaign page', () => {
  it('shows status, the flight in each region’s time zone, variants, pre-flight and a submit form to an editor', async () => {
    const html = await text('editor', '/studio/campaigns/c-s');
    expect(html).toContain('Winter run');
    expect(html).toContain('class="badge draft"');
    expect(html).toContain('2026-11-20 00:00 → 2026-12-20 00:00 (Asia/Riyadh)');
    expect(html).toContain('(Europe/London)');
    expect(html).toContain('v-new-hero');
    expect(html).toContain('موسم جديد: {title}');
    expect(html).toContain('Pre-flight checks');
    expect(html).toMatch(/Version 1: 0 blocking, \d+ warnings, over 2 variants × 2 sizes × 2 languages/);
    expect(html).toContain('action="/studio/campaigns/c-s/submit"');
    expect(html).toContain('<label for="submit-note">Note for the approver');
    expect(html).toContain('href="/studio/campaigns/c-s/edit"');
    // Not serving: no pause, no report; the version's own tearsheet instead.
    expect(html).not.toContain('/pause?');
    expect(html).toContain('href="/studio/campaigns/c-s/versions/1/tearsheet"');
  });

  it('offers a viewer nothing to change, and the server refuses a viewer’s submit anyway', async () => {
    const html = await text('viewer', '/studio/campaigns/c-s');
    expect(html).not.toContain('/submit"');
    expect(html).not.toContain('/edit"');
    const res = await post('viewer', '/studio/campaigns/c-s/submit', { version: '1', comment: 'sneaky' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('permission &quot;campaign.submit&quot; is required');
  });

  it('submits with a note; the history shows who, when and the note', async () => {
    const res = await post('editor', '/studio/campaigns/c-s/submit', { version: '1', comment: 'Please check the Arabic CTA' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/campaigns/c-s?done=submitted&v=1');
    const html = await text('editor', '/studio/campaigns/c-s?done=submitted&v=1');
    expect(html).toContain('Version 1 was submitted for review.');
    expect(html).toContain('class="badge in_review"');
    expect(html).toMatch(/<span class="by">eddie@example.com<\/span> submitted · <time datetime="2026-11-24T15:00:00.000Z">2026-11-24 15:00 UTC<\/time>: <q dir="auto">Please check the Arabic CTA<\/q>/);
    expect(html).toContain('href="/studio/campaigns/c-s/review"');
    // Submitted: no second submit form.
    expect(html).not.toContain('action="/studio/campaigns/c-s/submit"');
  });

  it('a second submit of the same version shows the server’s refusal on the page', async () => {
    const res = await post('editor', '/studio/campaigns/c-s/submit', { version: '1', comment: 'again' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<p class="alert" role="alert">campaign c-s: cannot submit version 1: it is in_review/);
  });

  it('a note over 2,000 characters comes back next to the field with what was typed', async () => {
    expect((await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-long', ...campaignDoc({ variants: [{ id: 'v-long', name: 'L', template: 'hero', copy: { en: { headline: 'Hi {title}', cta: 'Go' } } }] }) })).status).toBe(201);
    const res = await post('editor', '/studio/campaigns/c-long/submit', { version: '1', comment: 'x'.repeat(2001) });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<span class="field-error" id="submit-note-error">');
    expect(html).toMatch(/comment: [^<]*2000/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('x'.repeat(2001));
  });
});

describe('review', () => {
  it('a viewer may read the review but is offered no decision', async () => {
    const html = await text('viewer', '/studio/campaigns/c-s/review');
    expect(html).toContain('First version: nothing approved to compare with');
    expect(html).toContain('Your role may review but not approve or reject.');
    expect(html).not.toContain('/approve"');
    expect((await post('viewer', '/studio/campaigns/c-s/approve', { version: '1' })).status).toBe(403);
  });

  it('the approver sees the note, the version drawn, the pre-flight, and approves with a comment', async () => {
    const html = await text('approver', '/studio/campaigns/c-s/review');
    expect(html).toContain('Submitted by eddie@example.com at 2026-11-24 15:00 UTC');
    expect(html).toContain('Please check the Arabic CTA');
    expect(html).toContain('src="/studio/campaigns/c-s/versions/1/creative/v-new-hero/ar/300x250.png"');
    expect(html).toContain('Pre-flight checks');
    expect(html).toContain('<label for="rev-comment">Comment');
    const img = await get('approver', '/studio/campaigns/c-s/versions/1/creative/v-new-hero/ar/300x250.png');
    expect(img.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await img.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const ok = await post('approver', '/studio/campaigns/c-s/approve', { version: '1', comment: 'Arabic reads well' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/studio/campaigns/c-s?done=approved&v=1');
    const page = await text('approver', '/studio/campaigns/c-s');
    expect(page).toContain('class="badge live"');
    expect(page).toMatch(/alice@example.com<\/span> approved · .*<q dir="auto">Arabic reads well<\/q>/);
    expect(page).toContain('Serving version 1');
    // The approval went through the same service as the API: it is in the audit trail.
    const audit = (await (await call(v, 'owner', 'GET', '/v1/admin/audit?entity=campaign&entity_id=c-s')).json()) as { entries: Array<{ action: string; note?: string }> };
    expect(audit.entries.map((e) => [e.action, e.note])).toEqual(expect.arrayContaining([['campaign.submit', 'Please check the Arabic CTA'], ['campaign.approve', 'Arabic reads well']]));
  });

  it('shows a field-level diff from the previous approved version: campaign fields, copy per language, variants added and removed', async () => {
    const next = campaignDoc({ sizes: ['300x250', '320x50'], bidCpm: 4 });
    const variants = next.variants as Array<Record<string, unknown>>;
    variants[0] = { ...variants[0], copy: { en: { headline: 'Fresh kicks: {title}', cta: 'Shop now' }, ar: { headline: 'موسم جديد: {title}', cta: 'تسوق الآن' } } };
    variants[1] = { id: 'v-new-rain', name: 'Rain', template: 'hero', copy: { en: { headline: 'Rainy day? {title}', cta: 'Shop' } }, conditions: [{ signal: 'weather', op: 'eq', value: 'rain' }] };
    expect((await call(v, 'editor', 'PUT', '/v1/admin/campaigns/c-s', { version: 1, ...next })).status).toBe(200);
    expect((await post('editor', '/studio/campaigns/c-s/submit', { version: '2', comment: 'Rain variant' })).status).toBe(303);
    const html = await text('approver', '/studio/campaigns/c-s/review');
    expect(html).toContain('Changes from version 1 (approved)');
    expect(html).toMatch(/<tr data-field="bidCpm"><th scope="row" class="ltr">bidCpm<\/th><td class="before"><span dir="auto">3<\/span><\/td><td class="after"><span dir="auto">4<\/span>/);
    expect(html).toMatch(/data-field="copy.en.headline">.*New season: \{title\}.*Fresh kicks: \{title\}/);
    expect(html).not.toContain('data-field="copy.ar.headline"');
    expect(html).toContain('data-variant="v-new-rain" data-change="added"');
    expect(html).toContain('data-variant="v-new-deal" data-change="removed"');
    expect(html).not.toContain('data-field="regions"');
  });

  it('a rejection without a comment shows the error next to the comment; with one it is kept in the history', async () => {
    const bare = await post('approver', '/studio/campaigns/c-s/reject', { version: '2', comment: '' });
    expect(bare.status).toBe(200);
    const page = await bare.text();
    expect(page).toContain('id="rev-comment-error"');
    expect(page).toContain('a rejection says why');
    const res = await post('approver', '/studio/campaigns/c-s/reject', { version: '2', comment: 'Rain copy needs Arabic' });
    expect(res.status).toBe(303);
    const html = await text('editor', '/studio/campaigns/c-s');
    expect(html).toMatch(/alice@example.com<\/span> rejected · .*Rain copy needs Arabic/);
    expect(html).toContain('Serving version 1');
  });

  it('an approval refused by the pre-flight shows the blocking findings on the review page', async () => {
    const pale = campaignDoc({ brandColor: '#e5e7eb', sizes: ['300x250'] });
    // Variant ids are global: c-s serves v-new-*.
    pale.variants = (pale.variants as Array<{ id: string }>).map((x) => ({ ...x, id: x.id.replace('v-new', 'v-pale') }));
    const made = await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-pale', ...pale });
    expect(made.status, await made.clone().text()).toBe(201);
    expect((await post('editor', '/studio/campaigns/c-pale/submit', { version: '1' })).status).toBe(303);
    const review = await text('approver', '/studio/campaigns/c-pale/review');
    expect(review).toContain('data-check="contrast" data-severity="blocking"');
    expect(review).toContain('Approval is refused while a blocking finding stands.');
    const res = await post('approver', '/studio/campaigns/c-pale/approve', { version: '1', comment: 'fine' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('cannot be approved while 1 blocking pre-flight finding(s) stand');
    expect(html).toContain('contrast in campaign (brandColor on white)');
  });
});

describe('pause and resume', () => {
  it('the list offers pause only to a role that may operate', async () => {
    const forApprover = await text('approver', '/studio/campaigns');
    expect(forApprover).toContain('href="/studio/campaigns/c-s/pause?back=%2Fstudio%2Fcampaigns"');
    expect(forApprover).toContain('aria-label="Pause Winter run"');
    // A campaign that serves nothing yet is listed with its state, and offers no pause.
    expect(forApprover).toMatch(/href="\/studio\/campaigns\/c-pale">Winter run<\/a>.*?<\/th>\s*<td><span class="badge in_review">In review<\/span>/s);
    expect(forApprover).not.toContain('/studio/campaigns/c-pale/pause');
    const inReview = await text('approver', '/studio/campaigns?status=in_review');
    expect(inReview).toContain('/studio/campaigns/c-pale"');
    expect(inReview).not.toContain('/studio/campaigns/c-s"');
    const forEditor = await text('editor', '/studio/campaigns');
    expect(forEditor).not.toContain('/pause?');
    expect((await get('editor', '/studio/campaigns/c-s/pause')).status).toBe(403);
    expect((await post('editor', '/studio/campaigns/c-s/pause', { back: '/studio/campaigns' })).status).toBe(403);
  });

  it('confirms what stops, pauses, and tags fall back; resume after its own confirmation', async () => {
    const confirm = await text('approver', '/studio/campaigns/c-s/pause?back=%2Fstudio%2Fcampaigns');
    expect(confirm).toContain('Pause Winter run?');
    expect(confirm).toContain('OpenRTB bids stop');
    expect(confirm).toContain('fallback creative');
    expect(confirm).toContain('<a class="button secondary-link" href="/studio/campaigns">Cancel</a>');
    const res = await post('approver', '/studio/campaigns/c-s/pause', { back: '/studio/campaigns', comment: 'stock issue' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/campaigns');
    const creative = await v.app.request('/v1/creative?campaign=c-s&size=300x250&region=SA-01');
    expect(creative.headers.get('x-vitrine-fallback')).toBe('paused');
    const list = await text('approver', '/studio/campaigns');
    expect(list).toContain('href="/studio/campaigns/c-s/resume?back=%2Fstudio%2Fcampaigns"');
    const resume = await text('approver', '/studio/campaigns/c-s/resume');
    expect(resume).toContain('OpenRTB bids start again');
    expect(resume).toContain('approved version 1 again');
    const back = await post('approver', '/studio/campaigns/c-s/resume', { back: '/studio/campaigns/c-s' });
    expect(back.headers.get('location')).toBe('/studio/campaigns/c-s?done=resumed');
    expect(await text('approver', '/studio/campaigns/c-s?done=resumed')).toContain('<p class="notice" role="status">The campaign is serving again.</p>');
    // A crafted notice link shows no made-up text.
    expect(await text('approver', '/studio/campaigns/c-s?done=submitted&v=%3Cb%3Ehi')).not.toContain('was submitted');
    expect((await v.app.request('/v1/creative?campaign=c-s&size=300x250&region=SA-01')).headers.get('x-vitrine-fallback')).toBeNull();
  });

  it('a back link outside the studio is not followed', async () => {
    const res = await post('approver', '/studio/campaigns/c-s/pause', { back: 'https://evil.example/' });
    expect(res.headers.get('location')).toBe('/studio/campaigns');
    await post('approver', '/studio/campaigns/c-s/resume', { back: '/studio/campaigns' });
  });
});

describe('version tearsheet and Arabic', () => {
  it('draws the tearsheet of a version that does not serve, from that version', async () => {
    const html = await text('approver', '/studio/campaigns/c-pale/versions/1/tearsheet?region=SA-01&size=300x250');
    expect(html).toContain('Version 1 (In review)');
    const src = /src="(\/studio\/campaigns\/c-pale\/versions\/1\/ts\/[^"]+\.png)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const img = await get('approver', src!.replace(/&amp;/g, '&'));
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    // A cell token of one version does not open another's.
    expect((await get('approver', src!.replace('/versions/1/', '/versions/2/'))).status).toBe(404);
  });

  it('the campaign and review pages are in Arabic, right to left', async () => {
    const html = await text('approver', '/studio/campaigns/c-s?lang=ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('فحوص ما قبل الإطلاق');
    expect(html).toContain('سجل النسخ والتعليقات');
    const confirm = await text('approver', '/studio/campaigns/c-s/pause?lang=ar');
    expect(confirm).toContain('تتوقف عروض OpenRTB');
  });
});
