// The drizzle schema: Merchant Center products, inventory per product × region (× store),
// promos, campaigns, variants, events, assets, settings. Nested domain values are JSON text.
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  country: text('country').notNull(),
  name: text('name', { mode: 'json' }).notNull(),
  tz: text('tz').notNull(),
  currency: text('currency').notNull(),
  defaultLang: text('default_lang').notNull(),
  weekend: text('weekend', { mode: 'json' }).notNull(),
  /** BCP 47 locale prices are formatted for; null = the language's default. */
  locale: text('locale'),
  /** `arab` or `latn` digits in Arabic copy; null = `latn`. */
  digits: text('digits'),
});

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    link: text('link').notNull(),
    imageLink: text('image_link').notNull(),
    availability: text('availability').notNull(),
    price: real('price').notNull(),
    currency: text('currency').notNull(),
    salePrice: real('sale_price'),
    saleStart: text('sale_start'),
    saleEnd: text('sale_end'),
    brand: text('brand'),
    gtin: text('gtin'),
    productType: text('product_type'),
    googleProductCategory: text('google_product_category'),
    category: text('category').notNull(),
    customLabel0: text('custom_label_0'),
    customLabel1: text('custom_label_1'),
    customLabel2: text('custom_label_2'),
    customLabel3: text('custom_label_3'),
    customLabel4: text('custom_label_4'),
    margin: real('margin'),
    returnRate: real('return_rate'),
    i18n: text('i18n').notNull().default('{}'),
    createdAt: text('created_at').notNull(),
    /** More Merchant Center attributes (ProductDetails, JSON); `{}` on rows older than them. */
    details: text('details').notNull().default('{}'),
    /** Variants of one product share it; the engine may show the sibling in stock in a region. */
    itemGroupId: text('item_group_id'),
  },
  (t) => [index('products_brand').on(t.brand), index('products_item_group').on(t.itemGroupId).where(sql`item_group_id IS NOT NULL`)],
);

export const inventory = sqliteTable(
  'inventory',
  {
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    /** '' = the regional total; otherwise a store within the region. */
    storeCode: text('store_code').notNull().default(''),
    quantity: integer('quantity').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** When the last absolute count was taken: a delta older than it is already counted in it. */
    setAt: text('set_at'),
    // Copied from the product so candidate lookups never touch the products table.
    category: text('category').notNull(),
    rank: real('rank').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.region, t.storeCode] }),
    check('inventory_quantity_non_negative', sql`${t.quantity} >= 0`),
    // The hot path: best-ranked in-stock products of a category in a region, read in (reverse) index order.
    index('inventory_candidates')
      .on(t.region, t.category, t.rank, t.productId, t.quantity)
      .where(sql`quantity > 0 AND store_code = ''`),
    index('inventory_region_rank')
      .on(t.region, t.rank, t.productId, t.quantity)
      .where(sql`quantity > 0 AND store_code = ''`),
  ],
);

/** Physical stores (Merchant Center store codes) and the region each belongs to. */
export const stores = sqliteTable('stores', {
  code: text('code').primaryKey(),
  region: text('region').notNull(),
  name: text('name'),
});

/** Regional inventory feed: price and availability overrides for one product in one region. */
export const regionalOffers = sqliteTable(
  'regional_offers',
  {
    productId: text('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    price: real('price'),
    salePrice: real('sale_price'),
    saleStart: text('sale_start'),
    saleEnd: text('sale_end'),
    availability: text('availability'),
    /** Currency of price/sale_price when it is not the product's (the region's own); null = the product's. */
    currency: text('currency'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.region] })],
);

export const promos = sqliteTable('promos', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  regions: text('regions', { mode: 'json' }).notNull(),
  startsLocal: text('starts_local').notNull(),
  endsLocal: text('ends_local').notNull(),
  discount: text('discount', { mode: 'json' }).notNull(),
  selector: text('selector', { mode: 'json' }).notNull(),
  code: text('code'),
  priority: integer('priority').notNull(),
  copy: text('copy', { mode: 'json' }).notNull(),
});

export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  status: text('status').notNull(),
  /** The whole Campaign as JSON; status is a column for operators' queries. */
  data: text('data', { mode: 'json' }).notNull(),
});

export const variants = sqliteTable(
  'variants',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    data: text('data', { mode: 'json' }).notNull(),
  },
  (t) => [index('variants_campaign').on(t.campaignId)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    decisionId: text('decision_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    variantId: text('variant_id'),
    productId: text('product_id'),
    region: text('region'),
    at: text('at').notNull(),
    test: integer('test', { mode: 'boolean' }).notNull().default(false),
    /** Learning context (region|daypart|device) the decision was made in. */
    bucket: text('bucket'),
    /** The decision served the campaign's default variant as holdout traffic. */
    holdout: integer('holdout', { mode: 'boolean' }).notNull().default(false),
    /** Keyed hash of the user id, only when consent allowed personalization; erasure nulls it. */
    userHash: text('user_hash'),
    /** Profile segments at decision time (JSON array), only with consent. */
    segments: text('segments', { mode: 'json' }),
    /** Conversion value, a win/bill notice's clearing price, or a VAST error ping's error code. */
    value: real('value'),
    currency: text('currency'),
    /** A conversion's share of credit (position-based attribution); null = whole. */
    credit: real('credit'),
    /** Click / scan token nonce: the same token used again is a replay. */
    tokenId: text('token_id'),
    /** A click or scan whose token was already counted in the window: stored, never counted. */
    replay: integer('replay', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('events_decision').on(t.decisionId),
    index('events_campaign_type').on(t.campaignId, t.type),
    index('events_user').on(t.userHash).where(sql`user_hash IS NOT NULL`),
  ],
);

/** First-party profiles, keyed by a keyed hash of the merchant's user id (never the raw id). */
export const profiles = sqliteTable(
  'profiles',
  {
    userHash: text('user_hash').primaryKey(),
    data: text('data', { mode: 'json' }).notNull(),
    updatedAt: text('updated_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('profiles_expiry').on(t.expiresAt)],
);

/** Impressions per user, campaign and (UTC) day, for frequency caps. Written in event batches. */
export const frequency = sqliteTable(
  'frequency',
  {
    userHash: text('user_hash').notNull(),
    campaignId: text('campaign_id').notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userHash, t.campaignId, t.day] })],
);

/** Learning state: trials and rewards per campaign × context bucket × variant. Written in event batches. */
export const policyArms = sqliteTable(
  'policy_arms',
  {
    campaignId: text('campaign_id').notNull(),
    bucket: text('bucket').notNull(),
    variantId: text('variant_id').notNull(),
    impressions: integer('impressions').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    conversions: integer('conversions').notNull().default(0),
    /** Epoch ms of the last change: readers refresh incrementally. */
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.bucket, t.variantId] }), index('policy_arms_updated').on(t.updatedAt)],
);

/** Conversions by order id (idempotency key), attributed to a decision within the click window or not. */
export const conversions = sqliteTable(
  'conversions',
  {
    orderId: text('order_id').primaryKey(),
    decisionId: text('decision_id'),
    campaignId: text('campaign_id'),
    variantId: text('variant_id'),
    attributed: integer('attributed', { mode: 'boolean' }).notNull(),
    reason: text('reason').notNull(),
    value: real('value').notNull(),
    currency: text('currency').notNull(),
    userHash: text('user_hash'),
    at: text('at').notNull(),
    /** click_through | view_through, when attributed. */
    attribution: text('attribution'),
    /** The attribution model that credited it (last_touch | position_based). */
    model: text('model'),
    /** Revenue in the report currency (VITRINE_REPORT_CURRENCY), and the rate and its date that converted it. */
    reportValue: real('report_value'),
    reportCurrency: text('report_currency'),
    fxRate: real('fx_rate'),
    fxDate: text('fx_date'),
  },
  (t) => [index('conversions_decision').on(t.decisionId), index('conversions_user').on(t.userHash).where(sql`user_hash IS NOT NULL`)],
);

/** Erased users (keyed hashes): events still in flight for them are stored unlinked. */
export const erasures = sqliteTable('erasures', {
  userHash: text('user_hash').primaryKey(),
  at: text('at').notNull(),
});

export const assets = sqliteTable('assets', {
  key: text('key').primaryKey(),
  contentType: text('content_type').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
});

export * from './schema-merchant.ts';
export * from './schema-exchange.ts';
export * from './schema-audit.ts';
export * from './schema-authoring.ts';
export * from './schema-accounts.ts';
export * from './schema-rates.ts';
export * from './schema-events.ts';
export * from './schema-photos.ts';
