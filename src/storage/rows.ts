// Domain values ↔ table rows. Pure mapping, no queries.
import { productValue } from '../domain/score.ts';
import type { Campaign, InventoryLevel, Product, Promo, Region, Variant } from '../domain/types.ts';
import type { EventRecord } from './port.ts';
import type * as t from './schema.ts';

export type ProductRow = typeof t.products.$inferSelect;
export type InventoryRow = typeof t.inventory.$inferInsert;

export function productToRow(p: Product): ProductRow {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    link: p.link,
    imageLink: p.imageLink,
    availability: p.availability,
    price: p.price,
    currency: p.currency,
    salePrice: p.salePrice,
    saleStart: p.saleStart,
    saleEnd: p.saleEnd,
    brand: p.brand,
    gtin: p.gtin,
    productType: p.productType,
    googleProductCategory: p.googleProductCategory,
    category: p.category,
    customLabel0: p.customLabels[0],
    customLabel1: p.customLabels[1],
    customLabel2: p.customLabels[2],
    customLabel3: p.customLabels[3],
    customLabel4: p.customLabels[4],
    margin: p.margin,
    returnRate: p.returnRate,
    i18n: JSON.stringify(p.i18n),
    createdAt: p.createdAt,
    details: p.details ? JSON.stringify(p.details) : '{}',
    itemGroupId: p.details?.itemGroupId ?? null,
  };
}

export function rowToProduct(r: ProductRow): Product {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    link: r.link,
    imageLink: r.imageLink,
    availability: r.availability as Product['availability'],
    price: r.price,
    currency: r.currency,
    salePrice: r.salePrice,
    saleStart: r.saleStart,
    saleEnd: r.saleEnd,
    brand: r.brand,
    gtin: r.gtin,
    productType: r.productType,
    googleProductCategory: r.googleProductCategory,
    category: r.category,
    customLabels: [r.customLabel0, r.customLabel1, r.customLabel2, r.customLabel3, r.customLabel4],
    margin: r.margin,
    returnRate: r.returnRate,
    i18n: JSON.parse(r.i18n) as Product['i18n'],
    createdAt: r.createdAt,
    ...(r.details && r.details !== '{}' ? { details: JSON.parse(r.details) as Product['details'] } : {}),
  };
}

/** The inventory row of a level, with the product's category and rank copied in for the index. */
export function inventoryToRow(l: InventoryLevel, p: { category: string; margin: number | null; returnRate: number | null }): InventoryRow {
  return {
    productId: l.productId,
    region: l.region,
    storeCode: l.storeCode ?? '',
    quantity: l.quantity,
    updatedAt: l.updatedAt,
    setAt: l.updatedAt,
    category: p.category,
    rank: productValue(p as Product),
  };
}

export function rowToInventory(r: typeof t.inventory.$inferSelect): InventoryLevel {
  return { productId: r.productId, region: r.region, storeCode: r.storeCode === '' ? null : r.storeCode, quantity: r.quantity, updatedAt: r.updatedAt };
}

export function regionToRow(r: Region): typeof t.regions.$inferInsert {
  return { code: r.code, country: r.country, name: r.name, tz: r.tz, currency: r.currency, defaultLang: r.defaultLang, weekend: r.weekend, locale: r.locale ?? null, digits: r.digits ?? null };
}

export function rowToRegion(r: typeof t.regions.$inferSelect): Region {
  return { code: r.code, country: r.country, name: r.name as Region['name'], tz: r.tz, currency: r.currency, defaultLang: r.defaultLang as Region['defaultLang'], weekend: r.weekend as number[], ...(r.locale ? { locale: r.locale } : {}), ...(r.digits === 'arab' || r.digits === 'latn' ? { digits: r.digits } : {}) };
}

export function promoToRow(p: Promo): typeof t.promos.$inferInsert {
  return { id: p.id, name: p.name, regions: p.regions, startsLocal: p.startsLocal, endsLocal: p.endsLocal, discount: p.discount, selector: p.selector, code: p.code, priority: p.priority, copy: p.copy };
}

export function rowToPromo(r: typeof t.promos.$inferSelect): Promo {
  return {
    id: r.id,
    name: r.name,
    regions: r.regions as string[],
    startsLocal: r.startsLocal,
    endsLocal: r.endsLocal,
    discount: r.discount as Promo['discount'],
    selector: r.selector as Promo['selector'],
    code: r.code,
    priority: r.priority,
    copy: r.copy as Promo['copy'],
  };
}

export function campaignToRow(c: Campaign): typeof t.campaigns.$inferInsert {
  return { id: c.id, status: c.status, data: c };
}

export function variantToRow(v: Variant): typeof t.variants.$inferInsert {
  return { id: v.id, campaignId: v.campaignId, data: v };
}

export function eventToRow(e: EventRecord): typeof t.events.$inferInsert {
  return {
    id: e.id,
    type: e.type,
    decisionId: e.decisionId,
    campaignId: e.campaignId,
    variantId: e.variantId,
    productId: e.productId,
    region: e.region,
    at: e.at,
    test: e.test,
    bucket: e.bucket ?? null,
    holdout: e.holdout ?? false,
    userHash: e.userHash ?? null,
    segments: e.segments?.length ? e.segments : null,
    value: e.value ?? null,
    currency: e.currency ?? null,
    credit: e.credit ?? null,
    tokenId: e.tokenId ?? null,
    replay: e.replay ?? false,
  };
}

export function rowToEvent(r: typeof t.events.$inferSelect): EventRecord {
  return {
    id: r.id,
    type: r.type as EventRecord['type'],
    decisionId: r.decisionId,
    campaignId: r.campaignId,
    variantId: r.variantId,
    productId: r.productId,
    region: r.region,
    at: r.at,
    test: r.test,
    bucket: r.bucket,
    holdout: r.holdout,
    userHash: r.userHash,
    segments: (r.segments as string[] | null) ?? null,
    value: r.value,
    currency: r.currency,
    credit: r.credit,
    tokenId: r.tokenId,
    replay: r.replay,
  };
}
