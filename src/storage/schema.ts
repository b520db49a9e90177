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
  },
  (t) => [index('products_brand').on(t.brand)],
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
  },
  (t) => [index('events_decision').on(t.decisionId), index('events_campaign_type').on(t.campaignId, t.type)],
);

export const assets = sqliteTable('assets', {
  key: text('key').primaryKey(),
  contentType: text('content_type').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
});
