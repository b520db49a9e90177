// The Workers render cache: a fresh render is kept in the isolate at once, and its Cache API write
// does not hold up the answer; the handler waits for it through ctx.waitUntil (busy / idle), and a
// failed write is logged, never thrown at the request.
import { describe, expect, it } from 'vitest';
import type { EdgeCache } from '../../src/runtime/worker/cf-types.ts';
import { EdgeRenderCache } from '../../src/runtime/worker/render-cache.ts';

function slowEdge(fail = false) {
  const stored = new Map<string, Response>();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const edge: EdgeCache = {
    match: async (k: Request | string) => stored.get(String(k)),
    put: async (k: Request | string, res: Response) => {
      await gate;
      if (fail) throw new Error('quota');
      stored.set(String(k), res);
    },
  };
  return { edge, stored, release };
}

const value = { bytes: new Uint8Array([1, 2, 3]), contentType: 'image/png' };

describe('EdgeRenderCache', () => {
  it('answers before the Cache API write completes, and idle() waits for it', async () => {
    const { edge, stored, release } = slowEdge();
    const cache = new EdgeRenderCache(edge);
    await cache.put('k', value);
    expect(cache.busy).toBe(true);
    expect(stored.size).toBe(0);
    expect(await cache.get('k')).toEqual(value);
    release();
    await cache.idle();
    expect(cache.busy).toBe(false);
    expect([...stored.keys()]).toEqual(['https://render-cache.vitrine.internal/k']);
    // Another isolate of the colo (empty memory) finds it on the edge.
    const other = new EdgeRenderCache(edge);
    expect(await other.get('k')).toEqual(value);
  });

  it('logs a failed write and never throws it at the request', async () => {
    const { edge, release } = slowEdge(true);
    const logged: string[] = [];
    const cache = new EdgeRenderCache(edge, undefined, (msg) => logged.push(msg));
    await cache.put('k', value);
    release();
    await cache.idle();
    expect(logged).toEqual(['cache API write failed']);
    expect(cache.busy).toBe(false);
  });
});
