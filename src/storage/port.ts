// The store behind the app. Every call is async so better-sqlite3 (Node) and D1 (Workers)
// sit behind one interface. Implementations live in src/storage (drizzle) and are
// constructed by the runtime entries.
import type { FxRate } from '../domain/money.ts';
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
  // A conversion credited to an impression (view-through); `conversion` is click-through.
  | 'conversion_view'
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
  /** A conversion event's share of the credit (position-based attribution); absent/null = whole. */
  credit?: number | null;
  /** Nonce of the click / scan token: a second use within the dedupe window is stored as a replay. */
  tokenId?: string | null;
  /** Set by the store: a replayed click or scan (redirected, stored, never counted). */
  replay?: boolean;
}

/** An event the store refused (or that failed validation), kept with the reason. */
export interface DeadLetter {
  id: string;
  at: string;
  reason: string;
  /** The event as it was, JSON (bounded). */
  payload: string;
}

/** How events are written: the click / scan dedupe window. */
export interface EventWriteOptions {
  /** A click or scan token counts once per this many ms; later uses are replays. */
  dedupeWindowMs: number;
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
  impressionsToday: Map<string, number>;
}

export interface ConversionRecord {
  orderId: string;
  decisionId: string | null;
  campaignId: string | null;
  variantId: string | null;
  attributed: boolean;
  /** Why it was (not) attributed, in words. */
  reason: string;
  /** click_through or view_through when attributed. */
  attribution?: 'click_through' | 'view_through' | null;
  /** The model that credited it. */
  model?: 'last_touch' | 'position_based' | null;
  /** Revenue as reports count it: in the report currency when a rate converted it (rate and its date kept). */
  reportValue?: number | null;
  reportCurrency?: string | null;
  fxRate?: number | null;
  fxDate?: string | null;
  value: number;
  currency: string;
  userHash: string | null;
  at: string;
}

/** A Merchant Center region id (`CA_WEST`, `123456`) mapped to a Vitrine region code. */
export interface RegionMapping {
  externalId: string;
  region: string;
  updatedAt: string;
}

/** A feed URL fetched on a schedule, with what the last fetch saw. */
export interface FeedSource {
  id: string;
  url: string;
  kind: 'products' | 'regional-inventory' | 'local-inventory';
  format: 'tsv' | 'xml' | null;
  everyMinutes: number;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  /** `imported`, `not_modified`, `refused`, `failed`. */
  lastStatus: string | null;
  lastResult: unknown | null;
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
  /** Conversions and revenue credited to clicks/scans (click-through) and to impressions (view-through). */
  clickConversions: number;
  viewConversions: number;
  clickRevenue: number;
  viewRevenue: number;
  /** Clicks and scans whose token had already been counted (stored, flagged, not in clicks/scans). */
  replays: number;
  /** OpenRTB win and billing notices, and the clearing prices (CPM, USD) the billing notices carried. */
  wins: number;
  bills: number;
  billedCpmSum: number;
  /** Billing notices that carried a price. */
  pricedBills: number;
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

/** A product photo re-encoded at ingest to fit `side` × `side` (services/photo-ingest.ts). */
export interface PhotoDerivative extends Asset {
  side: number;
  /** Content address: `photo/<digest of the original>/<w>x<h>.<ext>`. */
  key: string;
  width: number;
  height: number;
}

/** A derivative as read back for a render. */
export type StoredDerivative = Omit<PhotoDerivative, 'key'>;

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
  /** Exchange rates (1 from = rate to), dated. */
  rates?: FxRate[];
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
  /** Currency of price/sale_price when it is the region's rather than the product's; null = the product's. */
  currency?: string | null;
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

  /** Records a user id the cookie sync issued to an exchange (or refreshes when it was last seen). */
  putBuyerUid(uid: string, partner: string, at: string): Promise<void>;
  /** Forgets a synced user id (opt-out); whether it existed. */
  deleteBuyerUid(uid: string): Promise<boolean>;
  /** The id's sync with that exchange (host), or with none given its most recent sync; null when never synced (or forgotten). */
  getBuyerUid(uid: string, partner?: string): Promise<{ uid: string; partner: string; createdAt: string; seenAt: string } | null>;
  /** Every exchange host the id was synced to. */
  buyerUidPartners(uid: string): Promise<string[]>;
  /** Stores a QR short link (idempotent: the same id always names the same token). */
  putScanLink(id: string, token: string, expiresAt: string): Promise<void>;
  getScanLink(id: string): Promise<{ token: string; expiresAt: string } | null>;
  /** Forgets short links whose token expired before `before` (ISO). */
  purgeScanLinks(before: string): Promise<number>;

  listRegions(): Promise<Region[]>;
  /** The admin's exchange-rate table. */
  listRates(): Promise<FxRate[]>;
  /** Replaces the rate table in one transaction. */
  putRates(rates: FxRate[], at: string): Promise<void>;
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
  /** The smallest derivative of the photo at `link` made for a side ≥ `side`, or null. */
  photoDerivative(link: string, side: number): Promise<StoredDerivative | null>;
  /** One transaction: the photo's derivatives become `list` (its earlier ones are dropped). */
  putPhotoDerivatives(link: string, list: PhotoDerivative[]): Promise<void>;
  /** Up to `limit` product image links whose photo is stored but has no derivatives yet. */
  photosWithoutDerivatives(limit: number): Promise<string[]>;

  /** One transaction per batch: the events (replays flagged) and any dead letters. */
  recordEvents(events: EventRecord[], deadLetters?: DeadLetter[], opts?: EventWriteOptions): Promise<void>;
  /** Newest dead letters first. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  countDeadLetters(): Promise<number>;
  /** Forgets click / scan tokens first used before `before` (ISO): past the dedupe window they no longer matter. */
  purgeEventTokens(before: string): Promise<number>;
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
  /** Idempotent by order id: 'duplicate' (nothing written) when the order is already stored. Its credited events are written with it. */
  recordConversion(c: ConversionRecord, events: EventRecord[]): Promise<'recorded' | 'duplicate'>;
  getConversion(orderId: string): Promise<ConversionRecord | null>;
  /** The latest click or QR scan of a decision (attribution), else any event of it, else null. */
  decisionEvent(decisionId: string): Promise<EventRecord | null>;
  reportCounts(q: ReportQuery): Promise<ReportCounts[]>;

  /** Merchant Center region ids → Vitrine regions. */
  regionMappings(): Promise<RegionMapping[]>;
  /** Replaces every mapping, one transaction. */
  putRegionMappings(list: RegionMapping[]): Promise<void>;
  feedSources(): Promise<FeedSource[]>;
  putFeedSource(source: FeedSource): Promise<void>;
  deleteFeedSource(id: string): Promise<boolean>;
  /** A decision's impressions, clicks and scans, plus (personalized only) the shopper's other touches in [since, until]. */
  attributionTouches(decisionId: string, since: string, until: string): Promise<EventRecord[]>;
}
