import type { AttributionModel } from '../domain/attribution.ts';
import type { FeedFetchConfig } from './feed-sources.ts';
import type { DeriveSizes, Downscale } from './images.ts';
import type { ZlibLength } from '../render/image-integrity.ts';
import type { Digest } from '../security/digest.ts';
import type { KeyCompare } from '../security/compare.ts';
import type { AeadFactory } from '../security/aead.ts';
import { DEFAULT_TOKEN_TTL, type TokenTtl } from '../security/tokens.ts';
import type { StudioAssetFiles } from '../studio/assets.ts';
// What the app factory is handed. Runtimes (Node, Workers) build these; tests build their own.
import type { Rng } from '../domain/rng.ts';
import { DEFAULT_AUDIENCE, type AudienceSettings } from '../domain/audience.ts';
import { DEFAULT_POLICY, type PolicySettings } from '../domain/bandit.ts';
import type { TemplateId } from '../domain/types.ts';
import type { Fonts, RenderEngine, Template } from '../render/types.ts';
import type { Store } from '../storage/port.ts';
import type { RenderCache } from './render-cache.ts';
import type { AuditLog } from './audit.ts';
import type { ActorKey } from './actor-keys.ts';
import type { AuthoringStore } from '../storage/authoring-store.ts';
import type { Accounts } from './accounts/index.ts';

export interface Config {
  /** Bearer key for /v1/admin; null disables admin access entirely. */
  adminKey: string | null;
  /** HMAC key for click/impression/scan tokens. */
  secret: string;
  defaultRegion: string;
  /** In-stock candidates considered per campaign and request. */
  candidateLimit: number;
  /** Absolute origin for links in creatives; defaults to the request's origin. */
  publicUrl: string | null;
  /** Origins besides the app's own that may send signed-in (cookie) writes, e.g. a separately hosted studio. */
  trustedOrigins: string[];
  /** Hosts product images may be fetched from (exact host names). */
  imageHosts: string[];
  /** Ports product images may be fetched on (443 unless configured). */
  imagePorts: number[];
  /** Image hosts allowed to resolve to private or loopback addresses (Node checks the resolved address of every other host). */
  imagePrivateHosts: string[];
  /** Seconds campaigns/promos/regions are cached in memory before re-reading the store. */
  configTtlSeconds: number;
  /** Shopify webhook signing secret; null refuses every webhook. */
  shopifySecret: string | null;
  /** Bearer key for the merchant routes (profiles, conversions); the admin key is accepted too. */
  merchantKey: string | null;
  /** Vitrine's IAB Global Vendor List id, checked in TC strings; null = GDPR traffic is never personalized. */
  gvlVendorId: number | null;
  /** Learning policy: exploration floor, holdout share, conversion weight, prior strength. */
  policy: PolicySettings;
  /** Cart-abandonment and recent-purchase windows. */
  audience: AudienceSettings;
  /** Profiles expire this many days after their last write. */
  profileTtlDays: number;
  /** A conversion is attributed to a click or scan at most this many days before it. */
  clickWindowDays: number;
  /** …and, when no click qualifies, to an impression at most this many days before it (view-through). */
  viewWindowDays: number;
  /** How credit is split over the qualifying touches. */
  attributionModel: AttributionModel;
  /** Currency reports sum revenue in (conversions in another are converted with the rate table); null = as reported. */
  reportCurrency: string | null;
  /** Scheduled feed fetches: allowed hosts (empty = off), extra ports, byte and time limits. */
  feedFetch: FeedFetchConfig;
  /** Learning state is re-read from the store at most this often. */
  policyRefreshMs: number;
  /** Browser origins allowed to call the OpenRTB endpoint and read creative JSON (CORS); `*` = any. */
  corsOrigins?: string[];
  /** Exchange hosts the cookie sync may redirect to (`/v1/sync?redir=`); none = sync disabled. */
  syncHosts?: string[];
  /**
   * Exchanges that take a no-bid as HTTP 200 `{"id","seatbid":[],"nbr":N}` instead of 204 (hosts
   * matched against the request's sender like sync partners; `*` = every request). Empty = 204 for all.
   */
  nbrExchanges?: string[];
  /** How long click/scan and beacon/notice tokens are honoured after they were issued. */
  tokenTtl: TokenTtl;
  /** A click or QR-scan token counts once per this many hours; later uses redirect and are stored as replays. */
  clickDedupeHours: number;
  /**
   * `commit` (default): an event route answers after the event's batch committed (group commit).
   * `buffered`: answers at once and writes within 100 ms (loses acknowledged events on a crash;
   * kept for the benchmark's comparison only).
   */
  eventWrites: 'commit' | 'buffered';
  /**
   * Group commit under continuous traffic: a batch waits up to this many ms (≤ 100) for
   * EVENT_MIN_BATCH events before it commits. An event after a quiet spell is written at once.
   */
  eventLingerMs: number;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  store: Store;
  /** The append-only audit trail every admin write records into. */
  audit: AuditLog;
  /** Campaign documents, placements and brand kits (absent while the database is unusable). */
  authoring?: AuthoringStore;
  /** Interim per-role bearer keys (VITRINE_ACTOR_KEYS) until signed-in users and API tokens land. */
  actorKeys?: ReadonlyArray<ActorKey>;
  /** Users, sessions and API tokens; null when there is no database for them (only the admin key works). */
  accounts: Accounts | null;
  /** Template trees → PNG/WebP/SVG (takumi or satori, per runtime and VITRINE_RENDER_ENGINE). */
  engine: RenderEngine;
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
  /** The sizes each template serves (templates/index.ts): where photos are drawn, so what ingest makes. Absent = photos are scaled at render time. */
  templateSizes?: Readonly<Record<TemplateId, readonly string[]>>;
  renderCache: RenderCache;
  config: Config;
  clock: () => number;
  /** Fresh per-request seeds when the request gives none. */
  rng: Rng;
  log: Logger;
  /** Outbound fetch for product images (bounded by the caller); absent = local assets only. */
  fetch?: typeof fetch;
  /** Scales product photos down to the size drawn; absent = photos used as they are. */
  downscale?: Downscale;
  /** A photo's derivatives at every drawn size in one pass (Node: takumi); per size through `downscale` when absent. */
  deriveSizes?: DeriveSizes;
  /** Inflates a PNG's data for the photo integrity check; the web-standard DecompressionStream when absent. */
  zlibLength?: ZlibLength;
  /** Hashing for tokens and cache keys; Web Crypto when absent. */
  digest?: Digest;
  /** Constant-time comparison of bearer keys; Web Crypto digests when absent. */
  keyCompare?: KeyCompare;
  /**
   * When the runtime saw this request arrive (performance.now()), from the env its adapter hands
   * the app; absent (Workers, app.request) = when the app's first middleware runs. The OpenRTB
   * deadline counts from it.
   */
  arrival?: (env: unknown) => number | undefined;
  /** AES-GCM for sealed tokens; Web Crypto when absent. */
  aead?: AeadFactory;
  /** Third-party files the studio serves from its own origin (uPlot), read by the runtime; absent = no charts. */
  studioAssets?: StudioAssetFiles;
}

export const defaultConfig = (overrides: Partial<Config> & { secret: string }): Config => ({
  adminKey: null,
  defaultRegion: 'US-CA',
  candidateLimit: 12,
  publicUrl: null,
  trustedOrigins: [],
  imageHosts: [],
  imagePorts: [443],
  imagePrivateHosts: [],
  configTtlSeconds: 5,
  shopifySecret: null,
  merchantKey: null,
  gvlVendorId: null,
  policy: DEFAULT_POLICY,
  audience: DEFAULT_AUDIENCE,
  profileTtlDays: 30,
  clickWindowDays: 7,
  viewWindowDays: 1,
  attributionModel: 'last_touch',
  reportCurrency: null,
  feedFetch: { hosts: [], ports: [], maxBytes: 512 * 1024 * 1024, timeoutMs: 300_000 },
  policyRefreshMs: 2000,
  tokenTtl: DEFAULT_TOKEN_TTL,
  clickDedupeHours: 720,
  eventWrites: 'commit',
  eventLingerMs: 5,
  ...overrides,
});

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
