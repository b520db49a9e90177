// The store behind the app. Every call is async so better-sqlite3 (Node) and D1 (Workers)
// sit behind one interface. Implementations live in src/storage (drizzle) and are
// constructed by the runtime entries.
import type {
  Campaign,
  CampaignBundle,
  Candidate,
  InventoryLevel,
  Product,
  Profile,
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
  /** Learning context of the decision (`region|daypart|device`). */
  bucket?: string | null;
  holdout?: boolean;
  /** Keyed user hash, only when the decision was personalized with consent. */
  userHash?: string | null;
  segments?: string[] | null;
  /** Conversion value (or a notice's clearing price) and its currency. */
  value?: number | null;
  currency?: string | null;
}

/** One learning arm as stored. */
export interface ArmRow {
  campaignId: string;
  bucket: string;
  variantId: string;
  impressions: number;
  clicks: number;
  conversions: number;
  /** Epoch ms of the last change. */
  updatedAt: number;
}

export interface UserState {
  /** Null when none is stored or it expired. */
  profile: Profile | null;
  /** Impressions on `day` per campaign id. */
  impressionsToday: Record<string, number>;
}

export interface ConversionRecord {
  orderId: string;
  decisionId: string | null;
  campaignId: string | null;
  variantId: string | null;
  attributed: boolean;
  /** Why it was (not) attributed, in words. */
  reason: string;
  value: number;
  currency: string;
  userHash: string | null;
  at: string;
}

export type ReportDimension = 'variant' | 'region' | 'segment' | 'day' | 'daypart';

export interface ReportQuery {
  campaignId: string;
  by: ReportDimension;
  /** ISO instants bounding event time (inclusive from, exclusive to). */
  from?: string;
  to?: string;
}

/** Raw counts for one group, split by holdout; the report service derives rates and intervals. */
export interface ReportCounts {
  key: string;
  holdout: boolean;
  impressions: number;
  clicks: number;
  scans: number;
  conversions: number;
  revenue: number;
  currency: string | null;
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

export interface BrowseQuery {
  search?: string;
  limit: number;
  offset: number;
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
  /** A page of products (by id) whose id, title or brand contains `search`, with their stock rows. */
  browseProducts(q: BrowseQuery): Promise<{ products: Product[]; inventory: InventoryLevel[] }>;
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

  /** Category of each known product id. */
  productCategories(ids: string[]): Promise<Map<string, string>>;
  /** The live profile and today's impressions per campaign for a user hash (one request's read). */
  getUserState(userHash: string, day: string, now: string): Promise<UserState>;
  getProfile(userHash: string, now: string): Promise<Profile | null>;
  /** Insert or replace, one transaction. */
  putProfiles(list: Array<{ userHash: string; profile: Profile }>): Promise<void>;
  /** Erasure: removes the profile and caps, unlinks events and conversions, and remembers the hash so late events stay unlinked. */
  eraseUser(userHash: string, at: string): Promise<{ profile: boolean; events: number; conversions: number }>;
  /** Deletes profiles past their expiry; how many. */
  purgeExpiredProfiles(now: string): Promise<number>;
  /** Learning arms changed at or after `since` (epoch ms); 0 = all. */
  policyArms(since: number): Promise<ArmRow[]>;
  /** Idempotent by order id: 'duplicate' (nothing written) when the order is already stored. The event, if any, is written with it. */
  recordConversion(c: ConversionRecord, event: EventRecord | null): Promise<'recorded' | 'duplicate'>;
  getConversion(orderId: string): Promise<ConversionRecord | null>;
  /** The latest click or QR scan of a decision (attribution), else any event of it, else null. */
  decisionEvent(decisionId: string): Promise<EventRecord | null>;
  reportCounts(q: ReportQuery): Promise<ReportCounts[]>;
}
