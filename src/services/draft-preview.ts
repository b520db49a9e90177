// The editor's live preview: an UNSAVED campaign document through the real decision engine and
// renderer, in every size the campaign serves and every language its variant speaks, with the
// fitter's report per cell. Reads go through the simulation's read-only overlay store (simulated
// stock and shopper never touch live data); nothing is written, no link is signed. The work per
// call is bounded (cells capped), and renders go through the content-addressed render cache, so
// a keystroke in the Arabic headline does not redraw the English cells.
import { fnv1a } from '../domain/rng.ts';
import { SIZE_KEYS } from '../domain/sizes.ts';
import { wallToInstant } from '../domain/time.ts';
import type { CampaignBundle, Condition, Region } from '../domain/types.ts';
import type { FitEntry } from '../render/fit.ts';
import { fitReport } from '../render/tree.ts';
import type { Slots } from '../render/types.ts';
import { bytesToBase64 } from '../security/base64.ts';
import type { AuthoringDeps } from './authoring/context.ts';
import { project } from './authoring/documents.ts';
import type { CampaignDoc } from './authoring/schemas.ts';
import { draftFor, personalizeHtml, renderDraft } from './creative.ts';
import { decideWith, type RequestDecision } from './decide-request.ts';
import type { ServeDeps } from './serve-deps.ts';
import { overlayStore, SIMULATED_UID, type Simulation } from './simulate.ts';

/** At most this many size × language cells per preview call (7 sizes × 2 languages). */
export const PREVIEW_MAX_CELLS = 14;
export const PREVIEW_MAX_LANGS = 4;

export interface FitWarning {
  field: string;
  size: string;
  lang: string;
  /** `shortened`: words cut (ellipsis); `dropped`: left out for room; `shrunk`: drawn under 75% of its size. */
  kind: 'shortened' | 'dropped' | 'shrunk';
  original: string;
  shown: string;
}

export interface PreviewCell {
  size: string;
  lang: string;
  /** The variant won (`ok`) or nothing was eligible and the fallback would serve (`fallback`, with why). */
  status: 'ok' | 'fallback';
  reason: string | null;
  png: string;
  html: string;
  fit: FitEntry[];
  warnings: FitWarning[];
  products: Array<{ id: string; title: string }>;
}

export interface PreviewResult {
  variant: string;
  region: string;
  /** The simulated context the variant's conditions asked for (weather, daypart, segment, stock…). */
  simulated: string[];
  at: string;
  cells: PreviewCell[];
  /** Sizes × languages left out by the cap. */
  capped: number;
}

const DAYPART_HOUR = new Map([['morning', 9], ['afternoon', 14], ['evening', 19], ['night', 23]]);

const firstValue = (c: Condition): string | null => {
  if (c.op !== 'eq' && c.op !== 'in') return null;
  const v = Array.isArray(c.value) ? c.value[0] : c.value;
  return v === undefined ? null : String(v);
};

/** Units that satisfy a stock condition (null when none can, e.g. `stock lt 1`). */
function stockFor(c: Condition, threshold: number): number | null {
  if (c.signal === 'low_stock') return c.value === true ? Math.max(1, Math.min(3, threshold)) : Math.max(threshold + 1, 20);
  const n = Number(Array.isArray(c.value) ? c.value[0] : c.value);
  if (!Number.isFinite(n)) return null;
  const q = c.op === 'lt' ? n - 1 : c.op === 'gt' ? n + 1 : c.op === 'ne' ? n + 1 : n;
  return q >= 1 ? Math.floor(q) : null;
}

/** The instant to preview at: inside the flight in this region, at the daypart the variant asks for. */
function previewInstant(doc: CampaignDoc, region: Region, now: number, daypart: string | null): number {
  const start = wallToInstant(doc.startsLocal, region.tz);
  const end = wallToInstant(doc.endsLocal, region.tz);
  let at = Math.min(Math.max(now, start + 60_000), end - 60_000);
  const hour = daypart ? DAYPART_HOUR.get(daypart) : undefined;
  if (hour !== undefined) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: region.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
    const t = wallToInstant(`${day}T${String(hour).padStart(2, '0')}:00`, region.tz);
    if (t > start && t < end) at = t;
  }
  return at;
}

function warningsOf(fit: FitEntry[], size: string): FitWarning[] {
  const out: FitWarning[] = [];
  for (const e of fit) {
    const kind = e.truncated ? (e.shown ? 'shortened' : 'dropped') : e.fontSize < e.requestedSize * 0.75 ? 'shrunk' : null;
    if (kind) out.push({ field: e.field, size, lang: e.lang, kind, original: e.original, shown: e.shown });
  }
  return out;
}

function whyNone(rd: RequestDecision): string {
  if (rd.result.kind !== 'none') return '';
  const ex = rd.result.none.trace.filter((t) => t.outcome === 'exclude');
  return [rd.result.none.reason, ...ex.slice(-2).map((t) => t.detail)].join(' — ');
}

export interface PreviewInput {
  campaignId: string;
  doc: CampaignDoc;
  variantId: string;
  region: string;
}

/** The simulation a variant's conditions ask for: segment, cart, stock, weather, device, daypart. */
async function contextFor(deps: ServeDeps, b: CampaignBundle, conditions: readonly Condition[], region: string) {
  const params: Record<string, string> = {};
  const sim: Simulation = { stock: new Map(), segments: [], cart: [], consent: true };
  const said: string[] = [];
  let daypart: string | null = null;
  const top = async () => (await deps.store.candidates({ region, selector: b.campaign.selector, limit: 12 })).map((c) => c.product.id);
  for (const c of conditions) {
    const v = firstValue(c);
    if ((c.signal === 'weather' || c.signal === 'device') && v) params[c.signal] = v;
    else if (c.signal === 'daypart' && v) daypart = v;
    else if (c.signal === 'segment' && v) sim.segments.push(v);
    else if (c.signal === 'stock' || c.signal === 'low_stock') {
      const q = stockFor(c, b.campaign.lowStockThreshold);
      if (q !== null) for (const id of await top()) (sim.stock as Map<string, number>).set(id, q);
      if (q !== null) said.push(`stock ${q}`);
      continue;
    } else continue;
    said.push(`${c.signal} ${v}`);
  }
  if (sim.segments.includes('cart_abandoner') || b.variants.some((v) => v.productSource === 'cart')) {
    sim.cart = (await top()).slice(0, 1);
    if (sim.cart.length) said.push(`cart ${sim.cart[0]}`);
  }
  return { params, sim, said, daypart };
}

/** One variant of an unsaved document, in every served size × language (capped), with its fit report. */
export async function previewDraft(serve: ServeDeps, authoring: AuthoringDeps, input: PreviewInput): Promise<PreviewResult> {
  const snap = await serve.configCache.get();
  const region = snap.regionByCode.get(input.region)!;
  const bundle = project(input.campaignId, 0, 'draft', input.doc, 'active', snap.regionByCode);
  if (bundle.campaign.brandKitId) bundle.campaign.brandKit = (await authoring.authoring.getBrandKit(bundle.campaign.brandKitId))?.value ?? null;
  const variant = bundle.variants.find((v) => v.id === input.variantId)!;
  const only: CampaignBundle = { campaign: { ...bundle.campaign, defaultVariantId: variant.id, holdoutShare: 0 }, variants: [variant] };
  const sizes = input.doc.sizes.length ? input.doc.sizes : [...SIZE_KEYS];
  const langs = Object.keys(variant.copy).slice(0, PREVIEW_MAX_LANGS);
  const pairs = langs.flatMap((lang) => sizes.map((size) => ({ size, lang })));
  const ctx = await contextFor(serve, only, variant.conditions, region.code);
  const at = previewInstant(input.doc, region, serve.clock(), ctx.daypart);
  if (ctx.daypart) ctx.said.push(`daypart ${ctx.daypart}`);
  const store = overlayStore(serve.store, ctx.sim, at);
  const { pendingImpressions: _skip, ...rest } = serve;
  const deps = { ...rest, store };
  const seed = String(fnv1a(`${input.campaignId}/${variant.id}`));
  const cells: PreviewCell[] = [];
  // One cell at a time: the bound is on work in flight too, not only on the count.
  for (const { size, lang } of pairs.slice(0, PREVIEW_MAX_CELLS)) {
    const params = { ...ctx.params, campaign: input.campaignId, size, lang, region: region.code, format: 'png', seed, at: new Date(at).toISOString(), uid: SIMULATED_UID, gdpr: '0' };
    const rd = await decideWith(deps, params, () => [only]);
    const draft = draftFor(rd);
    const fit = rd.result.kind === 'decision' ? fitReport({ ...draft, products: draft.products.map((p) => ({ ...p, image: null })) } as Slots, { templates: serve.templates, measure: serve.fonts.measure }) : [];
    const [png, unit] = await Promise.all([renderDraft(serve, draft, 'png'), renderDraft(serve, draft, 'html')]);
    // A preview links nowhere: it is never served, so nothing is signed or recorded.
    const html = new TextDecoder().decode(personalizeHtml(unit.bytes, { click: 'about:blank', impression: 'data:,', scan: 'about:blank' }));
    cells.push({
      size,
      lang,
      status: rd.result.kind === 'decision' ? 'ok' : 'fallback',
      reason: rd.result.kind === 'decision' ? null : whyNone(rd),
      png: `data:${png.contentType};base64,${bytesToBase64(png.bytes)}`,
      html,
      fit,
      warnings: warningsOf(fit, size),
      products: rd.result.kind === 'decision' ? rd.result.decision.products.map((p) => ({ id: p.product.id, title: p.product.title })) : [],
    });
  }
  return { variant: variant.id, region: region.code, simulated: ctx.said, at: new Date(at).toISOString(), cells, capped: Math.max(0, pairs.length - PREVIEW_MAX_CELLS) };
}

export interface RegionMatch {
  region: string;
  count: number;
  /** More matched than were counted (`count`+). */
  more: boolean;
  sample: Array<{ id: string; title: string; price: number; currency: string; quantity: number }>;
}

/** In-stock products a selector matches per region: a capped count and the best-ranked few. */
export async function matchingProducts(serve: ServeDeps, regions: readonly string[], selector: CampaignDoc['selector'], cap = 200, sample = 4): Promise<RegionMatch[]> {
  return Promise.all(
    regions.map(async (region) => {
      const rows = await serve.store.candidates({ region, selector, limit: cap + 1 });
      return {
        region,
        count: Math.min(rows.length, cap),
        more: rows.length > cap,
        sample: rows.slice(0, sample).map((r) => ({ id: r.product.id, title: r.product.title, price: r.product.salePrice ?? r.product.price, currency: r.product.currency, quantity: r.quantity })),
      };
    }),
  );
}
