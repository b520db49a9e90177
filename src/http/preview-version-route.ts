// GET /v1/preview?campaign=…&version=N: any version (draft, in review, rejected…) through the real
// decision engine and renderer, without serving it: nothing is written, no link is signed.
// Needs an admin credential with `read` (viewer and up). Without `version` the public preview answers.
import type { Hono, MiddlewareHandler } from 'hono';
import { badParam, VitrineError } from '../domain/errors.ts';
import type { CampaignBundle } from '../domain/types.ts';
import { docOf, versionOrThrow, type AuthoringDeps } from '../services/authoring/context.ts';
import { project } from '../services/authoring/documents.ts';
import { draftFor, personalizeHtml, renderDraft } from '../services/creative.ts';
import { decideWith } from '../services/decide-request.ts';
import type { ServeDeps } from '../services/serve-deps.ts';
import { actorWith } from './actor.ts';
import { decisionJson } from './decision-json.ts';

const FORMATS = ['json', 'png', 'svg', 'html'] as const;

export function mountVersionPreview(app: Hono, serve: ServeDeps, d: AuthoringDeps, auth: MiddlewareHandler): void {
  app.get('/v1/preview', async (c, next) => {
    const q = c.req.query();
    if (q.version === undefined) return next();
    await auth(c, async () => {});
    actorWith(c, 'read');
    if (!q.campaign) throw badParam('campaign', 'required with version');
    if (!/^\d{1,9}$/.test(q.version) || Number(q.version) < 1) throw badParam('version', 'expected a positive integer');
    const format = (q.format ?? 'json') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw badParam('format', `unsupported value "${q.format}"`, FORMATS);
    const v = await versionOrThrow(d, q.campaign, Number(q.version));
    const snap = await serve.configCache.get();
    // Previewed as if it served: status active, whatever the version's state.
    const bundle: CampaignBundle = project(q.campaign, v.version, v.hash, docOf(v), 'active', snap.regionByCode);
    if (bundle.campaign.brandKitId) bundle.campaign.brandKit = (await d.authoring.getBrandKit(bundle.campaign.brandKitId))?.value ?? null;
    const only = q.variant ? bundle.variants.filter((x) => x.id === q.variant) : bundle.variants;
    if (!only.length) throw new VitrineError('not_found', `variant: no variant "${q.variant}" in version ${v.version}`, 'variant');
    const { version: _v, ...params } = q;
    const rd = await decideWith(serve, { ...params, format, size: q.size ?? '300x250' }, () => [{ campaign: bundle.campaign, variants: only }]);
    const headers = { 'Cache-Control': 'no-store', 'X-Vitrine-Preview': `${q.campaign}@${v.version} (${v.state})` };
    if (format === 'json') return c.json({ campaign: q.campaign, version: v.version, state: v.state, hash: v.hash, serving: false, ...decisionJson(rd, draftFor(rd), {}) }, 200, headers);
    const out = await renderDraft(serve, draftFor(rd), format);
    // A preview links nowhere: it is never served, so nothing is signed or recorded.
    const bytes = format === 'html' ? personalizeHtml(out.bytes, { click: 'about:blank', impression: 'data:,', scan: 'about:blank' }) : out.bytes;
    return new Response(bytes as BodyInit, { headers: { ...headers, 'Content-Type': out.contentType } });
  });
}
