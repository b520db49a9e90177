// Content-addressed render cache: key = hash(template version + slots + size + format).
import { webDigest, type Digest } from '../security/digest.ts';

export interface CachedRender {
  bytes: Uint8Array;
  contentType: string;
}

export interface RenderCache {
  get(key: string): Promise<CachedRender | undefined>;
  put(key: string, value: CachedRender): Promise<void>;
  readonly stats: { hits: number; misses: number };
}

/** In-process LRU bounded by total bytes (Map iteration order is insertion order). */
export class MemoryRenderCache implements RenderCache {
  private entries = new Map<string, CachedRender>();
  private bytes = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(key: string): Promise<CachedRender | undefined> {
    const hit = this.entries.get(key);
    if (!hit) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  async put(key: string, value: CachedRender): Promise<void> {
    if (value.bytes.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes.length;
    this.entries.set(key, value);
    this.bytes += value.bytes.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes.length;
    }
  }
}


const defaultDigest = webDigest();

export async function contentKey(parts: unknown, digest: Digest = defaultDigest): Promise<string> {
  const sum = await digest.sha256(JSON.stringify(parts));
  let hex = '';
  for (const b of sum.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
