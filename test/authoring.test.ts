// The authoring API through app.request(): an editor's campaign goes draft → review → approved and
// only then serves; edits leave the approved version serving; no self-approval; a viewer cannot
// write; pausing makes OpenRTB no-bid and /v1/creative fall back; every step is audited.
import { draftFor, renderKey } from '../src/services/creative.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { as, authoringApp, call, campaignDoc } from './helpers/authoring.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await authoringApp();
  for (const id of ['pl-home', 'pl-solo']) expect((await call(v, 'owner', 'POST', '/v1/admin/placements', { id, name: id, channel: 'web', campaignOrder: ['c-new'] })).status).toBe(201);
});
afterAll(() => v.close());

const bid = (tagid: string) => ({ id: 'r1', imp: [{ id: '1', tagid, banner: { format: [{ w: 300, h: 250 }] } }], site: { domain: 'news.example' }, device: { devicetype: 2, geo: { country: 'SAU', region: '01' } } });
const auction = (tagid: string) => v.app.request('/openrtb2/auction', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(bid(tagid)) });
/** The campaign that bid, or null for a no-bid (204). */
const bidder = async (tagid: string) => {
  const res = await auction(tagid);
  if (res.status === 204) return null;
  return ((await res.json()) as { seatbid: Array<{ bid: Array<{ cid: string }> }> }).seatbid[0]!.bid[0]!.cid;
};
const decision = async (q: string) => {
  const res = await v.app.request(`/v1/creative?${q}&format=json&size=300x250&seed=3`);
  return { res, body: res.status === 200 ? ((await res.json()) as { decision: { campaign: string | null; variant: string | null; fallback: string | null }; slots: { headline: string } }) : null };
};

describe('campaign lifecycle', () => {
  it('an editor creates a campaign in English and Arabic; it does not serve while draft or in review', async () => {
    const res = await call(v, 'editor', 'POST', '/v1/admin/campaigns', { id: 'c-new', ...campaignDoc() });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'c-new', status: 'draft', version: 1, versionState: 'draft', servingVersion: null });
    expect((await decision('campaign=c-new&region=SA-01')).res.status).toBe(404);
    // pl-solo is booked by nothing that serves yet: the exchange's request goes to the other campaigns.
    expect(await bidder('pl-solo')).not.toBe('c-new');
    const submitted = await call(v, 'editor', 'POST', '/v1/admin/campaigns/c-new/submit', { version: 1 });
    expect(await submitted.json()).toMatchObject({ status: 'in_review', versionState: 'in_review' });
    expect((await decision('campaign=c-new&region=SA-01')).res.status).toBe(404);
    expect((await decision('placement=pl-home&region=SA-01')).body!.decision.campaign).toBe('c-run');
    expect(await bidder('pl-solo')).not.toBe('c-new');
  });

  it('the editor cannot approve their own version; an approver can, and the next decision picks it', async () => {
    const own = await call(v, 'editor', 'POST', '/v1/admin/campaigns/c-new/approve', { version: 1 });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { message: string } }).error.message).toContain('permission "campaign.approve" is required');
    const ok = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/approve', { version: 1, comment: 'looks right' });
    expect(await ok.json()).toMatchObject({ status: 'live', servingVersion: 1, versionState: 'approved' });
    // Approval pre-renders the campaign's most-served units in the background (before any request
    // for it renders anything): the first one prerenderCampaign draws — first variant, first region,
    // 300x250 HTML, seed 1 at the fixed clock — lands in the render cache.
    const rd = await decideRequest(v.serve, { campaign: 'c-new', variant: 'v-new-hero', size: '300x250', region: 'SA-01', format: 'html', seed: '1' });
    const key = await renderKey(v.serve, draftFor(rd), 'html');
    await expect.poll(async () => (await v.serve.renderCache.get(key)) !== undefined, { timeout: 20_000 }).toBe(true);
    // No TTL has passed (the clock is fixed): only the write's version bump makes this visible.
    const ar = await decision('campaign=c-new&region=SA-01&lang=ar');
    expect(ar.body!.decision.campaign).toBe('c-new');
    expect(ar.body!.slots.headline).toMatch(/^موسم جديد: /);
    const en = await decision('campaign=c-new&region=GB-LND&lang=en');
    expect(en.body!.slots.headline).toMatch(/^New season: /);
    expect(await bidder('pl-solo')).toBe('c-new');
  });

  it('editing leaves the approved version serving until the new draft is approved; a stale edit is 409', async () => {
    const edited = campaignDoc();
    (edited.variants as Array<{ copy: { en: { headline: string } } }>)[0]!.copy.en.headline = 'Fresh kicks: {title}';
    const put = await call(v, 'editor', 'PUT', '/v1/admin/campaigns/c-new', { version: 1, ...edited });
    expect(await put.json()).toMatchObject({ status: 'live', version: 2, versionState: 'draft', servingVersion: 1 });
    expect((await decision('campaign=c-new&region=GB-LND&lang=en')).body!.slots.headline).toMatch(/^New season: /);
    const stale = await call(v, 'editor2', 'PUT', '/v1/admin/campaigns/c-new', { version: 1, ...edited });
    expect(stale.status).toBe(409);
    const err = ((await stale.json()) as { error: { message: string; details: { current: number; changedBy: string } } }).error;
    expect(err.details).toMatchObject({ current: 2, changedBy: 'ed@example.com' });
    expect(err.message).toContain('ed@example.com');
    // Preview the draft through the real engine, without serving it.
    const preview = await v.app.request('/v1/preview?campaign=c-new&version=2&region=GB-LND&lang=en&seed=3', { headers: as('viewer') });
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { state: string; slots: { headline: string } }).slots.headline).toMatch(/^Fresh kicks: /);
    expect((await v.app.request('/v1/preview?campaign=c-new&version=2')).status).toBe(401);
    const png = await v.app.request('/v1/preview?campaign=c-new&version=2&region=GB-LND&format=png', { headers: as('viewer') });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await decision('campaign=c-new&region=GB-LND&lang=en')).body!.slots.headline).toMatch(/^New season: /);
    await call(v, 'editor', 'POST', '/v1/admin/campaigns/c-new/submit', { version: 2 });
    expect((await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/approve', { version: 2 })).status).toBe(200);
    expect((await decision('campaign=c-new&region=GB-LND&lang=en')).body!.slots.headline).toMatch(/^Fresh kicks: /);
    const versions = (await (await call(v, 'viewer', 'GET', '/v1/admin/campaigns/c-new/versions')).json()) as { versions: Array<{ version: number; state: string; createdBy: { label: string }; summary: string[]; hash: string }> };
    expect(versions.versions.map((x) => [x.version, x.state, x.createdBy.label])).toEqual([
      [1, 'superseded', 'ed@example.com'],
      [2, 'approved', 'ed@example.com'],
    ]);
    expect(versions.versions[1]!.summary).toEqual(['changed variant v-new-hero (copy)']);
    expect(versions.versions[0]!.hash).not.toBe(versions.versions[1]!.hash);
  });

  it('an approver cannot approve a version they made; a rejection needs a comment; an approval is bound to the version it names', async () => {
    expect((await call(v, 'approver', 'PUT', '/v1/admin/campaigns/c-new', { version: 2, ...campaignDoc({ bidCpm: 4 }) })).status).toBe(200);
    await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/submit', { version: 3 });
    const own = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/approve', { version: 3 });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { message: string } }).error.message).toContain('ap@example.com made version 3 and cannot approve it');
    const bare = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/reject', { version: 3 });
    expect(bare.status).toBe(400);
    // Someone edits after submission: approving the version seen in review is refused.
    await call(v, 'editor2', 'PUT', '/v1/admin/campaigns/c-new', { version: 3, ...campaignDoc({ bidCpm: 40 }) });
    expect((await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/approve', { version: 3 })).status).toBe(409);
    await call(v, 'editor2', 'POST', '/v1/admin/campaigns/c-new/submit', { version: 4 });
    const rejected = await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/reject', { version: 4, comment: 'CPM too high' });
    expect(await rejected.json()).toMatchObject({ status: 'live', servingVersion: 2, versionState: 'rejected' });
  });

  it('pausing makes OpenRTB no-bid and /v1/creative answer the next campaign or the fallback', async () => {
    expect((await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/pause', {})).status).toBe(200);
    expect((await auction('pl-solo')).status).toBe(204);
    const png = await v.app.request('/v1/creative?campaign=c-new&size=300x250&region=SA-01');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-vitrine-fallback')).toBe('paused');
    expect((await v.app.request('/v1/creative?placement=pl-solo&size=300x250&region=SA-01')).headers.get('x-vitrine-fallback')).toBe('paused');
    expect((await decision('placement=pl-home&region=SA-01')).body!.decision.campaign).toBe('c-run');
    expect(await (await call(v, 'approver', 'POST', '/v1/admin/campaigns/c-new/resume')).json()).toMatchObject({ status: 'live' });
    expect(await bidder('pl-solo')).toBe('c-new');
  });

  it('a viewer gets 403 on every write, naming the permission', async () => {
    const kit = { id: 'bk', name: 'K', colors: { primary: '#000000', secondary: '#111111', text: '#222222', background: '#ffffff' }, cta: { shape: 'pill', background: '#000000', text: '#ffffff' } };
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/v1/admin/campaigns', { id: 'c-x', ...campaignDoc() }],
      ['PUT', '/v1/admin/campaigns/c-new', { version: 4, ...campaignDoc() }],
      ...(['submit', 'approve', 'reject', 'pause', 'resume', 'archive'].map((a) => ['POST', `/v1/admin/campaigns/c-new/${a}`, { version: 4 }]) as Array<[string, string, unknown]>),
      ['POST', '/v1/admin/placements', { id: 'pl-x', name: 'x', channel: 'web' }],
      ['PUT', '/v1/admin/placements/pl-home', { revision: 1, name: 'x', channel: 'web' }],
      ['DELETE', '/v1/admin/placements/pl-home?revision=1', undefined],
      ['POST', '/v1/admin/brand-kits', kit],
      ['PUT', '/v1/admin/brand-kits/bk', { revision: 1, ...kit, id: undefined }],
      ['PUT', '/v1/admin/brand-kits/bk/logo?revision=1', 'x'],
      ['PUT', '/v1/admin/brand-kits/bk/fonts/latin?revision=1', 'x'],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(v, 'viewer', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/permission "[a-z.]+" is required/);
    }
    expect((await call(v, 'viewer', 'GET', '/v1/admin/campaigns/c-new')).status).toBe(200);
  });

  it('the audit trail holds every step with who, before and after', async () => {
    const log = await v.audit.list({ entity: 'campaign', entityId: 'c-new', limit: 100 });
    const steps = log.map((e) => `${e.action} by ${e.actor.label}`).reverse();
    expect(steps).toEqual([
      'campaign.create by ed@example.com',
      'campaign.submit by ed@example.com',
      'campaign.approve by ap@example.com',
      'campaign.update by ed@example.com',
      'campaign.submit by ed@example.com',
      'campaign.approve by ap@example.com',
      'campaign.update by ap@example.com',
      'campaign.submit by ap@example.com',
      'campaign.update by ed2@example.com',
      'campaign.submit by ed2@example.com',
      'campaign.reject by ap@example.com',
      'campaign.pause by ap@example.com',
      'campaign.resume by ap@example.com',
    ]);
    for (const e of log) expect(e.after, e.action).not.toBeNull();
    for (const e of log.filter((x) => x.action !== 'campaign.create')) expect(e.before, e.action).not.toBeNull();
    const update = log.find((e) => e.action === 'campaign.update')!;
    expect(update.before).toMatchObject({ version: 3 });
    expect(update.after).toMatchObject({ version: 4, document: { bidCpm: 40 } });
    expect(log.find((e) => e.action === 'campaign.reject')!.note).toBe('CPM too high');
  });
});
