// Product photos for rendering: local assets first, then an allow-listed, bounded fetch. Every
// accepted photo is checked from its header (pixel count) before any decoder sees it, then
// re-encoded at the size drawn: the original bytes never reach a creative. Fetches are single
// flight per link, and failures are remembered for a growing TTL before the next attempt.
import { plainEncoding, readImageHeader } from '../render/image-header.ts';
import { integrityProblem, streamZlibLength, type ZlibLength } from '../render/image-integrity.ts';
import type { RenderEngine, VNode } from '../render/types.ts';
import { bytesToBase64 } from '../security/base64.ts';
import type { PhotoDerivative, Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 1500;
/** Largest photo decoded (24 megapixels, e.g. 6000 × 4000); larger ones are refused from their header. */
export const IMAGE_MAX_PIXELS = 24_000_000;
/** A failed photo is not tried again for 30 s, then 60 s, 120 s … at most an hour. */
export const IMAGE_RETRY_MS = { first: 30_000, max: 3_600_000 };
const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const CACHE_BYTES = 32 * 1024 * 1024;

export interface Picture {
  contentType: string;
  bytes: Uint8Array;
}

/** Shrinks a picture to fit `maxSide` (never enlarges) and re-encodes it; the runtime's image library does it. */
export type Downscale = (pic: Picture, maxSide: number) => Promise<Picture>;

/** A checked plain PNG or JPEG (see `engineTakesAsStored`) re-encoded at each of `boxes` (exact sizes), in one pass. */
export type DeriveSizes = (pic: Picture, boxes: ReadonlyArray<{ w: number; h: number }>) => Promise<Picture[]>;

/** The side to which product photos are scaled for a creative of this size: about what is drawn, in 64 px steps. */
export function photoSideFor(size: { w: number; h: number }): number {
  return Math.min(768, Math.max(64, Math.ceil((Math.min(size.w, size.h) * 0.7) / 64) * 64));
}

/** Why a photo is refused before decoding, or null when its header is fine. */
export function headerProblem(bytes: Uint8Array, maxPixels = IMAGE_MAX_PIXELS): string | null {
  const h = readImageHeader(bytes);
  if (!h) return 'not a PNG, JPEG, GIF or WebP image (header unreadable)';
  if (h.width < 1 || h.height < 1) return `empty image (${h.width}×${h.height})`;
  if (h.width * h.height > maxPixels) return `${h.width}×${h.height} pixels is more than the ${maxPixels} allowed`;
  return null;
}

/**
 * Re-encoding through the rasterizer port, for runtimes without an image library (Workers:
 * resvg draws the photo into a PNG of the drawn size). Only ever handed header-checked bytes.
 */
/** Re-encoding through the render engine (Workers: no image library): the photo drawn alone at the bounded size. */
export function engineDownscale(engine: RenderEngine): Downscale {
  return async (pic, maxSide) => {
    const h = readImageHeader(pic.bytes)!;
    const scale = Math.min(1, maxSide / Math.max(h.width, h.height));
    const w = Math.max(1, Math.round(h.width * scale));
    const ht = Math.max(1, Math.round(h.height * scale));
    const src = `data:${h.type};base64,${bytesToBase64(pic.bytes)}`;
    const tree: VNode = { type: 'div', props: { style: { display: 'flex', width: w, height: ht }, children: [{ type: 'img', props: { src, width: w, height: ht, style: { width: w, height: ht } } }] } };
    return { contentType: 'image/png', bytes: await engine.raster(tree, { w, h: ht }, 'png') };
  };
}

/** The largest side of a stored PNG or JPEG handed to an engine as it is (the largest photo side a creative draws). */
export const ENGINE_ORIGINAL_MAX_SIDE = 768;

/**
 * A header-checked, plain (8-bit, RGB or grey, no colour profile to apply) PNG or JPEG at creative
 * scale: the engine may decode it as stored and draws the pixels the image library would have produced.
 */
export function engineTakesAsStored(bytes: Uint8Array): boolean {
  const h = readImageHeader(bytes);
  return !!h && Math.max(h.width, h.height) <= ENGINE_ORIGINAL_MAX_SIDE && plainEncoding(bytes);
}

export interface OutboundPolicy {
  /** Host names photos may be fetched from (exact, lower case). */
  hosts: string[];
  /** Ports allowed on those hosts (443 by default). */
  ports: number[];
}

/** Why a photo URL may not be fetched, or null. The resolved address is checked by the runtime's fetch (Node) or by Cloudflare (Workers). */
export function outboundProblem(url: URL, policy: OutboundPolicy): string | null {
  if (url.protocol !== 'https:') return `scheme ${url.protocol} is not https`;
  if (url.username || url.password) return 'user info in the URL';
  if (!policy.hosts.includes(url.hostname.toLowerCase())) return `host ${url.hostname} is not in VITRINE_IMAGE_HOSTS`;
  const port = url.port === '' ? 443 : Number(url.port);
  if (!policy.ports.includes(port)) return `port ${port} is not allowed (VITRINE_IMAGE_PORTS: ${policy.ports.join(', ')})`;
  return null;
}

interface Failure {
  count: number;
  retryAt: number;
  reason: string;
}

export interface ImageResolverOptions {
  hosts: string[];
  ports?: number[];
  fetch?: typeof fetch;
  log: Logger;
  clock?: () => number;
  downscale?: Downscale;
  maxPixels?: number;
  cacheBytes?: number;
  /** Inflates a PNG's data for the integrity check (Node: zlib); the web-standard stream when absent. */
  zlibLength?: ZlibLength;
  /**
   * Photo ingest (services/photo-ingest.ts). When set, engine loads read the photo's derivative
   * made at ingest for the drawn side, and a photo fetched from its link is ingested (checked,
   * re-encoded at the sides templates draw, stored) on its first use.
   */
  ingest?: (link: string, pic: Picture) => Promise<IngestResult>;
}

export type IngestResult = { ok: true; derivatives: PhotoDerivative[] } | { ok: false; reason: string };

type Resolved = string | Uint8Array;
const sizeOf = (v: Resolved) => v.length;

export class ImageResolver {
  /** data: URIs and engine bytes by kind, side and link, least recently used first, bounded by total size. */
  private cache = new Map<string, Resolved>();
  private cachedBytes = 0;
  private failures = new Map<string, Failure>();
  private inflight = new Map<string, Promise<Resolved | null>>();
  readonly stats = { fetches: 0, refused: 0, negativeHits: 0, joined: 0 };

  constructor(
    private readonly store: Store,
    private readonly opts: ImageResolverOptions,
  ) {}

  /**
   * A `data:` URI of the photo re-encoded to fit `maxSide`, or null when it cannot be had (the
   * template draws a placeholder). Never the original bytes: a photo that cannot be re-encoded is refused.
   */
  async load(link: string, maxSide = 768): Promise<string | null> {
    return (await this.get(`uri|${maxSide}|${link}`, link, maxSide, 'uri')) as string | null;
  }

  /**
   * The photo's bytes for an engine that decodes PNG and JPEG itself (`RenderEngine.decodesPictures`),
   * or null like `load`. A PNG or JPEG already at creative scale (no side over `ENGINE_ORIGINAL_MAX_SIDE`)
   * is handed over as stored, header-checked: the engine decodes and scales it once, to the drawn
   * size, where the `load` path decodes, scales, re-encodes, base64-encodes, and the engine decodes
   * again. Anything larger, or of another type, is scaled like `load` and handed over as PNG bytes.
   */
  async loadForEngine(link: string, maxSide = 768): Promise<Uint8Array | null> {
    return (await this.get(`engine|${maxSide}|${link}`, link, maxSide, 'engine')) as Uint8Array | null;
  }

  /** Why the photo at `link` was last refused (header, integrity, fetch), or null: what pre-flight tells the editor. */
  failureReason(link: string): string | null {
    return this.failures.get(link)?.reason ?? null;
  }

  private async get(key: string, link: string, maxSide: number, kind: 'uri' | 'engine'): Promise<Resolved | null> {
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const now = (this.opts.clock ?? Date.now)();
    const failed = this.failures.get(link);
    if (failed && now < failed.retryAt) {
      this.stats.negativeHits++;
      return null;
    }
    const running = this.inflight.get(key);
    if (running) {
      this.stats.joined++;
      return running;
    }
    const p = this.resolve(key, link, maxSide, now, kind).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async resolve(key: string, link: string, maxSide: number, now: number, kind: 'uri' | 'engine'): Promise<Resolved | null> {
    const ingest = kind === 'engine' ? this.opts.ingest : undefined;
    if (ingest) {
      // Made at ingest by the image library from a checked photo: only its header is read here.
      const made = await this.store.photoDerivative(link, maxSide);
      if (made && readImageHeader(made.bytes)) return this.keep(key, link, made.bytes);
    }
    const stored = await this.fromStore(link);
    const got = stored ?? (await this.fromNetwork(link));
    if (typeof got === 'string') return this.fail(link, now, got);
    if (ingest && !stored) {
      const made = await this.ingestFetched(key, link, maxSide, now, got, ingest);
      if (made !== undefined) return made;
    }
    // A header that promises more than the bytes hold never reaches a decoder: the empty state is drawn instead.
    const problem = headerProblem(got.bytes, this.opts.maxPixels) ?? (await integrityProblem(got.bytes, this.opts.zlibLength ?? streamZlibLength));
    if (problem) {
      this.stats.refused++;
      return this.fail(link, now, problem);
    }
    let out: Resolved;
    if (kind === 'engine' && engineTakesAsStored(got.bytes)) out = got.bytes;
    else {
      if (!this.opts.downscale) return this.fail(link, now, 'no image encoder in this runtime');
      try {
        const pic = await this.opts.downscale(got, maxSide);
        out = kind === 'engine' ? pic.bytes : `data:${pic.contentType};base64,${bytesToBase64(pic.bytes)}`;
      } catch (err) {
        return this.fail(link, now, `could not be re-encoded: ${String(err)}`);
      }
    }
    return this.keep(key, link, out);
  }

  private keep(key: string, link: string, out: Resolved): Resolved {
    this.failures.delete(link);
    this.remember(key, out);
    return out;
  }

  /**
   * A photo fetched from its link goes through ingest (checks, derivatives stored); the render takes
   * the derivative for its side. Undefined when ingest itself broke (the store refused the write):
   * the photo is then checked and scaled for this render only, as without ingest.
   */
  private async ingestFetched(key: string, link: string, side: number, now: number, pic: Picture, ingest: NonNullable<ImageResolverOptions['ingest']>): Promise<Resolved | null | undefined> {
    let r: IngestResult;
    try {
      r = await ingest(link, pic);
    } catch (err) {
      this.opts.log.warn('photo ingest failed; the photo is scaled for this render only', { link, err: String(err) });
      return undefined;
    }
    if (!r.ok) {
      this.stats.refused++;
      return this.fail(link, now, r.reason);
    }
    // The smallest made for a side ≥ the drawn one, else the largest (the fetched original is not kept).
    const d = r.derivatives.find((x) => x.side >= side) ?? r.derivatives[r.derivatives.length - 1];
    return d ? this.keep(key, link, d.bytes) : this.fail(link, now, 'no derivative was made');
  }

  private fail(link: string, now: number, reason: string): null {
    const count = (this.failures.get(link)?.count ?? 0) + 1;
    const wait = Math.min(IMAGE_RETRY_MS.max, IMAGE_RETRY_MS.first * 2 ** (count - 1));
    if (!this.failures.has(link) && this.failures.size >= 10_000) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(link, { count, retryAt: now + wait, reason });
    this.opts.log.warn('product image refused; placeholder drawn', { link, reason, attempt: count, retryInMs: wait });
    return null;
  }

  private remember(key: string, value: Resolved): void {
    const max = this.opts.cacheBytes ?? CACHE_BYTES;
    if (sizeOf(value) > max) return;
    this.cache.set(key, value);
    this.cachedBytes += sizeOf(value);
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= max) break;
      this.cache.delete(k);
      this.cachedBytes -= sizeOf(v);
    }
  }

  private async fromStore(link: string): Promise<Picture | null> {
    const asset = await this.store.getAsset(link);
    return asset ? { contentType: asset.contentType, bytes: asset.bytes } : null;
  }

  /** The photo, or why not. */
  private async fromNetwork(link: string): Promise<Picture | string> {
    const f = this.opts.fetch;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return 'not a URL';
    }
    if (!f) return 'no outbound fetch in this runtime';
    const problem = outboundProblem(url, { hosts: this.opts.hosts, ports: this.opts.ports ?? [443] });
    if (problem) return problem;
    this.stats.fetches++;
    try {
      const res = await f(url, { signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS), redirect: 'error' });
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      if (!res.ok) return `HTTP ${res.status}`;
      if (!ALLOWED_TYPES.includes(type)) return `content type "${type}" is not an image type we read`;
      const bytes = await readBounded(res, IMAGE_MAX_BYTES);
      return bytes ? { contentType: type, bytes } : `larger than ${IMAGE_MAX_BYTES} bytes`;
    } catch (err) {
      return `fetch failed: ${String(err)}`;
    }
  }
}

/** Reads a body up to `max` bytes; null (and the stream cancelled) beyond that. */
async function readBounded(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
