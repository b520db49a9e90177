// Never-seen product photos and text for the cold benchmarks (bench/engines.ts, bench/cold-server.ts):
// a photo no render of the process has drawn (the demo photo re-tinted: new bytes, new pixels),
// and an image resolver that never keeps product photos between renders.
import sharp from 'sharp';
import type { Logger } from '../src/services/deps.ts';
import { ImageResolver, type ImageResolverOptions } from '../src/services/images.ts';
import type { Store } from '../src/storage/port.ts';
import type { ServeDeps } from '../src/services/serve-deps.ts';
import { nodeZlibLength, sharpDownscale } from '../src/runtime/node/rasterizer.ts';

let serial = 0;

/** A never-seen product photo as the store holds one (400 px PNG): `base` with a tint no other render had. */
export async function freshPhoto(base: Uint8Array): Promise<Uint8Array> {
  const n = ++serial;
  const png = await sharp(base).modulate({ hue: (n * 37) % 360, brightness: 0.9 + (n % 7) / 50 }).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

const WORDS = ['Alpen', 'Nord', 'Dune', 'Stride', 'Halo', 'Luma', 'Orbit', 'Cedar', 'Vela', 'Mira', 'Sahm', 'Najm', 'Rimal', 'Noor', 'Zaha', 'Jude'];
const AR = ['أناقة', 'مسائية', 'دافئة', 'جديدة', 'فاخرة', 'خفيفة', 'ناعمة', 'مريحة', 'أنيقة', 'راقية'];
/** New text: a headline and title no render of this process has shaped. */
export function freshText(lang: 'en' | 'ar'): string {
  const n = ++serial;
  return lang === 'ar' ? `${AR[n % AR.length]} ${AR[(n * 7) % AR.length]} ${n}` : `${WORDS[n % WORDS.length]} ${WORDS[(n * 5) % WORDS.length]} ${n}`;
}

/**
 * A never-seen photo stocked the way the app stocks one (the original stored, then the app's photo
 * ingest makes its derivatives), under `link`; outside any timing.
 */
export async function stockFresh(deps: ServeDeps, base: Uint8Array, link: string): Promise<string> {
  const bytes = await freshPhoto(base);
  await deps.authoring!.putAsset(link, 'image/png', bytes);
  const r = await deps.photoIngest!(link, { contentType: 'image/png', bytes });
  if (!r.ok) throw new Error(`bench: ingest refused a fresh photo: ${r.reason}`);
  return link;
}

/** `draft` with a new headline and, for every product, new title text and the photo at `link`. */
export function freshCreative<D extends { headline: string; products: Array<{ image: string | null; title: string }> }>(draft: D, lang: 'en' | 'ar', link: string): D {
  return { ...draft, headline: freshText(lang), products: draft.products.map((p) => ({ ...p, image: link, title: freshText(lang) })) };
}

/** Demo product photos are stored under their product's image link (the benchmarks' fresh ones too). */
export const isPhoto = (key: string) => key.startsWith('https://shop.vitrine.example/img/');

/**
 * Photos loaded as the Node server loads them (sharp scales, node:zlib checks PNG data; derivatives
 * read when `ingest` is given), except that product photos skip the photo cache: every load reads
 * (and checks, or scales) a photo anew. The brand kit's logo stays cached, as in a running server
 * (it is the campaign's, not the never-seen creative's).
 */
export function coldImages(store: Store, log: Logger, ingest?: ImageResolverOptions['ingest']): ImageResolver {
  const opts: ImageResolverOptions = { hosts: [], log, downscale: sharpDownscale, zlibLength: nodeZlibLength, ...(ingest ? { ingest } : {}) };
  const photos = new ImageResolver(store, { ...opts, cacheBytes: 0 });
  return new (class extends ImageResolver {
    override load(link: string, side?: number) {
      return isPhoto(link) ? photos.load(link, side) : super.load(link, side);
    }
    override loadForEngine(link: string, side?: number) {
      return isPhoto(link) ? photos.loadForEngine(link, side) : super.loadForEngine(link, side);
    }
  })(store, opts);
}
