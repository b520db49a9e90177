// Product photos for rendering: local assets first, then an allow-listed, bounded fetch.
import { bytesToBase64 } from '../security/base64.ts';
import type { Store } from '../storage/port.ts';
import type { Logger } from './deps.ts';

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 1500;
const ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export class ImageResolver {
  private cache = new Map<string, string | null>();

  constructor(
    private readonly store: Store,
    private readonly opts: { hosts: string[]; fetch?: typeof fetch; log: Logger; maxEntries?: number },
  ) {}

  /** A `data:` URI for the image, or null when it cannot be had (the template draws a placeholder). */
  async load(link: string): Promise<string | null> {
    if (this.cache.has(link)) return this.cache.get(link)!;
    const uri = (await this.fromStore(link)) ?? (await this.fromNetwork(link));
    if (this.cache.size >= (this.opts.maxEntries ?? 2000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(link, uri);
    return uri;
  }

  private async fromStore(link: string): Promise<string | null> {
    const asset = await this.store.getAsset(link);
    return asset ? `data:${asset.contentType};base64,${bytesToBase64(asset.bytes)}` : null;
  }

  private async fromNetwork(link: string): Promise<string | null> {
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
      return bytes ? `data:${type};base64,${bytesToBase64(bytes)}` : null;
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
