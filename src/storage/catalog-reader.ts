// The read side of the hot path: in-stock candidates from the partial index, parsed products from
// a bounded cache, regional overrides when any exist. Driver-free, like SqlStore.
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { productValue } from '../domain/score.ts';
import { matchesSelector, narrowsBeyondIndex } from '../domain/selector.ts';
import type { Candidate, Product, ProductSelector } from '../domain/types.ts';
import { chunks } from './chunks.ts';
import * as feeds from './feed-store.ts';
import type { CandidateQuery } from './port.ts';
import * as rows from './rows.ts';
import * as t from './schema.ts';
import type { Db } from './sql-store.ts';

// Regional totals with stock: exactly the partial indexes' WHERE, written literally so SQLite can use them.
const IN_STOCK = sql`${t.inventory.quantity} > 0 AND ${t.inventory.storeCode} = ''`;
// Enough for every candidate list of every campaign × region; imports never fill it.
const PRODUCT_CACHE = 20_000;
// Candidate lists (region × selector × limit): the campaigns × regions × a shopper's cart queries in use.
const CANDIDATE_CACHE = 4_000;

export class CatalogReader {
  /** Parsed products by id; writers call forget() for what they change. Stock is always read fresh. */
  private products = new Map<string, Product>();
  /** Regional offers only cost a query once any exist. */
  private hasOffers: boolean | null = null;
  private readonly byCategory;
  private readonly byRegion;
  private readonly byId;
  private readonly productById;

  /**
   * Candidate lists by query, while the catalog is unchanged: the store's catalog writes call
   * catalogChanged() (or forget()), and `dataVersion` (SQLite's PRAGMA data_version) moves when
   * another connection — a CLI import on the same file — commits. Without it (D1: other isolates
   * write too) every query reads fresh.
   */
  private readonly lists = new Map<string, Candidate[]>();
  private catalogVersion = 0;
  private seenDataVersion: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly maxParams = 30_000,
    private readonly dataVersion?: () => number,
  ) {
    const cols = { productId: t.inventory.productId, quantity: t.inventory.quantity };
    const order = [desc(t.inventory.rank), desc(t.inventory.productId)] as const;
    const region = eq(t.inventory.region, sql.placeholder('region'));
    this.byCategory = db.select(cols).from(t.inventory).where(and(region, eq(t.inventory.category, sql.placeholder('category')), IN_STOCK)).orderBy(...order).limit(sql.placeholder('limit')).prepare();
    this.byRegion = db.select(cols).from(t.inventory).where(and(region, IN_STOCK)).orderBy(...order).limit(sql.placeholder('limit')).prepare();
    this.productById = db.select().from(t.products).where(eq(t.products.id, sql.placeholder('id'))).prepare();
    this.byId = db.select(cols).from(t.inventory).where(and(region, eq(t.inventory.productId, sql.placeholder('id')), IN_STOCK)).prepare();
  }

  candidateQuerySql(): string {
    return (this.byCategory as unknown as { getQuery(): { sql: string } }).getQuery().sql;
  }

  /** Stock, regional offers or products changed: no candidate list read before it is served again. */
  catalogChanged(): void {
    this.catalogVersion++;
    this.lists.clear();
  }

  /** Drop cached products (all when null). */
  forget(ids: string[] | null): void {
    this.catalogChanged();
    if (ids === null) {
      this.products.clear();
      this.hasOffers = null;
    } else for (const id of ids) this.products.delete(id);
  }

  offersExist(): void {
    this.hasOffers = true;
  }

  async candidates(q: CandidateQuery): Promise<Candidate[]> {
    if (!this.dataVersion) return this.freshCandidates(q);
    const external = this.dataVersion();
    if (external !== this.seenDataVersion) {
      // Another connection wrote: its products may have changed too.
      if (this.seenDataVersion !== null) this.forget(null);
      this.seenDataVersion = external;
    }
    const key = JSON.stringify([q.region, q.selector, q.limit]);
    const hit = this.lists.get(key);
    if (hit) return [...hit];
    const version = this.catalogVersion;
    const out = await this.freshCandidates(q);
    // Kept only when no write landed while it was read.
    if (version === this.catalogVersion && this.dataVersion() === external) {
      if (this.lists.size >= CANDIDATE_CACHE) this.lists.delete(this.lists.keys().next().value!);
      this.lists.set(key, out);
    }
    return [...out];
  }

  private async freshCandidates(q: CandidateQuery): Promise<Candidate[]> {
    const sel = q.selector;
    const narrow = narrowsBeyondIndex(sel);
    // Over-fetch a little: out-of-stock flags and extra filters are applied on the parsed product.
    const fetch = q.limit * (narrow ? 4 : 1) + 4;
    let hits: Array<{ productId: string; quantity: number }>;
    let ids = sel.productIds;
    if (sel.productIds?.length) {
      hits = await this.byIds(q.region, sel.productIds);
      // A listed product sold out in this region: a variant of it (same item_group_id) in stock here stands in.
      const have = new Set(hits.map((h) => h.productId));
      const stand = await this.inStockVariants(q.region, sel.productIds.filter((id) => !have.has(id)));
      if (stand.length) {
        hits = [...hits, ...stand];
        ids = [...sel.productIds, ...stand.map((h) => h.productId)];
      }
    }
    else if (sel.categories?.length) hits = (await Promise.all(sel.categories.map((category) => this.byCategory.all({ region: q.region, category, limit: fetch })))).flat();
    else if (sel.brands?.length || sel.labels?.length) hits = await this.byFilter(q.region, sel, fetch);
    else hits = await this.byRegion.all({ region: q.region, limit: fetch });
    const products = await this.regional(q.region, await this.loadProducts(hits.map((h) => h.productId)));
    const out: Candidate[] = [];
    for (const h of hits) {
      const p = products.get(h.productId);
      if (p && p.availability !== 'out_of_stock' && matchesSelector(p, ids === sel.productIds ? sel : { ...sel, productIds: ids })) out.push({ product: p, quantity: h.quantity });
    }
    out.sort((a, b) => productValue(b.product) - productValue(a.product) || (a.product.id < b.product.id ? 1 : -1));
    return out.slice(0, q.limit);
  }

  private async byIds(region: string, ids: string[]) {
    // A shopper's few cart items (the decision path): one prepared lookup each.
    if (ids.length <= 8) return (await Promise.all(ids.map((id) => this.byId.all({ region, id })))).flat();
    return this.db.select({ productId: t.inventory.productId, quantity: t.inventory.quantity }).from(t.inventory).where(and(eq(t.inventory.region, region), inArray(t.inventory.productId, ids), IN_STOCK));
  }

  /** The best-ranked in-stock variant in the region of each listed product's item group (none for ungrouped ones). */
  private async inStockVariants(region: string, ids: string[]): Promise<Array<{ productId: string; quantity: number }>> {
    if (ids.length === 0) return [];
    const groups = [...new Set([...(await this.loadProducts(ids)).values()].map((p) => p.details?.itemGroupId).filter((g): g is string => !!g))];
    if (groups.length === 0) return [];
    const p = t.products;
    const rowsFound = await this.db
      .select({ productId: t.inventory.productId, quantity: t.inventory.quantity, group: p.itemGroupId })
      .from(t.inventory)
      .innerJoin(p, eq(p.id, t.inventory.productId))
      .where(and(eq(t.inventory.region, region), IN_STOCK, inArray(p.itemGroupId, groups.slice(0, 100))))
      .orderBy(desc(t.inventory.rank), desc(t.inventory.productId))
      .limit(200);
    const seen = new Set<string>();
    return rowsFound.filter((r) => !!r.group && !seen.has(r.group) && !!seen.add(r.group)).map((r) => ({ productId: r.productId, quantity: r.quantity }));
  }

  /** Brands/labels without categories: walk the region's rank order, joined to products, until `limit` match. */
  private async byFilter(region: string, sel: ProductSelector, limit: number) {
    const p = t.products;
    // Each selector field narrows (AND); a label matches any of the five custom labels (OR).
    const conds: SQL[] = [];
    if (sel.brands?.length) conds.push(inArray(p.brand, sel.brands));
    if (sel.labels?.length) conds.push(or(...[p.customLabel0, p.customLabel1, p.customLabel2, p.customLabel3, p.customLabel4].map((col) => inArray(col, sel.labels!)))!);
    return this.db
      .select({ productId: t.inventory.productId, quantity: t.inventory.quantity })
      .from(t.inventory)
      .innerJoin(p, eq(p.id, t.inventory.productId))
      .where(and(eq(t.inventory.region, region), IN_STOCK, ...conds))
      .orderBy(desc(t.inventory.rank), desc(t.inventory.productId))
      .limit(limit);
  }

  async loadProducts(ids: string[]): Promise<Map<string, Product>> {
    const found = new Map<string, Product>();
    const missing: string[] = [];
    for (const id of ids) {
      const p = this.products.get(id);
      if (p) found.set(id, p);
      else missing.push(id);
    }
    // A few misses (a shopper's cart items) by a prepared lookup each; a feed's worth in chunks.
    const fetchRows = async (part: string[]) => (part.length <= 8 ? (await Promise.all(part.map((id) => this.productById.all({ id })))).flat() : this.db.select().from(t.products).where(inArray(t.products.id, part)));
    for (const part of chunks([...new Set(missing)], Math.min(500, this.maxParams))) {
      for (const r of await fetchRows(part)) {
        const p = rows.rowToProduct(r);
        if (this.products.size >= PRODUCT_CACHE) this.products.delete(this.products.keys().next().value!);
        this.products.set(p.id, p);
        found.set(p.id, p);
      }
    }
    return found;
  }

  private async regional(region: string, products: Map<string, Product>): Promise<Map<string, Product>> {
    if (this.hasOffers === null) this.hasOffers = (await this.db.select({ n: count() }).from(t.regionalOffers))[0]!.n > 0;
    return this.hasOffers && products.size > 0 ? feeds.withRegionalOffers(this.db, region, products) : products;
  }
}
