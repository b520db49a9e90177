// The domain vocabulary (see shared/design.md). Plain data only: no runtime imports.

export type Lang = 'en' | 'ar';
export const LANGS: readonly Lang[] = ['en', 'ar'];

export type Availability = 'in_stock' | 'out_of_stock' | 'preorder' | 'backorder';
export type Device = 'desktop' | 'mobile' | 'tablet' | 'ctv';
export const DEVICES: readonly Device[] = ['desktop', 'mobile', 'tablet', 'ctv'];
export type Weather = 'clear' | 'cloudy' | 'rain' | 'snow' | 'heat' | 'cold';
export const WEATHERS: readonly Weather[] = ['clear', 'cloudy', 'rain', 'snow', 'heat', 'cold'];
export type Daypart = 'morning' | 'afternoon' | 'evening' | 'night';
export type Channel = 'web' | 'app' | 'ctv';
/** The output format names (what each one is and how it renders: src/render/formats.ts OUTPUT_FORMATS, which must have an entry for each). */
export const FORMATS = ['png', 'webp', 'svg', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export type TemplateId = 'hero' | 'promo' | 'carousel' | 'overlay' | 'pause' | 'inscene' | 'lshape' | 'photo' | 'logo';

export interface Size {
  w: number;
  h: number;
}

/** Localized text: `en` is always present; other languages fall back to it. */
export type Localized = { en: string } & Partial<Record<Lang, string>>;

/** A catalog row in Google Merchant Center terms, plus margin and return rate. */
export interface Product {
  id: string;
  title: string;
  description: string;
  link: string;
  imageLink: string;
  availability: Availability;
  /** Major units (e.g. 15.00), in `currency`. */
  price: number;
  currency: string;
  salePrice: number | null;
  /** ISO 8601 instants bounding sale_price; null = unbounded on that side. */
  saleStart: string | null;
  saleEnd: string | null;
  brand: string | null;
  gtin: string | null;
  productType: string | null;
  googleProductCategory: string | null;
  /** Top-level category used by selectors (first segment of product_type). */
  category: string;
  customLabels: [string | null, string | null, string | null, string | null, string | null];
  /** Fraction of price kept as margin (0..1), when the merchant supplies it. */
  margin: number | null;
  /** Fraction of orders returned (0..1), when known. */
  returnRate: number | null;
  /** Localized title/description, e.g. `{ ar: { title: '...' } }`. */
  i18n: Partial<Record<Lang, { title?: string; description?: string }>>;
  /** ISO instant the product was first seen; drives "new arrival". */
  createdAt: string;
  /** Further Merchant Center attributes kept for display and variant choice (absent on old rows). */
  details?: ProductDetails;
}

/** A Merchant Center shipping rate (`shipping` attribute), kept for display. */
export interface ShippingRate {
  country: string | null;
  region: string | null;
  service: string | null;
  price: number | null;
  currency: string | null;
}

export interface ProductDetails {
  additionalImageLinks: string[];
  /** Variants of one product share it (colors, sizes): the creative may show the one in stock. */
  itemGroupId: string | null;
  color: string | null;
  size: string | null;
  material: string | null;
  pattern: string | null;
  ageGroup: string | null;
  gender: string | null;
  condition: 'new' | 'refurbished' | 'used' | null;
  mpn: string | null;
  /** ISO instant a preorder/backorder item becomes available. */
  availabilityDate: string | null;
  /** Every `product_type` value, each a `>`-separated path split into its parts. */
  productTypes: string[][];
  shipping: ShippingRate[];
  /** `unit_pricing_measure` / `unit_pricing_base_measure`, e.g. `750 ml` / `100 ml`. */
  unitPricing: { measure: string; baseMeasure: string | null } | null;
  mobileLink: string | null;
}

export interface InventoryLevel {
  productId: string;
  region: string;
  /** null = regional total; otherwise a store within the region. */
  storeCode: string | null;
  quantity: number;
  updatedAt: string;
}

export interface Region {
  /** ISO 3166-2 (e.g. `SA-01`) or a country code. */
  code: string;
  country: string;
  name: Localized;
  tz: string;
  currency: string;
  defaultLang: Lang;
  /** BCP 47 locale prices and numbers are formatted for (e.g. `ar-SA`); the language's default when absent. */
  locale?: string;
  /** Digits shown in Arabic text: `arab` (٢٠٣٫٩٩) or `latn` (203.99). */
  digits?: 'arab' | 'latn';
  /** Weekend days, 0 = Sunday … 6 = Saturday (Fri–Sat in Riyadh and Cairo). */
  weekend: number[];
}

export interface ProductSelector {
  categories?: string[];
  brands?: string[];
  /** Matches any of custom_label_0..4. */
  labels?: string[];
  productIds?: string[];
  /** Regular price bounds (inclusive), in the product's own currency. */
  priceMin?: number;
  priceMax?: number;
  /** Never these, whatever else matches. */
  exclude?: { productIds?: string[]; brands?: string[]; categories?: string[]; labels?: string[] };
}

export type Discount =
  | { kind: 'percent'; value: number }
  | { kind: 'amount'; value: number }
  | { kind: 'fixed'; value: number };

export interface Promo {
  id: string;
  name: string;
  regions: string[];
  /** Local wall-clock window `YYYY-MM-DDTHH:mm`, read in each region's own time zone. */
  startsLocal: string;
  endsLocal: string;
  discount: Discount;
  selector: ProductSelector;
  code: string | null;
  priority: number;
  copy: Localized;
}

/** A brand's look: every template draws with it (see the authoring API's `brand-kits`). */
export interface BrandKit {
  id: string;
  name: string;
  colors: { primary: string; secondary: string; text: string; background: string; accent?: string };
  /** Stored asset id of the logo (PNG or SVG), or null. */
  logoAssetId: string | null;
  /** Stored asset ids of uploaded fonts, per script; null = the bundled Noto font. */
  fonts: { latin: string | null; arabic: string | null };
  cta: { shape: 'rounded' | 'pill' | 'square'; background: string; text: string; uppercase: boolean };
}

/** A slot a publisher books campaigns on. */
export interface Placement {
  id: string;
  name: string;
  /** `WxH` strings; empty = any supported size. */
  sizes: string[];
  channel: Channel;
  /** Campaign ids in the order the placement prefers them (ties and the trace follow it); others booked on it come after. */
  campaignOrder: string[];
}

/** Which product a variant speaks about: a cart variant is only ever paired with a product from the shopper's cart. */
export type ProductSource = 'catalog' | 'cart' | 'recent_purchase_complement' | 'explicit';

export interface FallbackCreative {
  headline: Localized;
  link: string;
}

export interface Campaign {
  id: string;
  name: string;
  advertiser: string;
  advertiserDomain: string;
  status: 'active' | 'paused';
  /** ISO instants (UTC) of the flight; outer bounds when the local flight below is set. */
  startsAt: string;
  endsAt: string;
  /** Local wall-clock flight `YYYY-MM-DDTHH:mm`, read in the viewer's region's own time zone; wins over startsAt/endsAt. */
  startsLocal?: string;
  endsLocal?: string;
  /** The approved version serving (authoring API) and its content hash. */
  version?: number;
  contentHash?: string;
  regions: string[];
  /** `WxH` strings; empty = every supported size. */
  sizes: string[];
  placements: string[];
  selector: ProductSelector;
  fallback: FallbackCreative;
  defaultVariantId: string;
  lowStockThreshold: number;
  frequencyCap: number | null;
  bidCpm: number | null;
  iabCategories: string[];
  /** Hex colour for the brand band. */
  brandColor: string;
  /**
   * How variants are chosen: `thompson` (default) learns from clicks and conversions per context
   * bucket; `rules` picks by prior and matched conditions only (no learning, no exploration).
   */
  optimization?: 'thompson' | 'rules';
  /** Share of decisions that serve the default variant to measure lift; the configured default when absent. */
  holdoutShare?: number;
  /** Category → complementary categories, offered to recent purchasers of the first. */
  complements?: Record<string, string[]>;
  /** Channels the campaign serves on; all when absent. */
  channels?: Channel[];
  /** OpenRTB deal ids the campaign is booked on (private auctions bid only on these). */
  deals?: string[];
  /** The brand kit templates draw with, resolved from `brandKitId`; the built-in look when absent. */
  brandKitId?: string | null;
  brandKit?: BrandKit | null;
}

export type ConditionSignal =
  | 'stock'
  | 'low_stock'
  | 'promo'
  | 'daypart'
  | 'weekday'
  | 'weekend'
  | 'weather'
  | 'device'
  | 'lang'
  | 'new_arrival'
  | 'region'
  | 'availability'
  // From a consented first-party profile (absent without consent):
  | 'segment'
  | 'loyalty_tier'
  | 'personalized';

export type ConditionOp = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'not_in';

export interface Condition {
  signal: ConditionSignal;
  op: ConditionOp;
  value: string | number | boolean | (string | number)[];
}

export interface VariantCopy {
  headline: string;
  subline?: string;
  cta: string;
}

export interface Variant {
  id: string;
  campaignId: string;
  name: string;
  template: TemplateId;
  /** Per language; placeholders: {title} {brand} {stock} {discount} {region} {price} {code} {tier}. */
  copy: { en: VariantCopy } & Partial<Record<Lang, VariantCopy>>;
  conditions: Condition[];
  /** Prior click-through estimate used before any learning; > 0. */
  prior: number;
  /** Which product the copy speaks about; `catalog` when absent. */
  productSource?: ProductSource;
  /** Product ids for `productSource: 'explicit'`. */
  productIds?: string[];
}

export interface LocalTime {
  /** `YYYY-MM-DDTHH:mm` wall clock in `tz`. */
  wall: string;
  hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  daypart: Daypart;
  weekend: boolean;
}

/** A product the shopper put in the cart or bought, with when. */
export interface ProfileItem {
  productId: string;
  /** ISO instant added to the cart / purchased. */
  at: string;
  /** The product's category when it was stored; null for ids the catalog did not know. */
  category: string | null;
}

/** First-party data about one shopper, stored under a keyed hash of the merchant's user id. */
export interface Profile {
  segments: string[];
  purchases: ProfileItem[];
  cart: ProfileItem[];
  loyaltyTier: string | null;
  lang: Lang | null;
  updatedAt: string;
  expiresAt: string;
}

/** Why a request may or may not be personalized (TCF / GPP / US privacy), for the trace. */
export interface ConsentState {
  personalize: boolean;
  /** Stable rule name, e.g. `tcf_granted`, `tcf_denied`, `usp_opt_out`, `no_regulation`. */
  rule: string;
  gdprApplies: boolean;
  detail: string;
}

/** What a consented profile tells one decision. Never built without consent. */
export interface Audience {
  /** Keyed hash of the user id: holdout assignment, caps, event linkage. */
  userKey: string;
  /** Merchant segments plus derived ones (`cart_abandoner`, `recent_purchaser`, `loyalty_<tier>`). */
  segments: string[];
  /** Cart product ids not bought within the abandonment window, newest first. */
  abandonedCart: string[];
  /** Recently purchased product ids: never advertised back. */
  purchased: string[];
  /** Categories of recent purchases (complements are offered). */
  purchasedCategories: string[];
  loyaltyTier: string | null;
  /** Impressions today per campaign id, for frequency caps. */
  impressionsToday: ReadonlyMap<string, number>;
}

/** Everything known about one request, normalized. */
export interface Signals {
  campaignId: string | null;
  placement: string | null;
  size: Size;
  format: Format;
  channel: Channel;
  region: string;
  country: string;
  tz: string;
  now: number;
  local: LocalTime;
  weather: Weather | null;
  device: Device;
  lang: Lang;
  /** The consent basis; absent = no privacy signals were evaluated (treated as context only). */
  consent?: ConsentState;
  /** Present only when consent allowed personalization and a live profile was found. */
  audience?: Audience | null;
}

/** A product offered to the decision with its stock in the viewer's region. */
export interface Candidate {
  product: Product;
  quantity: number;
}

export interface CampaignBundle {
  campaign: Campaign;
  variants: Variant[];
}

export interface PricedOffer {
  currency: string;
  regular: number;
  final: number;
  /** Where `final` comes from: the product's own sale price or a promo. */
  source: 'list' | 'sale_price' | 'promo';
  promo: Promo | null;
  /** Set when the prices were converted from the feed's currency by an admin-set rate. */
  conversion?: { from: string; regular: number; final: number; rate: number; date: string };
}

export interface ChosenProduct {
  product: Product;
  quantity: number;
  offer: PricedOffer;
}

export type TraceStage = 'signals' | 'campaign' | 'variant' | 'product' | 'promo' | 'score' | 'decision';
export type TraceOutcome = 'include' | 'exclude' | 'choose' | 'info';

export interface TraceEntry {
  stage: TraceStage;
  subject: string;
  outcome: TraceOutcome;
  /** Short rule name, stable for tests (e.g. `out_of_stock`, `promo_window`). */
  rule: string;
  /** One human-readable sentence. */
  detail: string;
}

export interface Decision {
  id: string;
  seed: number;
  at: number;
  campaign: Campaign;
  variant: Variant;
  products: ChosenProduct[];
  score: number;
  trace: TraceEntry[];
  /** Learning context bucket (`region|daypart|device`). */
  bucket: string;
  /** How the variant was picked. */
  policy: 'thompson' | 'explore' | 'holdout' | 'rules';
  holdout: boolean;
  /** Keyed user hash and segments, only when personalized (they travel in signed tokens to events). */
  userKey: string | null;
  segments: string[];
}

/** Nothing was eligible: the campaign (if any) serves its fallback creative. */
export interface NoDecision {
  id: string;
  seed: number;
  at: number;
  campaign: Campaign | null;
  reason: string;
  trace: TraceEntry[];
}

export type DecisionResult = { kind: 'decision'; decision: Decision } | { kind: 'none'; none: NoDecision };
