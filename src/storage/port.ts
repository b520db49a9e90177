// The store behind the app. Every call is async so better-sqlite3 (Node) and D1 (Workers)
// sit behind one interface. Implementations live in src/storage (drizzle) and are
// constructed by the runtime entries.
import type {
  Campaign,
  CampaignBundle,
  Candidate,
  InventoryLevel,
  Product,
  ProductSelector,
  Promo,
  Region,
  Variant,
} from '../domain/types.ts';

export type EventType =
  | 'impression'
  | 'click'
  | 'scan'
  | 'conversion'
  | 'win'
  | 'bill'
  // VAST player pings: the overlay was shown, closed, acted on, clicked (tracking), or failed.
  | 'creative_view'
  | 'close'
  | 'accept_invitation'
  | 'click_tracking'
  | 'error';

export interface EventRecord {
  id: string;
  type: EventType;
  decisionId: string;
  campaignId: string;
  variantId: string | null;
  productId: string | null;
  region: string | null;
  /** ISO instant. */
  at: string;
  test: boolean;
}

export interface StockRow {
  productId: string;
  region: string;
  /** A store within the region; absent = the regional total. */
  storeCode?: string | null;
  /** Absolute count… */
  quantity?: number;
  /** …or a change to it (exactly one of the two). */
  adjust?: number;
  /** ISO instant the count was taken; the request time when absent. */
  at?: string;
}

export interface Asset {
  contentType: string;
  bytes: Uint8Array;
}

export interface SeedData {
  regions: Region[];
  products: Product[];
  inventory: InventoryLevel[];
  promos: Promo[];
  campaigns: Campaign[];
  variants: Variant[];
  /** Keyed by the product's image_link. */
  assets: Array<{ key: string } & Asset>;
  stores?: StoreLocation[];
}

export interface CandidateQuery {
  region: string;
  selector: ProductSelector;
  /** Best-ranked first (margin × (1 − return rate)); at most this many. */
  limit: number;
}

export interface StoreLocation {
  /** Merchant Center store code. */
  code: string;
  region: string;
  name?: string | null;
}

export interface RegionalOffer {
  productId: string;
  region: string;
  price: number | null;
  salePrice: number | null;
  saleStart: string | null;
  saleEnd: string | null;
  availability: Product['availability'] | null;
  /** ISO instant of the feed row; an older one never overwrites a newer one. */
  at: string;
}

export interface LocalStockRow {
  productId: string;
  storeCode: string;
  quantity: number;
  at: string;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface Store {
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  isEmpty(): Promise<boolean>;
  seed(data: SeedData): Promise<void>;

  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  listRegions(): Promise<Region[]>;
  listCampaigns(): Promise<CampaignBundle[]>;
  getCampaign(id: string): Promise<CampaignBundle | null>;

  listPromos(): Promise<Promo[]>;
  getPromo(id: string): Promise<Promo | null>;
  /** Insert or replace by id. */
  putPromo(promo: Promo): Promise<void>;
  deletePromo(id: string): Promise<boolean>;

  getProduct(id: string): Promise<Product | null>;
  getInventory(productId: string): Promise<InventoryLevel[]>;
  /** Products matching the selector with quantity > 0 in the region and availability != out_of_stock. */
  candidates(query: CandidateQuery): Promise<Candidate[]>;
  /** Insert or update products by id in one transaction; a product equal to the stored one is left alone. */
  upsertProducts(products: Product[]): Promise<UpsertCounts>;
  /** Every product id (full-sync imports compare them with a feed). */
  allProductIds(): Promise<string[]>;
  /** Marks products out of stock (never deletes them); how many changed. */
  markUnavailable(ids: string[]): Promise<number>;
  putStores(stores: StoreLocation[]): Promise<void>;
  listStores(): Promise<StoreLocation[]>;
  /** Regional price/availability overrides (regional inventory feed); candidates see them. */
  applyRegionalOffers(offers: RegionalOffer[]): Promise<UpsertCounts>;
  /** Store counts (local inventory feed); regional totals become the sum of their stores. Unknown stores throw. */
  applyLocalStock(rows: LocalStockRow[]): Promise<UpsertCounts>;
  /** Ids from `ids` that exist. */
  existingProductIds(ids: string[]): Promise<Set<string>>;
  /** One transaction: all rows are written or none. */
  setStock(rows: StockRow[], at: string): Promise<void>;

  getAsset(key: string): Promise<Asset | null>;

  /** One transaction per batch. */
  recordEvents(events: EventRecord[]): Promise<void>;
  countEvents(filter: { type?: EventType; decisionId?: string; campaignId?: string }): Promise<number>;
}
