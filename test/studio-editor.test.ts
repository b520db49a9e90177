// The studio's campaign editor through app.request(): roles (what a viewer may not do is neither
// offered nor allowed), the form → document → the authoring services (field errors named by the
// input that shows them, 409 naming who and when on a stale edit, 401 on an expired session), the
// live preview of an unsaved draft (real engine and renderer, every size × language, fit warnings,
// bounded, nothing written) and the live count of matching products.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { campaignDocSchema } from '../src/services/authoring/schemas.ts';
import { PREVIEW_MAX_CELLS, previewDraft } from '../src/services/draft-preview.ts';
import { docFromForm } from '../src/studio/editor-form.ts';
import { createUser, signIn } from './helpers/accounts.ts';
import { demoApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

const ORIGIN = 'http://localhost';
let v: NodeVitrine;
const as: Record<'editor' | 'viewer' | 'editor2', string> = { editor: '', viewer: '', editor2: '' };

type Form = Array<[string, string]>;

function req(path: string, cookie: string, init: { form?: Form; json?: boolean; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Cookie: cookie, ...(init.json ? { Accept: 'application/json' } : { Accept: 'text/html' }), ...init.headers };
  if (!init.form) return v.app.request(`${ORIGIN}${path}`, { headers });
  return v.app.request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(init.form), headers: { ...headers, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/** A complete editor form: English and Arabic copy, two regions in two time zones, all the campaign fields. */
function campaignForm(id: string, over: Record<string, string> = {}): Form {
  const f: Record<string, string | string[]> = {
    id,
    name: 'Evening edit',
    advertiser: 'Nord & Co',
    adomain: 'nord.example',
    brandKitId: '',
    brandColor: '#0f766e',
    startsLocal: '2026-11-20T00:00',
    endsLocal: '2026-12-31T23:00',
    regions: ['SA-01', 'AE-DU'],
    sizes: ['300x250', '320x50'],
    channels: ['web', 'app'],
    deals: '',
    bidCpm: '2.5',
    iabCategories: 'IAB18',
    frequencyCap: '6',
    optimization: 'thompson',
    holdoutShare: '10',
    lowStockThreshold: '5',
    'selector.categories': '',
    'fallback.headline.en': 'Winter edit',
    'fallback.headline.ar': 'تشكيلة الشتاء',
    'fallback.link': 'https://nord.example/winter',
    'variants.0.id': `${id}-en`,
    'variants.0.name': 'English evening',
    'variants.0.template': 'hero',
    'variants.0.copy.en.headline': 'An evening in {title}',
    'variants.0.copy.en.cta': 'Shop now',
    'variants.0.productSource': 'catalog',
    'variants.0.prior': '0.01',
    'variants.1.id': `${id}-ar`,
    'variants.1.name': 'Arabic evening',
    'variants.1.template': 'promo',
    'variants.1.copy.en.headline': 'Evening style',
    'variants.1.copy.en.cta': 'Shop',
    'variants.1.copy.ar.headline': 'أمسية بأناقة',
    'variants.1.copy.ar.cta': 'تسوق الآن',
    'variants.1.conditions.0.signal': 'lang',
    'variants.1.conditions.0.op': 'eq',
    'variants.1.conditions.0.value': 'ar',
    'variants.1.conditions.1.signal': 'weather',
    'variants.1.conditions.1.op': 'in',
    'variants.1.productSource': 'catalog',
    defaultVariantId: `${id}-en`,
    ...over,
  };
  const out: Form = [];
  for (const [k, val] of Object.entries(f)) for (const x of Array.isArray(val) ? val : [val]) out.push([k, x]);
  out.push(['variants.1.conditions.1.value', 'clear'], ['variants.1.conditions.1.value', 'cold']);
  return out;
}

const jsonOf = async <T>(res: Response) => (await res.json()) as T;
type SaveError = { error: { code: string; message: string; fields: Array<{ field: string; input: string | null; reason: string }>; stale?: { changedBy: string; changedAt: string; current: number } } };
type Preview = { cells: Array<{ size: string; lang: string; status: string; png: string; html: string; warnings: Array<{ field: string; size: string; lang: string; kind: string }>; reason: string | null }>; capped: number; problems: Array<{ input: string; reason: string }>; simulated: string[] };

function pngSize(dataUri: string): { w: number; h: number } {
  const b = Buffer.from(dataUri.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

beforeAll(async () => {
  v = await demoApp(NOW);
  await createUser(v.app, 'ed@example.com', 'editor');
  await createUser(v.app, 'ed2@example.com', 'editor');
  await createUser(v.app, 'vi@example.com', 'viewer');
  as.editor = await signIn(v.app, 'ed@example.com');
  as.editor2 = await signIn(v.app, 'ed2@example.com');
  as.viewer = await signIn(v.app, 'vi@example.com');
}, 60_000);
afterAll(async () => v.close());

describe('roles', () => {
  it('offers a viewer no way to create or edit, and refuses every editor route anyway', async () => {
    const list = await (await req('/studio/campaigns', as.viewer)).text();
    expect(list).not.toContain('href="/studio/campaigns/new"');
    expect(await (await req('/studio/campaigns', as.editor)).text()).toContain('href="/studio/campaigns/new"');
    for (const path of ['/studio/campaigns/new', '/studio/campaigns/c-winter-style/edit']) expect((await req(path, as.viewer)).status).toBe(403);
    for (const path of ['/studio/campaigns/new', '/studio/campaigns/c-winter-style/edit', '/studio/editor/preview', '/studio/editor/products']) {
      const res = await req(path, as.viewer, { form: campaignForm('c-viewer'), json: true });
      expect(res.status, path).toBe(403);
      expect((await jsonOf<{ error: { details: { missing: string } } }>(res)).error.details.missing).toBe('campaign.edit');
    }
    expect((await v.app.request(`${ORIGIN}/v1/admin/campaigns/c-viewer`, { headers: { Cookie: as.editor } })).status).toBe(404);
  });

  it('an expired session answers 401 to the editor script (which keeps the draft) and sends a page visit to sign-in', async () => {
    const res = await req('/studio/campaigns/new', '', { form: campaignForm('c-expired'), json: true });
    expect(res.status).toBe(401);
    const page = await req('/studio/campaigns/c-winter-style/edit', '');
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe('/studio/signin?next=%2Fstudio%2Fcampaigns%2Fc-winter-style%2Fedit');
  });
});

describe('create and edit', () => {
  it('reads the form as the authoring document: input names are field paths', () => {
    const doc = docFromForm(new Map(campaignForm('c-x').reduce((m, [k, x]) => m.set(k, [...(m.get(k) ?? []), x]), new Map<string, string[]>())));
    expect(doc).toMatchObject({ regions: ['SA-01', 'AE-DU'], holdoutShare: 0.1, frequencyCap: 6, bidCpm: 2.5, brandKitId: null, iabCategories: ['IAB18'], fallback: { headline: { en: 'Winter edit', ar: 'تشكيلة الشتاء' } } });
    expect(doc.variants![0]).toMatchObject({ copy: { en: { headline: 'An evening in {title}', cta: 'Shop now' } } });
    expect(doc.variants![0]!.copy).not.toHaveProperty('ar');
    expect(doc.variants![1]).toMatchObject({ conditions: [{ signal: 'lang', op: 'eq', value: 'ar' }, { signal: 'weather', op: 'in', value: ['clear', 'cold'] }] });
  });

  it('names every bad field next to its input (JSON for the script, the page for a plain post); nothing is written', async () => {
    const bad = campaignForm('c-bad', { name: '', adomain: 'not a domain', 'variants.1.copy.ar.headline': 'خصم {oops}', holdoutShare: '80' });
    const res = await req('/studio/campaigns/new', as.editor, { form: bad, json: true });
    expect(res.status).toBe(400);
    const fields = (await jsonOf<SaveError>(res)).error.fields;
    const byInput = new Map(fields.map((f) => [f.input, f.reason]));
    expect(byInput.get('name')).toBe('required');
    expect(byInput.get('adomain')).toContain('expected a domain');
    expect(byInput.get('variants.1.copy.ar.headline')).toContain('unknown placeholder {oops}');
    expect(byInput.get('holdoutShare')).toBe('expected a percentage from 0 to 50');
    const page = await req('/studio/campaigns/new', as.editor, { form: bad });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<input id="f-adomain" name="adomain"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/data-error-for="variants\.1\.copy\.ar\.headline">unknown placeholder \{oops\}/);
    // The typed values come back (the Arabic copy right to left).
    expect(html).toMatch(/name="variants\.1\.copy\.ar\.headline" value="خصم \{oops\}" dir="rtl" lang="ar"/);
    expect((await v.app.request(`${ORIGIN}/v1/admin/campaigns/c-bad`, { headers: { Cookie: as.editor } })).status).toBe(404);
    // A reference the catalog does not have is a 422 naming the input too.
    const unknown = await req('/studio/campaigns/new', as.editor, { form: campaignForm('c-bad2', { regions: 'XX-99' }), json: true });
    expect(unknown.status).toBe(422);
    expect((await jsonOf<SaveError>(unknown)).error.fields[0]).toMatchObject({ field: 'regions.0', input: 'regions' });
  });

  it('creates through the authoring service (draft, audited as the signed-in user) and edits the head version', async () => {
    const res = await req('/studio/campaigns/new', as.editor, { form: campaignForm('c-studio'), json: true });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'c-studio', version: 1, status: 'draft', location: '/studio/campaigns/c-studio/edit?saved=1' });
    const api = await jsonOf<{ status: string; document: { holdoutShare: number; variants: Array<{ copy: Record<string, { headline: string }> }> } }>(await v.app.request(`${ORIGIN}/v1/admin/campaigns/c-studio`, { headers: { Cookie: as.editor } }));
    expect(api.status).toBe('draft');
    expect(api.document.holdoutShare).toBe(0.1);
    expect(api.document.variants[1]!.copy.ar!.headline).toBe('أمسية بأناقة');
    const audit = await v.audit.list({ entity: 'campaign', entityId: 'c-studio', limit: 10 });
    expect(audit.map((e) => [e.action, e.actor.label])).toContainEqual(['campaign.create', 'ed@example.com']);
    const page = await (await req('/studio/campaigns/c-studio/edit?saved=1', as.editor)).text();
    expect(page).toContain('Saved as version 1 (draft).');
    expect(page).toContain('<input type="hidden" name="version" value="1">');
    expect(page).toMatch(/name="variants\.1\.copy\.ar\.headline" value="أمسية بأناقة" dir="rtl" lang="ar"/);
    expect(page).toContain('<option value="cold" selected>cold</option>');
    expect(page).toContain('<script src="/studio/assets/editor.js"></script>');
  });

  it('a stale edit is refused with 409 naming who changed it and when; the page offers to reload', async () => {
    const edit = (cookie: string, version: string, name: string, json = true) => {
      const form = campaignForm('c-studio', { name }).filter(([k]) => k !== 'id');
      form.push(['version', version]);
      return req('/studio/campaigns/c-studio/edit', cookie, { form, json });
    };
    const first = await edit(as.editor2, '1', 'Evening edit v2');
    expect(first.status).toBe(200);
    expect((await jsonOf<{ version: number }>(first)).version).toBe(2);
    const stale = await edit(as.editor, '1', 'My older edit');
    expect(stale.status).toBe(409);
    const body = await jsonOf<SaveError>(stale);
    expect(body.error.stale).toEqual({ changedBy: 'ed2@example.com', changedAt: new Date(NOW).toISOString(), current: 2 });
    expect(body.error.message).toContain('ed2@example.com changed it at');
    const page = await (await edit(as.editor, '1', 'My older edit', false)).text();
    expect(page).toContain(`ed2@example.com changed this campaign at ${new Date(NOW).toISOString()} (now version 2). Your changes were not saved.`);
    expect(page).toMatch(/<a class="button" href="\/studio\/campaigns\/c-studio\/edit" data-reload>Reload the current version<\/a>/);
    // The typed values are still in the form.
    expect(page).toContain('value="My older edit"');
    const api = await jsonOf<{ version: number; document: { name: string } }>(await v.app.request(`${ORIGIN}/v1/admin/campaigns/c-studio`, { headers: { Cookie: as.editor } }));
    expect(api).toMatchObject({ version: 2, document: { name: 'Evening edit v2' } });
  });
});

describe('live preview', () => {
  const preview = (form: Form, extra: Array<[string, string]> = []) => req('/studio/editor/preview', as.editor, { form: [...form, ...extra], json: true });

  it('draws an unsaved variant through the real engine in every served size × language, PNG and HTML, and writes nothing', async () => {
    const before = { docs: (await v.authoring!.authoring.listDocs()).length, events: await v.store.countEvents({}) };
    const res = await preview(campaignForm('c-unsaved'), [['preview.variant', '1'], ['preview.region', 'SA-01'], ['preview.campaign', 'new']]);
    expect(res.status).toBe(200);
    const j = await jsonOf<Preview>(res);
    expect(j.cells.map((c) => `${c.size}/${c.lang}/${c.status}`)).toEqual(['300x250/en/fallback', '320x50/en/fallback', '300x250/ar/ok', '320x50/ar/ok']);
    // The English cells are honest: the variant asks for lang = ar.
    expect(j.cells[0]!.reason).toContain('lang');
    expect(j.simulated).toContain('weather clear');
    for (const c of j.cells) expect(pngSize(c.png)).toEqual({ w: Number(c.size.split('x')[0]), h: Number(c.size.split('x')[1]) });
    const ar = j.cells[2]!;
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain('تسوق الآن');
    // Its links are inert: a preview is never served, nothing is signed.
    expect(ar.html).toContain('href="about:blank"');
    expect(ar.html).not.toMatch(/https?:\/\/[^"]*\/(c|i)\//);
    expect((await v.authoring!.authoring.listDocs()).length).toBe(before.docs);
    await v.flush();
    expect(await v.store.countEvents({})).toBe(before.events);
  });

  it('warns when a headline is shortened at 320x50, naming the field, size and language', async () => {
    const long = 'Warm wool coats for the long winter evenings ahead';
    const j = await jsonOf<Preview>(await preview(campaignForm('c-long', { 'variants.0.copy.en.headline': long }), [['preview.variant', '0'], ['preview.region', 'AE-DU']]));
    const cell = j.cells.find((c) => c.size === '320x50' && c.lang === 'en')!;
    expect(cell.status).toBe('ok');
    expect(cell.warnings).toContainEqual(expect.objectContaining({ field: 'headline', size: '320x50', lang: 'en', kind: 'shortened' }));
    // At 300x250 it fits whole (smaller type is a softer warning, not a cut).
    expect(j.cells.find((c) => c.size === '300x250')!.warnings.filter((w) => w.field === 'headline' && w.kind !== 'shrunk')).toEqual([]);
  });

  it('is bounded: at most 14 size × language cells, a 64 KB body, and a half-typed variant is named, not drawn', async () => {
    const all = campaignForm('c-all').filter(([k]) => k !== 'sizes');
    const j = await jsonOf<Preview>(await preview(all, [['preview.variant', '1'], ['preview.region', 'SA-01']]));
    expect(j.cells).toHaveLength(PREVIEW_MAX_CELLS);
    expect(j.capped).toBe(0);
    // Through the service a third language is possible (the API takes any): 7 sizes × 3 languages = 21, 14 drawn, 7 named as left out.
    const three = docFromForm(new Map(all.reduce((m, [k, x]) => m.set(k, [...(m.get(k) ?? []), x]), new Map<string, string[]>())));
    const { id: _id, ...rest } = three;
    const doc = campaignDocSchema.parse({ ...rest, variants: [{ ...three.variants![0], copy: { en: { headline: 'Hi', cta: 'Go' }, ar: { headline: 'مرحبا', cta: 'اذهب' }, fr: { headline: 'Salut', cta: 'Allez' } } }] });
    const capped = await previewDraft(v.serve, v.authoring!, { campaignId: 'c-three', doc, variantId: doc.variants[0]!.id, region: 'SA-01' });
    expect(capped.cells).toHaveLength(PREVIEW_MAX_CELLS);
    expect(capped.capped).toBe(7);
    const big = await preview(campaignForm('c-big', { 'variants.0.copy.en.subline': 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    const half = await jsonOf<Preview>(await preview(campaignForm('c-half', { 'variants.0.copy.en.cta': '', name: '' }), [['preview.variant', '0']]));
    expect(half.cells).toEqual([]);
    expect(half.problems).toEqual([expect.objectContaining({ input: 'variants.0.copy.en.cta', reason: 'required' })]);
    const badRegion = await preview(campaignForm('c-r'), [['preview.region', 'XX-1']]);
    expect(badRegion.status).toBe(400);
    expect((await jsonOf<{ error: { field: string } }>(badRegion)).error.field).toBe('preview.region');
  });
});

describe('matching products', () => {
  it('counts in-stock products per region for a selector, with a sample', async () => {
    const res = await req('/studio/editor/products', as.editor, { form: campaignForm('c-p', { 'selector.priceMax': '100000' }), json: true });
    const j = await jsonOf<{ regions: Array<{ region: string; count: number; sample: Array<{ id: string; quantity: number }> }> }>(res);
    expect(j.regions.map((r) => r.region)).toEqual(['SA-01', 'AE-DU']);
    for (const r of j.regions) {
      expect(r.count).toBeGreaterThan(0);
      expect(r.sample.length).toBeGreaterThan(0);
      expect(r.sample.every((s) => s.quantity > 0)).toBe(true);
    }
    const none = await jsonOf<{ regions: Array<{ count: number }> }>(await req('/studio/editor/products', as.editor, { form: campaignForm('c-p', { 'selector.brands': 'No Such Brand' }), json: true }));
    expect(none.regions.every((r) => r.count === 0)).toBe(true);
    const bad = await jsonOf<{ problems: Array<{ field: string }> }>(await req('/studio/editor/products', as.editor, { form: campaignForm('c-p', { 'selector.priceMin': '9', 'selector.priceMax': '3' }), json: true }));
    expect(bad.problems[0]!.field).toBe('selector.priceMin');
  });
});
