// Product photos for rendering: local assets first, then an allow-listed, bounded fetch.
import { bytesToBase64 } from '../security/base64.ts';
import type { Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 1500;
const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

interface Picture {
  contentType: string;
  bytes: Uint8Array;
}

/** Shrinks a picture to fit `maxSide` (never enlarges); the runtime's image library does it. */
export type Downscale = (pic: Picture, maxSide: number) => Promise<Picture>;

/** The side to which product photos are scaled for a creative of this size: about what is drawn, in 64 px steps. */
export function photoSideFor(size: { w: number; h: number }): number {
  return Math.min(768, Math.max(64, Math.ceil((Math.min(size.w, size.h) * 0.7) / 64) * 64));
}

export class ImageResolver {
  private cache = new Map<string, string | null>();

  constructor(
    private readonly store: Store,
    private readonly opts: { hosts: string[]; fetch?: typeof fetch; log: Logger; maxEntries?: number; downscale?: Downscale },
  ) {}

  /**
   * A `data:` URI for the image, or null when it cannot be had (the template draws a placeholder).
   * With `maxSide`, the photo is first scaled down to it: a 400 px photo drawn at 130 px costs
   * the SVG renderer and the rasterizer three times the work for nothing.
   */
  async load(link: string, maxSide?: number): Promise<string | null> {
    const key = maxSide ? `${maxSide}|${link}` : link;
    if (this.cache.has(key)) return this.cache.get(key)!;
    let pic = (await this.fromStore(link)) ?? (await this.fromNetwork(link));
    if (pic && maxSide && this.opts.downscale) {
      try {
        pic = await this.opts.downscale(pic, maxSide);
      } catch (err) {
        this.opts.log.warn('product image could not be scaled; using it as is', { link, err: String(err) });
      }
    }
    const uri = pic ? `data:${pic.contentType};base64,${bytesToBase64(pic.bytes)}` : null;
    if (this.cache.size >= (this.opts.maxEntries ?? 2000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, uri);
    return uri;
  }

  private async fromStore(link: string): Promise<Picture | null> {
    const asset = await this.store.getAsset(link);
    return asset ? { contentType: asset.contentType, bytes: asset.bytes } : null;
  }

  private async fromNetwork(link: string): Promise<Picture | null> {
    const f = this.opts.fetch;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return null;
    }
    if (!f || url.protocol !== 'https:' || !this.opts.hosts.includes(url.hostname)) return null;
    try {
      const res = await f(url, { signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS), redirect: 'error' });
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      if (!res.ok || !ALLOWED_TYPES.includes(type)) return null;
      const bytes = await readBounded(res, IMAGE_MAX_BYTES);
      return bytes ? { contentType: type, bytes } : null;
    } catch (err) {
      this.opts.log.warn('product image fetch failed', { link, err: String(err) });
      return null;
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
