// The authoring API's documents as zod schemas: the one place the admin routes validate with, and
// what the OpenAPI document registers. Objects are strict: an unknown field is named, not dropped.
import { z } from 'zod';
import { SIZE_KEYS } from '../../domain/sizes.ts';
import type { ConditionOp, ConditionSignal, ProductSource, TemplateId } from '../../domain/types.ts';

export const CONDITION_SIGNALS = ['stock', 'low_stock', 'promo', 'daypart', 'weekday', 'weekend', 'weather', 'device', 'lang', 'new_arrival', 'region', 'availability', 'segment', 'loyalty_tier', 'personalized'] as const satisfies readonly ConditionSignal[];
export const CONDITION_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in'] as const satisfies readonly ConditionOp[];
export const TEMPLATE_IDS = ['hero', 'promo', 'carousel', 'overlay'] as const satisfies readonly TemplateId[];
export const PRODUCT_SOURCES = ['catalog', 'cart', 'recent_purchase_complement', 'explicit'] as const satisfies readonly ProductSource[];
export const CHANNELS = ['web', 'app', 'ctv'] as const;
/** Placeholders copy may use; anything else in braces is a mistake the editor should hear about. */
export const PLACEHOLDERS = ['title', 'brand', 'price', 'discount', 'region', 'stock', 'code', 'tier', 'cart_item'] as const;

export const resourceId = z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'expected 1-64 letters, digits, _ . - (starting with a letter or digit)');
const wall = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected local time YYYY-MM-DDTHH:mm');
const text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const strings = (max: number) => z.array(text(200)).max(max, `at most ${max} entries`);
/** BCP 47 language tag (`en`, `ar`, `ar-SA`, `zh-Hant-TW`…). */
export const langTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as en, ar or ar-SA');
const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour #rrggbb');
const httpsUrl = z.string().max(2048).url('expected an absolute URL').refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL');

function placeholders(s: string, ctx: z.RefinementCtx): void {
  for (const m of s.matchAll(/\{(\w*)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${m[1]}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
  }
}
const copyText = (max: number) => text(max).superRefine(placeholders);

/** Per-language values; `en` is required (every other language falls back to it). */
function perLanguage<T extends z.ZodType>(value: T) {
  return z
    .record(langTag, value)
    .refine((r) => Object.hasOwn(r, 'en'), { message: 'an "en" entry is required (other languages fall back to it)', path: ['en'] })
    .refine((r) => Object.keys(r).length <= 20, 'at most 20 languages');
}

export const conditionSchema = z.strictObject({
  signal: z.enum(CONDITION_SIGNALS),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string().max(100), z.number(), z.boolean(), z.array(z.union([z.string().max(100), z.number()])).max(50)]),
});

export const variantCopySchema = z.strictObject({ headline: copyText(120), subline: copyText(200).optional(), cta: copyText(40) });

export const variantSchema = z
  .strictObject({
    id: resourceId,
    name: text(200),
    template: z.enum(TEMPLATE_IDS),
    copy: perLanguage(variantCopySchema),
    conditions: z.array(conditionSchema).max(20).default([]),
    /** Prior click-through estimate used before any learning. */
    prior: z.number().gt(0, 'must be > 0').max(1, 'must be <= 1').default(0.01),
    productSource: z.enum(PRODUCT_SOURCES).default('catalog'),
    productIds: z.array(text(200)).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.productSource === 'explicit' && !v.productIds?.length) ctx.addIssue({ code: 'custom', path: ['productIds'], message: 'an explicit variant names at least one product id' });
    if (v.productSource !== 'explicit' && v.productIds?.length) ctx.addIssue({ code: 'custom', path: ['productIds'], message: `only explicit variants name product ids (this one is ${v.productSource})` });
  });

export const selectorSchema = z
  .strictObject({
    categories: strings(100).optional(),
    brands: strings(100).optional(),
    labels: strings(100).optional(),
    productIds: strings(500).optional(),
    priceMin: z.number().nonnegative().optional(),
    priceMax: z.number().positive().optional(),
    exclude: z.strictObject({ productIds: strings(500).optional(), brands: strings(100).optional(), categories: strings(100).optional(), labels: strings(100).optional() }).optional(),
  })
  .refine((s) => s.priceMin === undefined || s.priceMax === undefined || s.priceMin <= s.priceMax, { message: 'must be <= priceMax', path: ['priceMin'] });

const campaignShape = {
    name: text(200),
    advertiser: text(200),
    adomain: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'expected a domain such as brand.example'),
    startsLocal: wall,
    endsLocal: wall,
    regions: z.array(text(16)).min(1, 'name at least one region').max(200),
    sizes: z.array(z.enum(SIZE_KEYS)).default([]),
    channels: z.array(z.enum(CHANNELS)).min(1).default([...CHANNELS]),
    selector: selectorSchema.default({}),
    fallback: z.strictObject({ headline: perLanguage(text(120)), link: httpsUrl }),
    frequencyCap: z.number().int().min(1).max(1000).nullable().default(null),
    optimization: z.enum(['thompson', 'rules']).default('thompson'),
    holdoutShare: z.number().min(0).max(0.5).optional(),
    bidCpm: z.number().positive().max(1000).nullable().default(null),
    iabCategories: z.array(z.string().regex(/^IAB\d{1,2}(-\d{1,2})?$/, 'expected an IAB category such as IAB18 or IAB18-3')).max(20).default([]),
    placements: z.array(resourceId).max(100).default([]),
    deals: z.array(z.string().min(1).max(128)).max(100).default([]),
    brandKitId: resourceId.nullable().default(null),
    defaultVariantId: resourceId.optional(),
    lowStockThreshold: z.number().int().min(0).max(1000).default(5),
    brandColor: hex.default('#111827'),
    complements: z.record(text(200), strings(20)).optional(),
    variants: z.array(variantSchema).min(1, 'a campaign needs at least one variant').max(50),
};

function campaignRules(c: z.output<z.ZodObject<typeof campaignShape>>, ctx: z.RefinementCtx): void {
    if (c.startsLocal >= c.endsLocal) ctx.addIssue({ code: 'custom', path: ['startsLocal'], message: 'must be before endsLocal' });
    const ids = new Set<string>();
    c.variants.forEach((v, i) => {
      if (ids.has(v.id)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: `duplicate variant id "${v.id}"` });
      ids.add(v.id);
    });
    if (c.defaultVariantId !== undefined && !ids.has(c.defaultVariantId)) ctx.addIssue({ code: 'custom', path: ['defaultVariantId'], message: `no variant "${c.defaultVariantId}" in this campaign` });
}

/** A campaign version's document: the campaign and its variants. */
export const campaignDocSchema = z.strictObject(campaignShape).superRefine(campaignRules);
export type CampaignDoc = z.output<typeof campaignDocSchema>;
/** Create: the document and the campaign's id. */
export const campaignCreateSchema = z.strictObject({ id: resourceId, ...campaignShape }).superRefine(campaignRules);
/** Update: the document and the version it was edited from. */
export const campaignUpdateSchema = z.strictObject({ version: z.number().int().positive(), ...campaignShape }).superRefine(campaignRules);

/** Optimistic concurrency: every write names the version (or revision) it was made from. */
export const versionField = z.number().int().positive();
export const reviewActionSchema = z.strictObject({ version: versionField, comment: z.string().trim().max(2000).optional() });
export const rejectSchema = z.strictObject({ version: versionField, comment: z.string().trim().min(1, 'a rejection says why').max(2000) });
export const operateSchema = z.strictObject({ comment: z.string().trim().max(2000).optional() });

export const placementSchema = z.strictObject({
  name: text(200),
  sizes: z.array(z.enum(SIZE_KEYS)).default([]),
  channel: z.enum(CHANNELS),
  campaignOrder: z.array(resourceId).max(100).default([]),
});

export const brandKitSchema = z.strictObject({
  name: text(200),
  colors: z.strictObject({ primary: hex, secondary: hex, text: hex, background: hex, accent: hex.optional() }),
  cta: z.strictObject({ shape: z.enum(['rounded', 'pill', 'square']), background: hex, text: hex, uppercase: z.boolean().default(false) }),
});
