// Pre-flight of a campaign version, as an approver needs it: the pure domain checks (WCAG AA
// contrast of the brand colours, variants that can never be eligible) plus what the real
// renderer's fitter does to the copy — every variant × every size the campaign serves × every
// language it is written in: which field was shortened at which size in which language, a CTA or
// promo code cut off, a product without a photo. Each finding carries a severity and why.
// Bounded: at most PREFLIGHT_CAPS variants, sizes and languages (the report says what was left out).
import { preflight as domainPreflight } from '../domain/preflight.ts';
import { parseSize, SIZE_KEYS } from '../domain/sizes.ts';
import { LANGS, type Campaign, type Lang, type Region, type Variant } from '../domain/types.ts';
import { decisionSlots } from '../render/slots.ts';
import { fitReport } from '../render/tree.ts';
import type { Slots } from '../render/types.ts';
import { decideWith, type RequestDecision } from './decide-request.ts';
import type { ServeDeps } from './serve-deps.ts';

export type PreflightCheck = 'contrast' | 'never_eligible' | 'text_shortened' | 'cta_cut' | 'promo_code_cut' | 'image_missing' | 'not_laid_out';
export type Severity = 'blocking' | 'warning';

export interface PreflightIssue {
  check: PreflightCheck;
  severity: Severity;
  /** Why this severity: what a shopper would meet if the version served as it is. */
  reason: string;
  /** `campaign` or a variant id. */
  subject: string;
  /** The field (headline, cta, promo_code, image…), a colour pair, or the conditions. */
  field: string;
  size?: string;
  lang?: string;
  region?: string;
  detail: string;
  /** Fit findings: the copy as written and as drawn (empty when left out), and the font size drawn vs asked (px). */
  original?: string;
  shown?: string;
  fontSize?: number;
  requestedSize?: number;
}

export interface PreflightReport {
  findings: PreflightIssue[];
  blocking: number;
  warnings: number;
  /** What was laid out: variants × sizes × languages (each capped). */
  checked: { variants: string[]; sizes: string[]; languages: string[]; layouts: number };
  /** Parts left out by the caps, named (empty when nothing was). */
  capped: string[];
}

/** At most 12 variants × 8 sizes × 4 languages = 384 layouts (a layout measures text, draws nothing). */
export const PREFLIGHT_CAPS = { variants: 12, sizes: 8, languages: 4 } as const;

const REASONS: ReadonlyMap<PreflightCheck, [Severity, string]> = new Map([
  ['contrast', ['blocking', 'text drawn in these colours is below WCAG AA (4.5:1): shoppers with low vision cannot read it']],
  ['never_eligible', ['blocking', 'the variant can never serve: its conditions contradict each other, the flight or the regions']],
  ['cta_cut', ['blocking', 'the call to action is cut off: shoppers cannot tell what the button does']],
  ['promo_code_cut', ['blocking', 'the promo code is cut off: shoppers cannot type it at checkout']],
  ['text_shortened', ['warning', 'the copy was shortened with an ellipsis to fit; the creative still reads, but not as written']],
  ['image_missing', ['warning', 'the product has no usable photo: the template draws its empty photo state']],
  ['not_laid_out', ['warning', 'nothing could be laid out for this variant here (no eligible product now); stock may change before it serves']],
]);

function issue(check: PreflightCheck, rest: Omit<PreflightIssue, 'check' | 'severity' | 'reason'>): PreflightIssue {
  const [severity, reason] = REASONS.get(check)!;
  return { check, severity, reason, ...rest };
}

function languagesOf(c: Campaign, variants: readonly Variant[], regions: ReadonlyMap<string, Region>): Lang[] {
  const wanted = new Set<string>();
  for (const r of c.regions) {
    const region = regions.get(r);
    if (region) wanted.add(region.defaultLang);
  }
  for (const v of variants) for (const l of Object.keys(v.copy)) wanted.add(l.split('-')[0]!.toLowerCase());
  // The engine draws the languages it has fonts and layouts for; others fall back to English copy.
  return LANGS.filter((l) => wanted.has(l));
}

/** A region that speaks the language (prices and digits as its shoppers see them), else the first targeted one. */
function regionFor(lang: Lang, c: Campaign, regions: ReadonlyMap<string, Region>): string {
  return c.regions.find((r) => regions.get(r)?.defaultLang === lang) ?? c.regions[0]!;
}

/** An instant inside the flight (now when it is running), so a future flight can be checked today. */
function instantInFlight(c: Campaign, now: number): string {
  const start = Date.parse(c.startsAt);
  const end = Date.parse(c.endsAt);
  const t = Math.min(Math.max(now, start + 60_000), end - 60_000);
  return new Date(Number.isFinite(t) ? t : now).toISOString();
}

function fitIssues(entries: ReturnType<typeof fitReport>, subject: string, size: string, lang: string, region: string): PreflightIssue[] {
  const out: PreflightIssue[] = [];
  for (const e of entries) {
    if (!e.truncated) continue;
    const check: PreflightCheck = e.field === 'cta' ? 'cta_cut' : e.field === 'promo_code' ? 'promo_code_cut' : 'text_shortened';
    const field = e.product !== undefined && e.product > 0 ? `${e.field}[${e.product}]` : e.field;
    const detail = e.shown ? `"${e.original}" is drawn as "${e.shown}" at ${e.fontSize}px (asked ${e.requestedSize}px)` : `"${e.original}" was left out for room`;
    out.push(issue(check, { subject, field, size, lang, region, detail, original: e.original, shown: e.shown, fontSize: e.fontSize, requestedSize: e.requestedSize }));
  }
  return out;
}

/**
 * A variant as it looks, whatever its conditions: decided alone, conditions and caps set aside
 * (they decide *when* it serves, not how it looks); a cart variant is shown with a catalog product.
 */
export function probeDecision(deps: ServeDeps, c: Campaign, v: Variant, lang: Lang, size: string, region?: string): Promise<RequestDecision> {
  const probe: Variant = { ...v, conditions: [], productSource: v.productSource === 'explicit' ? 'explicit' : 'catalog' };
  const campaign: Campaign = { ...c, status: 'active', frequencyCap: null, holdoutShare: 0 };
  const at = instantInFlight(c, deps.clock());
  return decideWith(deps, { campaign: c.id, variant: v.id, size, region: region ?? c.regions[0]!, lang, at, seed: '1', format: 'json' }, () => [{ campaign, variants: [probe] }]);
}

/** The region a language is checked in: one that speaks it, else the first targeted. */
export function probeRegion(lang: Lang, c: Campaign, regions: ReadonlyMap<string, Region>): string {
  return regionFor(lang, c, regions);
}

/** One variant in one language: decided once, laid out at every size. */
async function layoutVariant(deps: ServeDeps, c: Campaign, v: Variant, lang: Lang, region: string, sizes: string[]): Promise<PreflightIssue[]> {
  const rd = await probeDecision(deps, c, v, lang, sizes[0]!, region);
  if (rd.result.kind !== 'decision') return [issue('not_laid_out', { subject: v.id, field: 'product', lang, region, detail: rd.result.none.reason })];
  const decision = rd.result.decision;
  const out: PreflightIssue[] = [];
  const images = await Promise.all(
    decision.products.map(async (cp) => ({ id: cp.product.id, link: cp.product.imageLink || null, ok: cp.product.imageLink ? (await deps.images.load(cp.product.imageLink, 256).catch(() => null)) !== null : false })),
  );
  const why = (link: string) => {
    const reason = deps.images.failureReason(link);
    return reason ? ` (${reason})` : '';
  };
  for (const img of images) {
    if (!img.ok) out.push(issue('image_missing', { subject: v.id, field: 'image', lang, region, detail: img.link ? `product ${img.id}: ${img.link} could not be loaded${why(img.link)}` : `product ${img.id} has no image_link` }));
  }
  for (const size of sizes) {
    const draft = decisionSlots(decision, { ...rd.signals, size: parseSize(size)! }, rd.region);
    // Photos do not change the layout (a missing one keeps its box): lay out without loading them.
    const slots = { ...draft, products: draft.products.map((p) => ({ ...p, image: null })) } as Slots;
    out.push(...fitIssues(fitReport(slots, { templates: deps.templates, measure: deps.fonts.measure }), v.id, size, lang, region));
  }
  return out;
}

export async function campaignPreflight(deps: ServeDeps, campaign: Campaign, variants: readonly Variant[]): Promise<PreflightReport> {
  const snap = await deps.configCache.get();
  const regions = snap.regionByCode;
  const findings: PreflightIssue[] = domainPreflight(campaign, variants, (r) => regions.get(r)?.tz).map((f) => issue(f.check, { subject: f.subject, field: f.field, detail: f.detail }));
  const allSizes = campaign.sizes.length ? campaign.sizes : [...SIZE_KEYS];
  const allLangs = languagesOf(campaign, variants, regions);
  const sizes = allSizes.slice(0, PREFLIGHT_CAPS.sizes);
  const langs = allLangs.slice(0, PREFLIGHT_CAPS.languages);
  const checkedVariants = variants.slice(0, PREFLIGHT_CAPS.variants);
  const capped = [
    ...(variants.length > checkedVariants.length ? [`variants: ${checkedVariants.length} of ${variants.length} laid out (cap ${PREFLIGHT_CAPS.variants})`] : []),
    ...(allSizes.length > sizes.length ? [`sizes: ${sizes.length} of ${allSizes.length} (cap ${PREFLIGHT_CAPS.sizes})`] : []),
    ...(allLangs.length > langs.length ? [`languages: ${langs.length} of ${allLangs.length} (cap ${PREFLIGHT_CAPS.languages})`] : []),
  ];
  let layouts = 0;
  if (campaign.regions.length) {
    for (const v of checkedVariants) {
      for (const lang of langs) {
        findings.push(...(await layoutVariant(deps, campaign, v, lang, regionFor(lang, campaign, regions), sizes)));
        layouts += sizes.length;
      }
    }
  }
  // One product's missing photo is one finding per variant, whichever languages showed it.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    if (f.check !== 'image_missing') return true;
    const key = `${f.subject}|${f.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const blocking = unique.filter((f) => f.severity === 'blocking').length;
  return { findings: unique, blocking, warnings: unique.length - blocking, checked: { variants: checkedVariants.map((v) => v.id), sizes, languages: langs, layouts }, capped };
}

/** One line per finding, for error messages and logs. */
export function findingLine(f: PreflightIssue): string {
  const where = [f.size, f.lang, f.region].filter(Boolean).join(', ');
  return `${f.check} in ${f.subject}${f.field ? ` (${f.field})` : ''}${where ? ` at ${where}` : ''}: ${f.detail}`;
}
