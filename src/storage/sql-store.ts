// The Store over drizzle's SQLite core. It imports no driver: the runtime hands it a drizzle
// database and an `atomic` runner (a better-sqlite3 transaction on Node, a D1 batch later).
import { and, count, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Candidate, CampaignBundle, InventoryLevel, Product, Profile, Promo, Region } from '../domain/types.ts';
import * as audience from './audience-store.ts';
import { AuthoringStore } from './authoring-store.ts';
import * as ev from './event-store.ts';
import * as xs from './exchange-store.ts';
import { reportCounts } from './report-store.ts';
import { CatalogReader } from './catalog-reader.ts';
import { PhotoStore } from './photo-store.ts';
import { chunks } from './chunks.ts';
import * as feeds from './feed-store.ts';
import * as merchant from './merchant-store.ts';
import type {
  BrowseQuery,
  ArmRow,
  Asset,
  CandidateQuery,
  ConversionRecord,
  DeadLetter,
  EventRecord,
  EventType,
  FeedSource,
  RegionMapping,
  EventWriteOptions,
  PhotoDerivative,
  StoredDerivative,
  LocalStockRow,
  RegionalOffer,
  ReportCounts,
  ReportQuery,
  SeedData,
  StockRow,
  Store,
  StoreLocation,
  UpsertCounts,
  UserState,
} from './port.ts';
import * as rows from './rows.ts';
import * as fx from './rates-store.ts';
import type { FxRate } from '../domain/money.ts';
import * as t from './schema.ts';

export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof t>;
export interface Runnable {
  run(): unknown;
}
/** Runs the statements `build` returns as one all-or-nothing unit. */
export type Atomic = (build: (db: Db) => Runnable[]) => Promise<void>;



/** One absolute stock count: the later count (by `updated_at`) wins. */
function countUpsert(db: Db, values: Partial<Record<keyof typeof t.inventory.$inferInsert, unknown>>) {
  const inv = t.inventory;
  return db
    .insert(inv)
    .values(values as typeof inv.$inferInsert)
    .onConflictDoUpdate({
      target: [inv.productId, inv.region, inv.storeCode],
      set: { quantity: sql`excluded.quantity`, updatedAt: sql`excluded.updated_at`, setAt: sql`excluded.set_at` },
      setWhere: sql`excluded.updated_at >= ${inv.updatedAt}`,
    });
}

export class SqlStore implements Store {
  private readonly reader: CatalogReader;
  private readonly photos: PhotoStore;
  private readonly audience: audience.AudienceReader;
  private readonly upsertCount;

  constructor(
    private readonly db: Db,
    private readonly atomic: Atomic,
    private readonly maxParams = 30_000,
    /** false when `atomic` batches query builders (D1) rather than running statements (better-sqlite3). */
    private readonly opts: { prepared: boolean; dataVersion?: () => number } = { prepared: true },
  ) {
    this.reader = new CatalogReader(db, maxParams, opts.dataVersion);
    this.photos = new PhotoStore(db, atomic, maxParams);
    this.audience = new audience.AudienceReader(db);
    // One absolute stock count; prepared once, it runs in microseconds inside a batch's transaction.
    const ph = (name: string) => sql.placeholder(name);
    this.upsertCount = countUpsert(db, { productId: ph('productId'), region: ph('region'), storeCode: ph('storeCode'), quantity: ph('quantity'), updatedAt: ph('updatedAt'), setAt: ph('setAt'), category: ph('category'), rank: ph('rank') }).prepare();
    this.eventWrites = opts.prepared ? ev.prepareEventWrites(db) : undefined;
    this.productWrites = opts.prepared ? feeds.prepareProductWrites(db) : undefined;
  }

  private readonly productWrites: feeds.PreparedProductWrites | undefined;

  private readonly eventWrites: ev.PreparedEventWrites | undefined;

  private authoringStore: AuthoringStore | null = null;

  /** The authoring rows on the same database and atomic runner (one instance, so its write version is shared). */
  authoring(): AuthoringStore {
    return (this.authoringStore ??= new AuthoringStore(this.db, this.atomic));
  }

  /** The SQL of the per-category candidate query (placeholders: region, category, limit), for query-plan checks. */
  candidateQuerySql(): string {
    return this.reader.candidateQuerySql();
  }

  candidates(q: CandidateQuery): Promise<Candidate[]> {
    return this.reader.candidates(q);
  }

  private loadProducts(ids: string[]): Promise<Map<string, Product>> {
    return this.reader.loadProducts(ids);
  }

  async ping(): Promise<void> {
    await this.db.run(sql`select 1`);
  }

  async isEmpty(): Promise<boolean> {
    const [p] = await this.db.select({ n: count() }).from(t.products);
    const [c] = await this.db.select({ n: count() }).from(t.campaigns);
    return (p?.n ?? 0) === 0 && (c?.n ?? 0) === 0;
  }

  async seed(data: SeedData): Promise<void> {
    const byId = new Map(data.products.map((p) => [p.id, p]));
    const inv = data.inventory.map((l) => {
      const p = byId.get(l.productId);
      if (!p) throw new Error(`seed: inventory for unknown product "${l.productId}"`);
      return rows.inventoryToRow(l, p);
    });
    // Rows per statement from each table's real column count, under SQLite's bound-parameter limit.
    const per = (table: Parameters<typeof getTableColumns>[0]) => Math.max(1, Math.floor(this.maxParams / Object.keys(getTableColumns(table)).length));
    await this.atomic((db) => [
      ...data.regions.map((r) => db.insert(t.regions).values(rows.regionToRow(r)).onConflictDoNothing()),
      ...chunks(data.products.map(rows.productToRow), per(t.products)).map((c) => db.insert(t.products).values(c)),
      ...chunks(inv, per(t.inventory)).map((c) => db.insert(t.inventory).values(c)),
      ...data.promos.map((p) => db.insert(t.promos).values(rows.promoToRow(p))),
      ...data.campaigns.map((c) => db.insert(t.campaigns).values(rows.campaignToRow(c))),
      ...chunks(data.variants.map(rows.variantToRow), per(t.variants)).map((c) => db.insert(t.variants).values(c)),
      ...(data.stores ?? []).map((st) => db.insert(t.stores).values({ code: st.code, region: st.region, name: st.name ?? null }).onConflictDoNothing()),
      ...chunks((data.rates ?? []).map((r) => ({ ...r, setAt: `${r.date}T00:00:00.000Z` })), 20).map((c) => db.insert(t.fxRates).values(c).onConflictDoNothing()),
      ...data.assets.map((a) => db.insert(t.assets).values({ key: a.key, contentType: a.contentType, bytes: Buffer.from(a.bytes) }).onConflictDoNothing()),
    ]);
    this.reader.forget(null);
  }

  async getSetting(key: string): Promise<string | null> {
    const [r] = await this.db.select().from(t.settings).where(eq(t.settings.key, key));
    return r?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.insert(t.settings).values({ key, value }).onConflictDoUpdate({ target: t.settings.key, set: { value } });
  }

  putBuyerUid(uid: string, partner: string, at: string): Promise<void> {
    return xs.putBuyerUid(this.db, uid, partner, at);
  }

  deleteBuyerUid(uid: string): Promise<boolean> {
    return xs.deleteBuyerUid(this.db, uid);
  }

  getBuyerUid(uid: string, partner?: string): Promise<xs.BuyerUidRow | null> {
    return xs.getBuyerUid(this.db, uid, partner);
  }

  buyerUidPartners(uid: string): Promise<string[]> {
    return xs.buyerUidPartners(this.db, uid);
  }

  putScanLink(id: string, token: string, expiresAt: string): Promise<void> {
    return xs.putScanLink(this.db, id, token, expiresAt);
  }

  getScanLink(id: string): Promise<{ token: string; expiresAt: string } | null> {
    return xs.getScanLink(this.db, id);
  }

  purgeScanLinks(before: string): Promise<number> {
    return xs.purgeScanLinks(this.db, before);
  }

  async listRegions(): Promise<Region[]> {
    return (await this.db.select().from(t.regions).orderBy(t.regions.code)).map(rows.rowToRegion);
  }

  listRates(): Promise<FxRate[]> {
    return fx.listRates(this.db);
  }

  putRates(rates: FxRate[], at: string): Promise<void> {
    return fx.putRates(this.atomic, rates, at, this.maxParams);
  }

  async listCampaigns(): Promise<CampaignBundle[]> {
    const [cs, vs] = await Promise.all([this.db.select().from(t.campaigns).orderBy(t.campaigns.id), this.db.select().from(t.variants).orderBy(t.variants.id)]);
    return cs.map((c) => ({ campaign: c.data as CampaignBundle['campaign'], variants: vs.filter((v) => v.campaignId === c.id).map((v) => v.data as CampaignBundle['variants'][number]) }));
  }

  async getCampaign(id: string): Promise<CampaignBundle | null> {
    const [c] = await this.db.select().from(t.campaigns).where(eq(t.campaigns.id, id));
    if (!c) return null;
    const vs = await this.db.select().from(t.variants).where(eq(t.variants.campaignId, id)).orderBy(t.variants.id);
    return { campaign: c.data as CampaignBundle['campaign'], variants: vs.map((v) => v.data as CampaignBundle['variants'][number]) };
  }

  async listPromos(): Promise<Promo[]> {
    return (await this.db.select().from(t.promos).orderBy(t.promos.id)).map(rows.rowToPromo);
  }

  async getPromo(id: string): Promise<Promo | null> {
    const [r] = await this.db.select().from(t.promos).where(eq(t.promos.id, id));
    return r ? rows.rowToPromo(r) : null;
  }

  async putPromo(promo: Promo): Promise<void> {
    const row = rows.promoToRow(promo);
    await this.db.insert(t.promos).values(row).onConflictDoUpdate({ target: t.promos.id, set: row });
  }

  async deletePromo(id: string): Promise<boolean> {
    const gone = await this.db.delete(t.promos).where(eq(t.promos.id, id)).returning({ id: t.promos.id });
    return gone.length > 0;
  }

  async getProduct(id: string): Promise<Product | null> {
    return (await this.loadProducts([id])).get(id) ?? null;
  }

  async browseProducts(q: BrowseQuery): Promise<{ products: Product[]; inventory: InventoryLevel[] }> {
    const like = q.search ? `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const where = like ? sql`where p.id like ${like} escape '\\' or p.title like ${like} escape '\\' or p.brand like ${like} escape '\\'` : sql``;
    const ids = (await this.db.all<{ id: string }>(sql`select p.id as id from products p ${where} order by p.id limit ${q.limit} offset ${q.offset}`)).map((r) => String(r.id));
    if (ids.length === 0) return { products: [], inventory: [] };
    const byId = await this.loadProducts(ids);
    const inv: InventoryLevel[] = [];
    for (const part of chunks(ids, this.maxParams - 1)) {
      const rs = await this.db.select().from(t.inventory).where(inArray(t.inventory.productId, part)).orderBy(t.inventory.productId, t.inventory.region, t.inventory.storeCode);
      inv.push(...rs.map(rows.rowToInventory));
    }
    return { products: ids.map((id) => byId.get(id)).filter((p): p is Product => !!p), inventory: inv };
  }

  async getInventory(productId: string): Promise<InventoryLevel[]> {
    const rs = await this.db.select().from(t.inventory).where(eq(t.inventory.productId, productId)).orderBy(t.inventory.region, t.inventory.storeCode);
    return rs.map(rows.rowToInventory);
  }

  async upsertProducts(products: Product[]): Promise<UpsertCounts> {
    const existing = await this.loadProducts(products.map((p) => p.id));
    const { counts, changed } = await feeds.upsertProducts(this.atomic, products, existing, this.maxParams, this.productWrites);
    // Drop stale copies rather than caching a whole feed: the next read parses the new row.
    this.reader.forget(changed.map((p) => p.id));
    return counts;
  }

  async allProductIds(): Promise<string[]> {
    return (await this.db.select({ id: t.products.id }).from(t.products)).map((r) => r.id);
  }

  async markUnavailable(ids: string[]): Promise<number> {
    const p = t.products;
    const live: string[] = [];
    for (const c of chunks(ids, this.maxParams)) live.push(...(await this.db.select({ id: p.id }).from(p).where(and(inArray(p.id, c), sql`${p.availability} <> 'out_of_stock'`))).map((r) => r.id));
    await this.atomic((d) => chunks(live, Math.min(500, this.maxParams)).map((c) => d.update(p).set({ availability: 'out_of_stock' }).where(inArray(p.id, c))));
    this.reader.forget(live);
    return live.length;
  }

  putStores(list: StoreLocation[]): Promise<void> {
    return feeds.putStores(this.db, this.atomic, list);
  }

  listStores(): Promise<StoreLocation[]> {
    return feeds.listStores(this.db);
  }

  async applyRegionalOffers(offers: RegionalOffer[]): Promise<UpsertCounts> {
    let r: UpsertCounts;
    try {
      r = await feeds.applyRegionalOffers(this.db, this.atomic, offers, this.maxParams);
    } finally {
      this.reader.catalogChanged();
    }
    if (r.inserted > 0) this.reader.offersExist();
    return r;
  }

  async applyLocalStock(rows: LocalStockRow[]): Promise<UpsertCounts> {
    const where = new Map((await this.listStores()).map((s) => [s.code, s.region]));
    const unknown = [...new Set(rows.filter((r) => !where.has(r.storeCode)).map((r) => r.storeCode))];
    if (unknown.length) throw new Error(`stock: unknown store code(s) ${unknown.join(', ')}`);
    const products = await this.indexFields(rows.map((r) => r.productId));
    try {
      return await feeds.applyLocalStock(this.db, this.atomic, rows.map((r) => ({ ...r, region: where.get(r.storeCode)! })), products, this.maxParams);
    } finally {
      this.reader.catalogChanged();
    }
  }

  async existingProductIds(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)], Math.min(500, this.maxParams))) for (const r of await this.db.select({ id: t.products.id }).from(t.products).where(inArray(t.products.id, part))) out.add(r.id);
    return out;
  }

  /**
   * Absolute counts win by timestamp: an update older than the stored one is ignored. A delta
   * (`adjust`) applies unless it predates the last absolute count, which already includes it;
   * stock never goes below zero.
   */
  /** What inventory rows copy from a product, without parsing whole products (stock batches touch many). */
  private async indexFields(ids: string[]): Promise<Map<string, { category: string; margin: number | null; returnRate: number | null }>> {
    const p = t.products;
    const out = new Map<string, { category: string; margin: number | null; returnRate: number | null }>();
    for (const c of chunks([...new Set(ids)], this.maxParams)) {
      for (const r of await this.db.select({ id: p.id, category: p.category, margin: p.margin, returnRate: p.returnRate }).from(p).where(inArray(p.id, c))) out.set(r.id, r);
    }
    return out;
  }

  async setStock(stock: StockRow[], at: string): Promise<void> {
    const products = await this.indexFields(stock.map((s) => s.productId));
    const inv = t.inventory;
    const target = [inv.productId, inv.region, inv.storeCode];
    const rowOf = (s: StockRow, quantity: number) => {
      const p = products.get(s.productId);
      if (!p) throw new Error(`stock: unknown product "${s.productId}"`);
      return rows.inventoryToRow({ productId: s.productId, region: s.region, storeCode: s.storeCode ?? null, quantity, updatedAt: s.at ?? at }, p);
    };
    // Row order is kept, so a delta after a count in one batch applies after it.
    const statements = (d: Db): Runnable[] =>
      stock.map((s) => {
        if (s.adjust === undefined) {
          const row = rowOf(s, s.quantity!);
          return this.opts.prepared ? { run: () => this.upsertCount.run(row) } : countUpsert(d, row);
        }
        return d
          .insert(inv)
          .values({ ...rowOf(s, Math.max(0, s.adjust)), setAt: null })
          .onConflictDoUpdate({
            target,
            set: { quantity: sql`max(0, ${inv.quantity} + ${s.adjust})`, updatedAt: sql`max(${inv.updatedAt}, excluded.updated_at)` },
            setWhere: sql`${inv.setAt} IS NULL OR excluded.updated_at >= ${inv.setAt}`,
          });
      });
    try {
      await this.atomic(statements);
    } finally {
      this.reader.catalogChanged();
    }
  }

  getAsset(key: string): Promise<Asset | null> {
    return this.photos.getAsset(key);
  }

  photoDerivative(link: string, side: number): Promise<StoredDerivative | null> {
    return this.photos.derivative(link, side);
  }

  async putPhotoDerivatives(link: string, list: PhotoDerivative[]): Promise<void> {
    await this.photos.put(link, list);
  }

  photosWithoutDerivatives(limit: number): Promise<string[]> {
    return this.photos.linksWithout(limit);
  }

  recordEvents(events: EventRecord[], deadLetters: DeadLetter[] = [], opts: EventWriteOptions = { dedupeWindowMs: ev.DEFAULT_DEDUPE_WINDOW_MS }): Promise<void> {
    return ev.recordEvents(this.db, this.atomic, events, deadLetters, this.maxParams, Date.now(), opts, this.eventWrites);
  }

  listDeadLetters(limit: number): Promise<DeadLetter[]> {
    return ev.listDeadLetters(this.db, limit);
  }

  countDeadLetters(): Promise<number> {
    return ev.countDeadLetters(this.db);
  }

  purgeEventTokens(before: string): Promise<number> {
    return ev.purgeEventTokens(this.db, before);
  }

  async countEvents(filter: { type?: EventType; decisionId?: string; campaignId?: string }): Promise<number> {
    const conds = [
      filter.type ? eq(t.events.type, filter.type) : undefined,
      filter.decisionId ? eq(t.events.decisionId, filter.decisionId) : undefined,
      filter.campaignId ? eq(t.events.campaignId, filter.campaignId) : undefined,
    ];
    const [r] = await this.db.select({ n: count() }).from(t.events).where(and(...conds));
    return r?.n ?? 0;
  }

  productCategories(ids: string[]): Promise<Map<string, string>> {
    return audience.productCategories(this.db, ids, this.maxParams);
  }

  getUserState(userHash: string, day: string, now: string): Promise<UserState> {
    return this.audience.getUserState(userHash, day, now);
  }

  getProfile(userHash: string, now: string): Promise<Profile | null> {
    return this.audience.getProfile(userHash, now);
  }

  putProfiles(list: Array<{ userHash: string; profile: Profile }>): Promise<void> {
    return audience.putProfiles(this.atomic, list, this.maxParams);
  }

  eraseUser(userHash: string, at: string): Promise<{ profile: boolean; events: number; conversions: number }> {
    return audience.eraseUser(this.db, this.atomic, userHash, at);
  }

  purgeExpiredProfiles(now: string): Promise<number> {
    return audience.purgeExpiredProfiles(this.db, now);
  }

  policyArms(since: number): Promise<ArmRow[]> {
    return ev.policyArms(this.db, since);
  }

  recordConversion(c: ConversionRecord, events: EventRecord[]): Promise<'recorded' | 'duplicate'> {
    return ev.recordConversion(this.db, this.atomic, c, events, Date.now());
  }

  getConversion(orderId: string): Promise<ConversionRecord | null> {
    return ev.getConversion(this.db, orderId);
  }

  decisionEvent(decisionId: string): Promise<EventRecord | null> {
    return ev.decisionEvent(this.db, decisionId);
  }

  reportCounts(q: ReportQuery): Promise<ReportCounts[]> {
    return reportCounts(this.db, q);
  }

  regionMappings(): Promise<RegionMapping[]> {
    return merchant.regionMappings(this.db);
  }

  putRegionMappings(list: RegionMapping[]): Promise<void> {
    return merchant.putRegionMappings(this.atomic, list, this.maxParams);
  }

  feedSources(): Promise<FeedSource[]> {
    return merchant.feedSources(this.db);
  }

  putFeedSource(source: FeedSource): Promise<void> {
    return merchant.putFeedSource(this.db, source);
  }

  deleteFeedSource(id: string): Promise<boolean> {
    return merchant.deleteFeedSource(this.db, id);
  }

  attributionTouches(decisionId: string, since: string, until: string): Promise<EventRecord[]> {
    return merchant.attributionTouches(this.db, decisionId, since, until);
  }
}
