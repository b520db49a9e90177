// GET /v1/preview: every variant × size of a campaign under the given signals, with traces.
import type { Hono } from 'hono';
import { SIZE_KEYS } from '../domain/sizes.ts';
import { DEVICES, LANGS, WEATHERS, type TraceEntry } from '../domain/types.ts';
import { escapeHtml as esc } from '../render/escape.ts';
import { decideRequest } from '../services/decide-request.ts';
import type { ServeDeps } from '../services/serve-deps.ts';
import { VitrineError } from '../domain/errors.ts';
import { guardFutureAt, internalReader } from './internal-access.ts';

const SIGNAL_KEYS = ['campaign', 'region', 'tz', 'lang', 'device', 'weather', 'at', 'seed'] as const;

function traceTable(trace: readonly TraceEntry[]): string {
  const rows = trace
    .map((t) => `<tr class="${t.outcome}"><td>${esc(t.stage)}</td><td>${esc(t.outcome)}</td><td>${esc(t.rule)}</td><td>${esc(t.detail)}</td></tr>`)
    .join('');
  return `<table class="trace"><tr><th>stage</th><th>outcome</th><th>rule</th><th>why</th></tr>${rows}</table>`;
}

function select(name: string, values: readonly string[], current: string | undefined): string {
  const opts = ['', ...values].map((v) => `<option value="${esc(v)}"${v === (current ?? '') ? ' selected' : ''}>${esc(v || '(default)')}</option>`).join('');
  return `<label>${esc(name)} <select name="${esc(name)}">${opts}</select></label>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#111}h2{margin-top:32px}
.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.cell{font-size:12px;color:#555}
.cell img{display:block;border:1px solid #ddd;max-width:100%}table.trace{border-collapse:collapse;font-size:12px;margin:8px 0}
.trace td,.trace th{border:1px solid #e5e7eb;padding:2px 6px;text-align:left}.exclude{color:#9ca3af}.choose{font-weight:700;background:#ecfdf5}
form label{margin-right:12px}details{margin:8px 0}`;

export function mountPreview(app: Hono, deps: ServeDeps): void {
  app.get('/v1/preview', async (c) => {
    const q = c.req.query();
    await guardFutureAt(c, q.at, deps.config.adminKey, deps.clock());
    // Traces name stock counts, scores and promos: only for an internal reader.
    const internal = (await internalReader(c, deps.config.adminKey)) !== null;
    const traceOf = (trace: readonly TraceEntry[]) => (internal ? traceTable(trace) : '<p><small>Decision traces need an admin key or a user with the read permission.</small></p>');
    if (!q.campaign) throw new VitrineError('bad_request', 'campaign: required', 'campaign');
    const snap = await deps.configCache.get();
    const bundle = snap.bundleById.get(q.campaign);
    if (!bundle) throw new VitrineError('not_found', `campaign: unknown campaign "${q.campaign}"`, 'campaign');
    // Pin seed and clock so every image on the page shows the same moment.
    const first = await decideRequest(deps, { ...q, size: q.size ?? '300x250', format: 'json' });
    const seed = q.seed ?? String(first.result.kind === 'decision' ? first.result.decision.seed : first.result.none.seed);
    const at = new Date(first.signals.now).toISOString();
    const base = new URLSearchParams();
    for (const k of SIGNAL_KEYS) if (q[k]) base.set(k, q[k]!);
    base.set('seed', seed);
    base.set('at', at);
    const winner = first.result.kind === 'decision' ? first.result.decision.variant.id : null;
    const sections: string[] = [];
    for (const v of bundle.variants) {
      const rd = await decideRequest(deps, { ...q, seed, at, variant: v.id, size: '300x250', format: 'json' });
      const ok = rd.result.kind === 'decision';
      const trace = rd.result.kind === 'decision' ? rd.result.decision.trace : rd.result.none.trace;
      const imgs = SIZE_KEYS.map((size) => {
        const u = new URLSearchParams(base);
        u.set('variant', v.id);
        u.set('size', size);
        u.set('format', 'png');
        return `<div class="cell">${esc(size)}<img loading="lazy" alt="${esc(`${v.name} ${size}`)}" src="/v1/creative?${esc(u.toString())}" width="${size.split('x')[0]}"></div>`;
      }).join('');
      const status = ok ? (v.id === winner ? 'wins under these signals' : 'eligible') : 'not eligible (fallback shown)';
      sections.push(
        `<h2>${esc(v.name)} <small>(${esc(v.id)}, ${esc(v.template)}): ${esc(status)}</small></h2>` +
          `<details><summary>trace</summary>${traceOf(trace)}</details><div class="grid">${imgs}</div>`,
      );
    }
    const form =
      `<form method="get"><input type="hidden" name="campaign" value="${esc(q.campaign)}">` +
      select('region', snap.regions.map((r) => r.code), q.region) +
      select('lang', LANGS, q.lang) + select('device', DEVICES, q.device) + select('weather', WEATHERS, q.weather) +
      `<label>at <input name="at" value="${esc(q.at ?? '')}" placeholder="${esc(at)}"></label><button>Preview</button></form>`;
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>Preview ${esc(bundle.campaign.name)}</title><style>${STYLE}</style></head>` +
      `<body><h1>${esc(bundle.campaign.name)}</h1>${form}<p>Signals: ${esc(first.signals.region)}, ${esc(first.signals.local.wall)} ${esc(first.signals.tz)}, ${esc(first.signals.local.daypart)}, lang ${esc(first.signals.lang)}. Winner: ${esc(winner ?? 'none (fallback)')}.</p>` +
      `<details open><summary>Decision trace</summary>${traceOf(first.result.kind === 'decision' ? first.result.decision.trace : first.result.none.trace)}</details>` +
      `${sections.join('')}</body></html>`;
    return c.html(html, 200, { 'Cache-Control': 'no-store' });
  });
}
