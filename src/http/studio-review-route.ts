// The studio's campaign page, review page and lifecycle forms (submit with a note, approve or
// reject with a comment, pause/resume after a confirmation), and the tearsheet of a version under
// review. Every action calls the same authoring service as /v1/admin (same permission, same audit);
// what a role may not do is not offered, and the service refuses it anyway. Mounted after the
// studio's guard (src/http/studio-route.ts), which resolves the signed-in actor and checks origin.
import type { Context, Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { fnv1a } from '../domain/rng.ts';
import { parseSize } from '../domain/sizes.ts';
import { LANGS, type CampaignBundle, type Lang } from '../domain/types.ts';
import { Sealer } from '../security/sealed.ts';
import { webDigest } from '../security/digest.ts';
import { campaignView } from '../services/authoring/campaigns.ts';
import { docOf, versionOrThrow, type AuthoringDeps } from '../services/authoring/context.ts';
import { approveCampaign, operateCampaign, rejectCampaign, submitCampaign } from '../services/authoring/lifecycle.ts';
import { docDiff, history, previousApproved, versionBundle } from '../services/authoring/review.ts';
import { creativeBody, draftFor, renderDraft, signLinks } from '../services/creative.ts';
import { campaignPreflight, probeDecision, probeRegion } from '../services/preflight-run.ts';
import { originOf } from '../services/serve-deps.ts';
import { simulateDecision } from '../services/simulate.ts';
import { campaignPage } from '../studio/campaign-page.ts';
import { t } from '../studio/i18n.ts';
import { operatePage } from '../studio/operate-page.ts';
import { reviewPage } from '../studio/review-page.ts';
import { safeBack } from '../studio/session.ts';
import { runTearsheet } from '../studio/tearsheet-data.ts';
import { cellParams, parseSpec, scenarios, simulationOf, type TearsheetSpec } from '../studio/tearsheet-spec.ts';
import { tearsheetPage } from '../studio/tearsheet.ts';
import { actorWith } from './actor.ts';
import { sendPage, studioCtx, type StudioDeps } from './studio-route.ts';

const TOKEN_MS = 3600_000;
/** The size the review page draws each variant at (the campaign's first, else the medium rectangle). */
const REVIEW_SIZE = '300x250';

type FormError = { field: string; message: string; status: number };

/** A service's refusal as one readable line for the page (each field's reason when it lists them). */
function formError(err: unknown): FormError {
  if (!(err instanceof VitrineError)) throw err;
  const details = Array.isArray(err.details) ? (err.details as Array<{ field?: string; reason?: string }>) : [];
  const reasons = details.filter((d) => d.reason).map((d) => `${d.field}: ${d.reason}`);
  return { field: err.field ?? '', message: reasons.length ? `${err.message} — ${reasons.join('; ')}` : err.message, status: err.status };
}

async function formOf(c: Context): Promise<(k: string) => string> {
  const f = await c.req.parseBody();
  return (k) => (typeof f[k] === 'string' ? (f[k] as string) : '');
}

/** The lifecycle body a script would send: version as a number, the comment when given (a rejection always sends it: the service says it is required). */
function actionBody(get: (k: string) => string, alwaysComment = false): Record<string, unknown> {
  const raw = get('version');
  const comment = get('comment').trim();
  return { version: /^\d{1,9}$/.test(raw) ? Number(raw) : raw, ...(comment || alwaysComment ? { comment } : {}) };
}

interface ReviewDeps {
  deps: StudioDeps;
  d: AuthoringDeps;
  sealer: Sealer;
}

/** What the campaign page shows: the head version (managed), or what serves (loaded outside the authoring API). */
async function campaignData(r: ReviewDeps, id: string) {
  const snap = await r.deps.configCache.get();
  const served = snap.bundleById.get(id) ?? null;
  const row = await r.d.authoring.getDoc(id);
  if (!row) {
    if (!served) throw new VitrineError('not_found', `campaign: unknown campaign "${id}"`, 'id');
    return { snap, bundle: served, view: null, versions: [], serving: true };
  }
  const [view, versions] = await Promise.all([campaignView(r.d, id), r.d.authoring.listVersions(id)]);
  const head = versions.find((v) => v.version === row.head) ?? (await versionOrThrow(r.d, id, row.head));
  return { snap, bundle: await versionBundle(r.d, id, head), view, versions, serving: served !== null };
}

export function mountStudioReview(app: Hono, deps: StudioDeps, d: AuthoringDeps): void {
  const r: ReviewDeps = { deps, d, sealer: new Sealer(deps.config.secret, deps.digest ?? webDigest()) };
  mountCampaignPage(app, r);
  mountReview(app, r);
  mountOperate(app, r);
  mountVersionViews(app, r);
}

/** The campaign page and its submit form. */
function mountCampaignPage(app: Hono, r: ReviewDeps): void {
  const showCampaign = async (c: Context, extra: { notice?: string; error?: FormError; note?: string } = {}) => {
    const { snap, bundle, view, versions, serving } = await campaignData(r, c.req.param('id')!);
    const report = await campaignPreflight(r.deps, bundle.campaign, bundle.variants);
    return sendPage(
      c,
      campaignPage(studioCtx(c), { bundle, view, serving, regions: snap.regionByCode, report, history: history(versions), holdoutDefault: r.deps.config.policy.holdoutShare, notice: extra.notice ?? null, error: extra.error ?? null, note: extra.note ?? '' }),
    );
  };

  const NOTICES = new Map([['submitted', 'camp.submitted'], ['approved', 'camp.approved'], ['rejected', 'camp.rejected'], ['paused', 'camp.paused'], ['resumed', 'camp.resumed']]);

  app.get('/studio/campaigns/:id', async (c, next) => {
    // `/studio/campaigns/new` is the editor's page (another file): not a campaign id.
    if (c.req.param('id') === 'new') return next();
    actorWith(c, 'read');
    // The notice after a redirect names the version; anything but a version number shows none.
    const key = NOTICES.get(c.req.query('done') ?? '');
    const n = c.req.query('v') ?? '';
    return showCampaign(c, key && /^\d{0,9}$/.test(n) ? { notice: t(studioCtx(c).lang, key, { n }) } : {});
  });

  app.post('/studio/campaigns/:id/submit', async (c) => {
    const actor = actorWith(c, 'campaign.submit');
    const id = c.req.param('id');
    const get = await formOf(c);
    try {
      const view = await submitCampaign(r.d, actor, id, actionBody(get));
      return c.redirect(`/studio/campaigns/${encodeURIComponent(id)}?done=submitted&v=${view.version}`, 303);
    } catch (err) {
      return showCampaign(c, { error: formError(err), note: get('comment') });
    }
  });
}

/** The review page and approve / reject. */
function mountReview(app: Hono, r: ReviewDeps): void {
  // Review: the version in review against the previous approved one.
  const showReview = async (c: Context, extra: { error?: FormError; comment?: string } = {}) => {
    const id = c.req.param('id')!;
    const { view, versions } = await campaignData(r, id);
    if (!view) throw new VitrineError('not_found', `campaign ${id}: loaded outside the authoring API, it has no versions to review`, 'id');
    const head = versions.find((v) => v.version === view.version)!;
    const inReview = head.state === 'in_review' ? head : null;
    let data: Parameters<typeof reviewPage>[1] = { view, name: view.document.name, version: null, madeBy: null, submitted: null, diff: null, report: null, creatives: { size: REVIEW_SIZE, cells: [] }, history: history(versions), error: extra.error ?? null, comment: extra.comment ?? '' };
    if (inReview) {
      const base = previousApproved(versions, inReview.version);
      const bundle = await versionBundle(r.d, id, inReview);
      const sub = inReview.review?.findLast((r) => r.action === 'submit');
      const size = bundle.campaign.sizes[0] ?? REVIEW_SIZE;
      const langs = LANGS.filter((l) => bundle.variants.some((v) => Object.hasOwn(v.copy, l)));
      data = {
        ...data,
        version: inReview.version,
        madeBy: inReview.createdBy,
        submitted: sub ? { by: sub.byLabel, at: sub.at, comment: sub.comment } : null,
        diff: docDiff(base ? docOf(base) : null, docOf(inReview), base?.version ?? null),
        report: await campaignPreflight(r.deps, bundle.campaign, bundle.variants),
        creatives: {
          size,
          cells: bundle.variants.slice(0, 12).flatMap((v) => langs.map((lang) => ({ variant: v.id, name: v.name, lang, src: `/studio/campaigns/${encodeURIComponent(id)}/versions/${inReview.version}/creative/${encodeURIComponent(v.id)}/${lang}/${size}.png` }))),
        },
      };
    }
    return sendPage(c, reviewPage(studioCtx(c), data));
  };

  app.get('/studio/campaigns/:id/review', async (c) => {
    actorWith(c, 'read');
    return showReview(c);
  });

  for (const [op, act, done] of [['approve', approveCampaign, 'approved'], ['reject', rejectCampaign, 'rejected']] as const) {
    app.post(`/studio/campaigns/:id/${op}`, async (c) => {
      const actor = actorWith(c, 'campaign.approve');
      const id = c.req.param('id');
      const get = await formOf(c);
      try {
        const view = await act(r.d, actor, id, actionBody(get, op === 'reject'));
        return c.redirect(`/studio/campaigns/${encodeURIComponent(id)}?done=${done}&v=${op === 'approve' ? view.servingVersion : get('version')}`, 303);
      } catch (err) {
        return showReview(c, { error: formError(err), comment: get('comment') });
      }
    });
  }

}

/** Pause / resume behind a confirmation. */
function mountOperate(app: Hono, r: ReviewDeps): void {
  // Pause / resume: a confirmation page that says what stops, then the form.
  for (const op of ['pause', 'resume'] as const) {
    app.get(`/studio/campaigns/:id/${op}`, async (c) => {
      actorWith(c, 'campaign.operate');
      const view = await campaignView(r.d, c.req.param('id'));
      return sendPage(c, operatePage(studioCtx(c), { id: view.id, name: view.document.name, op, servingVersion: view.servingVersion, back: safeBack(c.req.query('back') ?? `/studio/campaigns/${view.id}`), error: null }));
    });
    app.post(`/studio/campaigns/:id/${op}`, async (c) => {
      const actor = actorWith(c, 'campaign.operate');
      const id = c.req.param('id');
      const get = await formOf(c);
      const back = safeBack(get('back') || `/studio/campaigns/${id}`);
      const comment = get('comment').trim();
      try {
        await operateCampaign(r.d, actor, id, op, comment ? { comment } : {});
      } catch (err) {
        const e = formError(err);
        const view = await campaignView(r.d, id);
        return sendPage(c, operatePage(studioCtx(c), { id, name: view.document.name, op, servingVersion: view.servingVersion, back, error: e.message }));
      }
      const sep = back.includes('?') ? '&' : '?';
      return c.redirect(`${back}${back.startsWith(`/studio/campaigns/${id}`) ? `${sep}done=${op === 'pause' ? 'paused' : 'resumed'}` : ''}`, 303);
    });
  }

}

/** A version's tearsheet, its cells, and each variant as drawn. */
function mountVersionViews(app: Hono, r: ReviewDeps): void {
  // A version's tearsheet (any state): the existing tearsheet, decided with that version's bundle.
  const versionOf = async (c: Context): Promise<{ bundle: CampaignBundle; version: number; state: string }> => {
    const raw = c.req.param('version')!;
    if (!/^\d{1,9}$/.test(raw)) throw new VitrineError('not_found', `campaign ${c.req.param('id')}: no version ${raw}`, 'version');
    const v = await versionOrThrow(r.d, c.req.param('id')!, Number(raw));
    return { bundle: await versionBundle(r.d, c.req.param('id')!, v), version: v.version, state: v.state };
  };

  app.get('/studio/campaigns/:id/versions/:version/tearsheet', async (c) => {
    actorWith(c, 'read');
    const { bundle: b, version, state } = await versionOf(c);
    const snap = await r.deps.configCache.get();
    const now = r.deps.clock();
    let error: { field: string; message: string } | null = null;
    let spec: TearsheetSpec;
    try {
      spec = parseSpec((k) => c.req.queries(k) ?? [], b, snap.regionByCode, now, fnv1a(b.campaign.id));
    } catch (err) {
      if (!(err instanceof VitrineError)) throw err;
      error = { field: err.field ?? '', message: err.message };
      spec = parseSpec(() => [], b, snap.regionByCode, now, fnv1a(b.campaign.id));
    }
    const token = await r.sealer.seal('tearsheet-version', { ...spec, ver: version }, now + TOKEN_MS);
    const { results, total } = await runTearsheet(r.deps, b, spec, snap.regionByCode, true);
    const ctx = studioCtx(c);
    const note = `${t(ctx.lang, 'camp.version', { n: version, state: t(ctx.lang, `status.${state}`) })}`;
    return sendPage(c, tearsheetPage(ctx, { bundle: b, regions: snap.regions, spec, results, total, token, share: null, readOnly: null, error, note, cellBase: `/studio/campaigns/${encodeURIComponent(b.campaign.id)}/versions/${version}/ts` }));
  });

  app.get('/studio/campaigns/:id/versions/:version/ts/:token/:i/:file', async (c) => {
    actorWith(c, 'read');
    const o = await r.sealer.open<TearsheetSpec & { ver: number }>('tearsheet-version', c.req.param('token'), r.deps.clock());
    const { bundle: b, version } = await versionOf(c);
    const m = /^(\d{2,4}x\d{2,4})\.png$/.exec(c.req.param('file'));
    if (!o.ok || o.payload.ver !== version || o.payload.c !== b.campaign.id || !m) throw new VitrineError('not_found', 'cell: not part of this tearsheet', 'cell');
    const spec = o.payload;
    const sc = scenarios(spec, (await r.deps.configCache.get()).regionByCode).list[Number(c.req.param('i'))];
    if (!sc || !spec.z.includes(m[1]!)) throw new VitrineError('not_found', 'cell: not part of this tearsheet', 'cell');
    const rd = await simulateDecision(r.deps, { ...cellParams(spec, sc, m[1]!), format: 'png' }, simulationOf(spec, sc), [b]);
    const out = await creativeBody(r.deps, rd, 'png', await signLinks(r.deps, rd, originOf(r.deps, c.req.url), true));
    return new Response(out.body as BodyInit, { headers: { 'Content-Type': out.contentType, 'Cache-Control': 'private, max-age=300', ETag: out.etag } });
  });

  // One variant of a version as drawn (conditions aside), for the review page.
  app.get('/studio/campaigns/:id/versions/:version/creative/:variant/:lang/:file', async (c) => {
    actorWith(c, 'read');
    const { bundle: b } = await versionOf(c);
    const lang = LANGS.find((l) => l === c.req.param('lang')) as Lang | undefined;
    const variant = b.variants.find((v) => v.id === c.req.param('variant'));
    const m = /^(\d{2,4}x\d{2,4})\.png$/.exec(c.req.param('file'));
    if (!lang || !variant || !m || !parseSize(m[1]!)) throw new VitrineError('not_found', 'creative: no such variant, language or size in this version', 'variant');
    const snap = await r.deps.configCache.get();
    const rd = await probeDecision(r.deps, b.campaign, variant, lang, m[1]!, probeRegion(lang, b.campaign, snap.regionByCode));
    const out = await renderDraft(r.deps, draftFor(rd), 'png');
    return new Response(out.bytes as BodyInit, { headers: { 'Content-Type': out.contentType, 'Cache-Control': 'private, max-age=300' } });
  });
}
