// The few Workers runtime types the entry uses, declared here so the project's DOM/Node lib
// settings stay as they are (@cloudflare/workers-types would replace the global Request/Response).

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = unknown>(column?: string): Promise<T | null>;
  all<T = unknown>(): Promise<{ results: T[] }>;
  run(): Promise<unknown>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<unknown[]>;
  exec(sql: string): Promise<unknown>;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** The part of `request.cf` Vitrine reads (Cloudflare's geolocation of the viewer). */
export interface CfGeo {
  country?: string;
  regionCode?: string;
  timezone?: string;
}

/** Workers' Cache API: `caches.default`, one per colo. */
export interface EdgeCache {
  match(key: Request | string): Promise<Response | undefined>;
  put(key: Request | string, res: Response): Promise<void>;
}

/** A Static Assets binding (`[assets] binding` in wrangler.toml): fetches files from the assets directory. */
export interface AssetsBinding {
  fetch(input: Request | string): Promise<Response>;
}

export interface WorkerEnv {
  DB?: D1Database;
  /** The emoji fonts, kept out of the script bundle (its 3 MB gzipped limit). */
  ASSETS?: AssetsBinding;
  VITRINE_SECRET?: string;
  VITRINE_ADMIN_KEY?: string;
  /** Interim per-role bearer keys `label/role/key,…` until signed-in users and API tokens land. */
  VITRINE_ACTOR_KEYS?: string;
  VITRINE_PUBLIC_URL?: string;
  VITRINE_TRUSTED_ORIGINS?: string;
  VITRINE_OWNER_EMAIL?: string;
  VITRINE_OWNER_PASSWORD?: string;
  VITRINE_IMAGE_HOSTS?: string;
  VITRINE_CORS_ORIGINS?: string;
  VITRINE_SYNC_HOSTS?: string;
  VITRINE_DEFAULT_REGION?: string;
  VITRINE_SHOPIFY_SECRET?: string;
  VITRINE_MERCHANT_KEY?: string;
  VITRINE_GVL_ID?: string;
  VITRINE_PROFILE_TTL_DAYS?: string;
  VITRINE_CLICK_WINDOW_DAYS?: string;
  VITRINE_HOLDOUT?: string;
  VITRINE_EXPLORATION_FLOOR?: string;
  /** "off" disables the render caches (benchmarks measure uncached renders with it). */
  VITRINE_RENDER_CACHE?: string;
}
