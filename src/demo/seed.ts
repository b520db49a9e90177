// First start: an empty database gets the demo store, with product photos rasterized locally.
import type { Fonts, Rasterizer } from '../render/types.ts';
import type { Store } from '../storage/port.ts';
import { demoCatalog } from './catalog.ts';
import { demoLogoPng } from './logos.ts';

/** With `fonts`, the demo brand kits get their wordmark logos too (else the name is drawn as text). */
export async function loadDemo(store: Store, rasterizer: Rasterizer, now: Date, fonts?: Fonts): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const { images, ...catalog } = demoCatalog(now);
  const assets: Array<{ key: string; contentType: string; bytes: Uint8Array }> = [];
  // A few at a time: rasterizing is CPU-bound and the thread pool is small.
  for (let i = 0; i < images.length; i += 8) {
    const batch = images.slice(i, i + 8);
    const bytes = await Promise.all(batch.map((img) => rasterizer.rasterize(img.svg, { w: 400, h: 400 }, 'png')));
    batch.forEach((img, j) => assets.push({ key: img.key, contentType: 'image/png', bytes: bytes[j]! }));
  }
  if (fonts) {
    for (const kit of catalog.campaigns.map((c) => c.brandKit).filter((k) => k?.logoAssetId)) {
      if (!assets.some((a) => a.key === kit!.logoAssetId)) assets.push({ key: kit!.logoAssetId!, contentType: 'image/png', bytes: await demoLogoPng(kit!, fonts, rasterizer) });
    }
  }
  await store.seed({ ...catalog, assets });
  return true;
}
