// The studio's campaign editor: create and edit a campaign document (the same services, permission
// and audit as POST/PUT /v1/admin/campaigns), the live preview of an unsaved draft and the live
// count of matching products. Thin: permission, form → document, service call, page or JSON.
// A fetch from the editor's script asks for JSON (field errors, 409 with who and when, 401 on an
// expired session); a plain form post gets the page back with the errors beside the fields.
import type { Context, Hono } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import { webDigest } from '../security/digest.ts';
import type { AuthoringDeps } from '../services/authoring/context.ts';
import { campaignView, createCampaign, updateCampaign } from '../services/authoring/campaigns.ts';
import { campaignDocSchema, selectorSchema, TEMPLATE_IDS, type CampaignDoc } from '../services/authoring/schemas.ts';
import { matchingProducts, previewDraft } from '../services/draft-preview.ts';
import type { FieldProblem } from '../services/validation.ts';
import { editorPage, type EditorPage } from '../studio/editor.ts';
import { docFromForm, EDITOR_LANGS, formValues, inputFor, problemReason, type DraftDoc, type FormValues } from '../studio/editor-form.ts';
import { actorWith } from './actor.ts';
import { sendPage, studioCtx, type StudioDeps } from './studio-route.ts';

const MAX_MATCH_REGIONS = 20;
/** Document fields the editor has no control for (edited through the API): kept as they are. */
const KEPT = ['complements'] as const;
const DAY = 86_400_000;

const wantsJson = (c: Context) => (c.req.header('Accept') ?? '').includes('application/json');
const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function problemsOf(err: VitrineError): FieldProblem[] {
  return Array.isArray(err.details) ? (err.details as FieldProblem[]) : [{ field: err.field ?? '(body)', reason: err.message }];
}

/** Field problems keyed by the input that shows them (a problem with no input goes to the summary). */
function placeProblems(problems: FieldProblem[], names: ReadonlySet<string>): { errors: Map<string, string>; fields: Array<FieldProblem & { input: string | null }> } {
  const errors = new Map<string, string>();
  const fields = problems.map((p) => {
    const at = inputFor(p.field, names);
    const reason = problemReason(p.field, p.reason);
    if (at && !errors.has(at)) errors.set(at, reason);
    return { field: p.field, reason, input: at };
  });
  return { errors, fields };
}

export function mountStudioEditor(app: Hono, deps: StudioDeps): void {
  const authoringOf = (): AuthoringDeps => {
    if (!deps.authoring) throw new VitrineError('not_found', 'authoring: this server has no authoring store', 'campaign');
    return { authoring: deps.authoring, store: deps.store, audit: deps.audit, configCache: deps.configCache, clock: deps.clock, digest: deps.digest ?? webDigest() };
  };

  const choices = async () => {
    const a = authoringOf();
    const snap = await deps.configCache.get();
    const [placements, kits, browse] = await Promise.all([a.authoring.listPlacements(), a.authoring.listBrandKits(), deps.store.browseProducts({ search: '', limit: 500, offset: 0 })]);
    const uniq = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => !!x))].sort().slice(0, 200);
    return {
      regions: snap.regions,
      placements: placements.map((p) => ({ id: p.value.id, name: p.value.name })),
      kits: kits.map((k) => ({ id: k.value.id, name: k.value.name })),
      templates: TEMPLATE_IDS.filter((id) => Object.hasOwn(deps.templates, id)),
      suggestions: {
        categories: uniq(browse.products.map((p) => p.category)),
        brands: uniq(browse.products.map((p) => p.brand)),
        labels: uniq(browse.products.flatMap((p) => p.customLabels)),
        products: uniq(browse.products.map((p) => p.id)),
      },
    };
  };

  const render = async (c: Context, p: Omit<EditorPage, keyof Awaited<ReturnType<typeof choices>>>) => sendPage(c, editorPage(studioCtx(c), { ...p, ...(await choices()) }));

  const newDoc = (): DraftDoc => {
    const start = Date.parse(`${wall(deps.clock() + DAY).slice(0, 10)}T00:00:00Z`);
    return { startsLocal: wall(start), endsLocal: wall(start + 30 * DAY), regions: [], sizes: [], channels: ['web', 'app', 'ctv'], optimization: 'thompson', lowStockThreshold: 5, fallback: { headline: { en: '' }, link: '' }, variants: [] };
  };

  app.get('/studio/campaigns/new', async (c) => {
    actorWith(c, 'campaign.edit');
    return render(c, { mode: 'create', campaignId: null, version: null, status: null, doc: newDoc(), errors: new Map(), message: null, stale: null, saved: null });
  });

  app.get('/studio/campaigns/:id/edit', async (c) => {
    actorWith(c, 'campaign.edit');
    const view = await campaignView(authoringOf(), c.req.param('id'));
    const saved = /^\d{1,9}$/.test(c.req.query('saved') ?? '') ? Number(c.req.query('saved')) : null;
    return render(c, { mode: 'edit', campaignId: view.id, version: view.version, status: view.status, doc: view.document as unknown as DraftDoc, errors: new Map(), message: null, stale: null, saved });
  });

  const save = async (c: Context, id: string | null) => {
    const actor = actorWith(c, 'campaign.edit');
    const form = formValues(await c.req.parseBody({ all: true }));
    const doc = docFromForm(form);
    const a = authoringOf();
    // Fields the form does not edit are carried over from the version being edited, never dropped.
    if (id !== null) {
      const head = (await a.authoring.getDoc(id)) ? (await campaignView(a, id)).document : null;
      for (const k of KEPT) if (head && head[k] !== undefined && doc[k] === undefined) doc[k] = head[k];
      // Copy in languages the editor does not show (fr, de…) stays with its variant.
      for (const v of doc.variants ?? []) {
        const was = head?.variants.find((x) => x.id === v.id);
        const other = Object.entries(was?.copy ?? {}).filter(([lang]) => !(EDITOR_LANGS as readonly string[]).includes(lang));
        if (other.length) v.copy = { ...(v.copy as object), ...Object.fromEntries(other) };
      }
    }
    try {
      const view = id === null ? await createCampaign(a, actor, doc) : await updateCampaign(a, actor, id, doc);
      const location = `/studio/campaigns/${encodeURIComponent(view.id)}/edit?saved=${view.version}`;
      if (wantsJson(c)) return c.json({ id: view.id, version: view.version, status: view.status, location }, id === null ? 201 : 200);
      return c.redirect(location, 303);
    } catch (err) {
      if (!(err instanceof VitrineError) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
      const stale = err.status === 409 && err.field === 'version' ? (err.details as { changedBy: string; changedAt: string; current: number | null }) : null;
      const { errors, fields } = placeProblems(stale ? [] : problemsOf(err), new Set(form.keys()));
      if (wantsJson(c)) return c.json({ error: { ...(err.toJSON().error as Record<string, unknown>), fields, ...(stale ? { stale } : {}) } }, err.status as 400);
      // The page comes back with the problems beside their fields (a page that rendered: 200).
      const version = typeof doc.version === 'number' ? doc.version : null;
      return render(c, { mode: id === null ? 'create' : 'edit', campaignId: id, version, status: null, doc, errors, message: err.message, stale, saved: null });
    }
  };
  app.post('/studio/campaigns/new', (c) => save(c, null));
  app.post('/studio/campaigns/:id/edit', (c) => save(c, c.req.param('id')));

  app.post('/studio/editor/preview', async (c) => {
    actorWith(c, 'campaign.edit');
    const form = formValues(await c.req.parseBody({ all: true }));
    const snap = await deps.configCache.get();
    const draft = docFromForm(form);
    const one = (k: string) => form.get(k)?.[0] ?? '';
    const region = one('preview.region') || (draft.regions as string[])[0] || deps.config.defaultRegion;
    if (!snap.regionByCode.has(region)) throw badParam('preview.region', `unknown region "${region}"`, snap.regions.map((r) => r.code));
    const index = Number(one('preview.variant') || '0');
    const variant = draft.variants?.[index];
    if (!Number.isInteger(index) || !variant) throw badParam('preview.variant', `no variant at index ${one('preview.variant')}`);
    const campaignId = /^[A-Za-z0-9][\w.-]{0,63}$/.test(one('preview.campaign')) ? one('preview.campaign') : 'studio-preview';
    const parsed = previewDocument(draft, index, region, deps.clock());
    if (!parsed.ok) return c.json({ cells: [], problems: placeProblems(parsed.problems, new Set(form.keys())).fields }, 200, { 'Cache-Control': 'no-store' });
    const result = await previewDraft(deps, authoringOf(), { campaignId, doc: parsed.doc, variantId: parsed.doc.variants[0]!.id, region });
    return c.json({ ...result, problems: [] }, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/studio/editor/products', async (c) => {
    actorWith(c, 'campaign.edit');
    const form = formValues(await c.req.parseBody({ all: true }));
    const snap = await deps.configCache.get();
    const draft = docFromForm(form);
    const regions = (draft.regions as string[]).filter((r) => snap.regionByCode.has(r)).slice(0, MAX_MATCH_REGIONS);
    const sel = selectorSchema.safeParse(draft.selector);
    if (!sel.success) return c.json({ regions: [], problems: sel.error.issues.map((i) => ({ field: ['selector', ...i.path.map(String)].join('.'), reason: i.message })) }, 200, { 'Cache-Control': 'no-store' });
    const matches = await matchingProducts(deps, regions.length ? regions : [deps.config.defaultRegion], sel.data);
    return c.json({ regions: matches.map((m) => ({ ...m, name: snap.regionByCode.get(m.region)?.name.en ?? m.region })), problems: [] }, 200, { 'Cache-Control': 'no-store' });
  });
}

/**
 * The draft as the preview needs it: the variant being previewed (strictly validated: its copy,
 * template and conditions are what is drawn) inside campaign fields where blanks get stand-ins,
 * so a half-filled form previews already.
 */
function previewDocument(draft: DraftDoc, index: number, region: string, now: number): { ok: true; doc: CampaignDoc } | { ok: false; problems: FieldProblem[] } {
  const blank = (k: string) => typeof draft[k] !== 'string' || !(draft[k] as string).trim();
  const v = { ...draft.variants![index]! };
  if (!String(v.id ?? '').trim()) v.id = 'preview-variant';
  if (!String(v.name ?? '').trim()) v.name = 'Preview';
  const fallback = (draft.fallback ?? {}) as { headline?: Record<string, string>; link?: string };
  const { id: _id, version: _version, defaultVariantId: _d, ...rest } = draft;
  const doc = {
    ...rest,
    name: blank('name') ? 'Preview' : draft.name,
    advertiser: blank('advertiser') ? 'Brand' : draft.advertiser,
    adomain: blank('adomain') ? 'brand.example' : draft.adomain,
    startsLocal: blank('startsLocal') ? wall(now - DAY) : draft.startsLocal,
    endsLocal: blank('endsLocal') ? wall(now + 30 * DAY) : draft.endsLocal,
    regions: (draft.regions as string[] | undefined)?.length ? draft.regions : [region],
    fallback: { headline: fallback.headline?.en ? fallback.headline : { en: 'Preview' }, link: fallback.link || 'https://brand.example/' },
    variants: [v],
  };
  const r = campaignDocSchema.safeParse(doc);
  if (r.success) return { ok: true, doc: r.data };
  // Problems are named as the form names them (the previewed variant is variants.<index>).
  return { ok: false, problems: r.error.issues.map((i) => ({ field: i.path.map((p, k) => (k === 1 && i.path[0] === 'variants' ? String(index) : String(p))).join('.') || '(body)', reason: i.message })) };
}
