// Rendered creatives on the edge: a small in-isolate LRU in front of Workers' Cache API
// (`caches.default`, shared by the isolates of one colo), both keyed by the content hash.
import { MemoryRenderCache, type CachedRender, type RenderCache } from '../../services/render-cache.ts';
import type { EdgeCache } from './cf-types.ts';

// The key is a content hash, so an entry never goes stale; a day bounds what a colo keeps.
const MAX_AGE_S = 86_400;
const KEY_ORIGIN = 'https://render-cache.vitrine.internal/';

export class EdgeRenderCache implements RenderCache {
  readonly stats = { hits: 0, misses: 0 };
  private readonly memory: MemoryRenderCache;

  constructor(
    private readonly edge: EdgeCache | null,
    memoryBytes = 16 * 1024 * 1024,
    private readonly log: (msg: string, err: unknown) => void = () => {},
  ) {
    this.memory = new MemoryRenderCache(memoryBytes);
  }

  async get(key: string): Promise<CachedRender | undefined> {
    const near = await this.memory.get(key);
    if (near) return this.hit(near);
    if (this.edge) {
      try {
        const res = await this.edge.match(KEY_ORIGIN + key);
        if (res) {
          const found = { bytes: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
          await this.memory.put(key, found);
          return this.hit(found);
        }
      } catch (err) {
        this.log('cache API read failed', err);
      }
    }
    this.stats.misses++;
    return undefined;
  }

  /**
   * Kept in this isolate at once; the Cache API write is not waited for by the answer that
   * rendered it (it is off the cold render's critical path): the handler hands `idle()` to
   * `ctx.waitUntil`, so the write still completes after the response.
   */
  async put(key: string, value: CachedRender): Promise<void> {
    await this.memory.put(key, value);
    if (!this.edge) return;
    const res = new Response(value.bytes as BodyInit, { headers: { 'content-type': value.contentType, 'cache-control': `public, max-age=${MAX_AGE_S}` } });
    const write: Promise<void> = this.edge
      .put(KEY_ORIGIN + key, res)
      .catch((err: unknown) => this.log('cache API write failed', err))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private readonly writes = new Set<Promise<void>>();

  /** True while a Cache API write is still running. */
  get busy(): boolean {
    return this.writes.size > 0;
  }

  /** Resolves when every Cache API write started so far has settled. */
  async idle(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }

  private hit(v: CachedRender): CachedRender {
    this.stats.hits++;
    return v;
  }
}
