// The campaign editor's form ⇄ the authoring API's campaign document. Input names ARE the
// document's field paths (`variants.0.copy.ar.headline`), so the API's field errors land next to
// their inputs without a mapping table. Parsing never validates: the document goes to the same
// service (and zod schema) a script's POST /v1/admin/campaigns goes to, which names every problem.
import { conditionValue } from '../domain/signal-options.ts';

/** Copy languages the editor offers (English is required by the document; Arabic right to left). */
export const EDITOR_LANGS = ['en', 'ar'] as const;
export const COPY_FIELDS = ['headline', 'subline', 'cta'] as const;

/** A form body: every value of every name (checkbox groups and repeated names keep all). */
export type FormValues = ReadonlyMap<string, readonly string[]>;

/** The document as the form holds it: the campaign document's shape, values not yet validated. */
export type DraftDoc = Record<string, unknown> & { variants?: Array<Record<string, unknown>> };

export function formValues(body: Record<string, string | File | Array<string | File>>): FormValues {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(body)) out.set(k, (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));
  return out;
}

function reader(f: FormValues) {
  const all = (k: string): string[] => [...(f.get(k) ?? [])];
  const one = (k: string): string => (f.get(k)?.[0] ?? '').trim();
  const list = (k: string): string[] => all(k).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  // A number when it reads as one; other text is kept so the schema names the field.
  const num = (k: string): number | string | undefined => {
    const s = one(k);
    if (s === '') return undefined;
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
  };
  return { all, one, list, num };
}

/** Indices present under `prefix.N.` in the form, in order. */
function indices(f: FormValues, prefix: string): number[] {
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d{1,3})\\.`);
  const seen = new Set<number>();
  for (const k of f.keys()) {
    const m = re.exec(k);
    if (m) seen.add(Number(m[1]));
  }
  return [...seen].sort((a, b) => a - b);
}

function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return;
  o[k] = v;
}

function selectorOf(r: ReturnType<typeof reader>): Record<string, unknown> {
  const sel: Record<string, unknown> = {};
  for (const k of ['categories', 'brands', 'labels', 'productIds']) put(sel, k, r.list(`selector.${k}`));
  put(sel, 'priceMin', r.num('selector.priceMin'));
  put(sel, 'priceMax', r.num('selector.priceMax'));
  const ex: Record<string, unknown> = {};
  for (const k of ['productIds', 'brands', 'categories', 'labels']) put(ex, k, r.list(`selector.exclude.${k}`));
  if (Object.keys(ex).length) sel.exclude = ex;
  return sel;
}

function variantOf(f: FormValues, r: ReturnType<typeof reader>, i: number): Record<string, unknown> {
  const p = `variants.${i}`;
  const v: Record<string, unknown> = { id: r.one(`${p}.id`), name: r.one(`${p}.name`), template: r.one(`${p}.template`) };
  const copy: Record<string, Record<string, string>> = {};
  for (const lang of EDITOR_LANGS) {
    const c: Record<string, string> = {};
    for (const field of COPY_FIELDS) {
      const s = r.one(`${p}.copy.${lang}.${field}`);
      if (s || field !== 'subline') c[field] = s;
    }
    // A language left blank falls back to English; English itself is required (the schema says so).
    if (lang === 'en' || COPY_FIELDS.some((field) => r.one(`${p}.copy.${lang}.${field}`))) copy[lang] = c;
  }
  v.copy = copy;
  v.conditions = indices(f, `${p}.conditions`)
    .map((j) => ({ signal: r.one(`${p}.conditions.${j}.signal`), op: r.one(`${p}.conditions.${j}.op`), raw: r.all(`${p}.conditions.${j}.value`) }))
    .filter((c) => c.signal)
    .map((c) => ({ signal: c.signal, op: c.op, value: conditionValue(c.signal, c.op, c.raw) }));
  put(v, 'prior', r.num(`${p}.prior`));
  put(v, 'productSource', r.one(`${p}.productSource`) || undefined);
  put(v, 'productIds', r.list(`${p}.productIds`));
  return v;
}

/** The campaign document a form describes (create: with `id`; edit: with `version`). */
export function docFromForm(f: FormValues): DraftDoc {
  const r = reader(f);
  const doc: DraftDoc = {};
  put(doc, 'id', r.one('id') || undefined);
  put(doc, 'version', r.num('version'));
  for (const k of ['name', 'advertiser', 'adomain', 'startsLocal', 'endsLocal', 'optimization', 'brandColor']) doc[k] = r.one(k);
  if (!doc.brandColor) delete doc.brandColor;
  if (!doc.optimization) delete doc.optimization;
  doc.regions = r.all('regions').filter(Boolean);
  doc.sizes = r.all('sizes').filter(Boolean);
  doc.channels = r.all('channels').filter(Boolean);
  doc.placements = r.all('placements').filter(Boolean);
  doc.deals = r.list('deals');
  doc.iabCategories = r.list('iabCategories');
  doc.brandKitId = r.one('brandKitId') || null;
  const cap = r.num('frequencyCap');
  doc.frequencyCap = cap ?? null;
  const bid = r.num('bidCpm');
  doc.bidCpm = bid ?? null;
  // The form asks for a percent (what marketers say); the document stores a share.
  const hold = r.num('holdoutShare');
  put(doc, 'holdoutShare', typeof hold === 'number' ? Math.round(hold * 100) / 10_000 : hold);
  put(doc, 'lowStockThreshold', r.num('lowStockThreshold'));
  doc.selector = selectorOf(r);
  const headline: Record<string, string> = { en: r.one('fallback.headline.en') };
  if (r.one('fallback.headline.ar')) headline.ar = r.one('fallback.headline.ar');
  doc.fallback = { headline, link: r.one('fallback.link') };
  doc.variants = indices(f, 'variants').map((i) => variantOf(f, r, i));
  put(doc, 'defaultVariantId', r.one('defaultVariantId') || undefined);
  return doc;
}

/** The input a field path names: itself, the first input under it, or its nearest named parent. */
export function inputFor(path: string, names: ReadonlySet<string>): string | null {
  let p = path;
  while (p) {
    if (names.has(p)) return p;
    for (const n of names) if (n.startsWith(`${p}.`)) return n;
    const cut = p.lastIndexOf('.');
    p = cut < 0 ? '' : p.slice(0, cut);
  }
  return null;
}

/** The holdout is edited in percent: the schema's share bounds are said in percent too. */
export function problemReason(field: string, reason: string): string {
  return field === 'holdoutShare' ? 'expected a percentage from 0 to 50' : reason;
}
