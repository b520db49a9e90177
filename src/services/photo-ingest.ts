// Product photos at ingest: checked (header, then whole data) once, then re-encoded at every side
// the templates draw photos at (render/photo-sides.ts) and stored content-addressed beside the
// original, so a render hands the engine a picture it draws 1:1 instead of decoding and scaling
// the original on every cold render. The demo seed, the photo fetch of a feed's image link, and
// the benchmarks all go through `ingest` here. Derivatives are re-encoded by the runtime's image
// library: a creative never carries the original bytes.
import { readImageHeader } from '../render/image-header.ts';
import { integrityProblem, streamZlibLength, type ZlibLength } from '../render/image-integrity.ts';
import type { PhotoDerivative, Store } from '../storage/port.ts';
import { drawnPhotoSides } from '../render/photo-sides.ts';
import type { AppDeps } from './deps.ts';
import { ENGINE_ORIGINAL_MAX_SIDE, engineDownscale, engineTakesAsStored, headerProblem, IMAGE_MAX_PIXELS, type DeriveSizes, type Downscale, type IngestResult, type Picture } from './images.ts';

export interface PhotoIngestDeps {
  store: Pick<Store, 'putPhotoDerivatives'>;
  /** The runtime's image library (sharp on Node; the render engine on Workers). */
  downscale: Downscale;
  /** Every size of a photo in one pass (Node: takumi draws them all from one decode); per size through `downscale` when absent. */
  derive?: DeriveSizes;
  /** The sides templates draw photos at (drawnPhotoSides, computed once). */
  sides: () => readonly number[];
  zlibLength?: ZlibLength;
  maxPixels?: number;
}

const EXT = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
]);

/** The box a picture of `w` × `h` is scaled into to fit `side` × `side`, never enlarged (sharp's `fit: inside`). */
export function fitInside(w: number, h: number, side: number): { w: number; h: number } {
  const scale = Math.min(1, side / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)) };
}

/** Why the photo may not be used (header, then whole data), or null. */
export async function photoProblem(bytes: Uint8Array, zlibLength: ZlibLength | undefined, maxPixels = IMAGE_MAX_PIXELS): Promise<string | null> {
  return headerProblem(bytes, maxPixels) ?? (await integrityProblem(bytes, zlibLength ?? streamZlibLength));
}

/** The derivatives of one checked photo: one re-encode per distinct drawn box, each listed under every side it serves. */
export async function makeDerivatives(d: Pick<PhotoIngestDeps, 'downscale' | 'derive' | 'sides'>, original: Picture): Promise<PhotoDerivative[]> {
  // Content-addressed (Web Crypto on both runtimes): equal originals share their derivatives.
  const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', original.bytes as Uint8Array<ArrayBuffer>));
  let source = '';
  for (const b of sum.subarray(0, 16)) source += b.toString(16).padStart(2, '0');
  // What `derive` draws from: a plain PNG/JPEG at creative scale as it is, anything else re-encoded to that first.
  const pic = !d.derive || engineTakesAsStored(original.bytes) ? original : await d.downscale(original, ENGINE_ORIGINAL_MAX_SIDE);
  const h = readImageHeader(pic.bytes)!;
  // Sides whose box is the same (every side past the photo's own size: the photo re-encoded as it is) share one encode.
  const bySize = new Map<string, { box: { w: number; h: number }; sides: number[] }>();
  for (const side of d.sides()) {
    const box = fitInside(h.width, h.height, side);
    const k = `${box.w}x${box.h}`;
    const e = bySize.get(k);
    if (e) e.sides.push(side);
    else bySize.set(k, { box, sides: [side] });
  }
  const groups = [...bySize.values()];
  const pictures = d.derive ? await d.derive(pic, groups.map((g) => g.box)) : await Promise.all(groups.map((g) => d.downscale(pic, Math.max(g.box.w, g.box.h))));
  return groups
    .flatMap((g, i) => {
      const out = pictures[i]!;
      const oh = readImageHeader(out.bytes);
      if (!oh) throw new Error('photo: the image library wrote an unreadable picture');
      const key = `photo/${source}/${oh.width}x${oh.height}.${EXT.get(out.contentType) ?? 'png'}`;
      return g.sides.map((side) => ({ side, key, width: oh.width, height: oh.height, contentType: out.contentType, bytes: out.bytes }));
    })
    .sort((a, b) => a.side - b.side);
}

/**
 * Checks a product photo and stores its derivatives under `link`. A photo that fails the checks
 * stores nothing and says why (the template then draws its designed empty state).
 */
export async function ingestPhoto(d: PhotoIngestDeps, link: string, pic: Picture): Promise<IngestResult> {
  const problem = await photoProblem(pic.bytes, d.zlibLength, d.maxPixels);
  if (problem) return { ok: false, reason: problem };
  let derivatives: PhotoDerivative[];
  try {
    derivatives = await makeDerivatives(d, pic);
  } catch (err) {
    return { ok: false, reason: `could not be re-encoded: ${String(err)}` };
  }
  await d.store.putPhotoDerivatives(link, derivatives);
  return { ok: true, derivatives };
}

/**
 * The app's ingest: the store, the runtime's image library (the engine where there is none) and
 * the sides the registered templates draw at, computed once on first use. Null without the
 * templates' sizes (photos are then scaled at render time, as before ingest made derivatives).
 */
export function photoIngestFor(deps: Pick<AppDeps, 'store' | 'downscale' | 'deriveSizes' | 'zlibLength' | 'templates' | 'templateSizes' | 'fonts'> & { engine?: AppDeps['engine'] }): ((link: string, pic: Picture) => Promise<IngestResult>) | null {
  const sizes = deps.templateSizes;
  const downscale = deps.downscale ?? (deps.engine ? engineDownscale(deps.engine) : null);
  if (!sizes || !downscale) return null;
  let memo: readonly number[] | null = null;
  const d: PhotoIngestDeps = {
    store: deps.store,
    downscale,
    ...(deps.deriveSizes ? { derive: deps.deriveSizes } : {}),
    sides: () => (memo ??= drawnPhotoSides(deps.templates, sizes, deps.fonts.measure)),
    ...(deps.zlibLength ? { zlibLength: deps.zlibLength } : {}),
  };
  return (link, pic) => ingestPhoto(d, link, pic);
}

/**
 * Ingests stored product photos that have no derivatives yet (the demo seed's, or a database from
 * before ingest made them), a few at a time: run in the background after start. It yields the
 * thread between batches so that it uses about `share` of one core (measured: ~77 ms of CPU per
 * 400 px photo; the demo's 240 photos at full speed took the CPU from serving for ~20 s and doubled
 * the beacon soak's server CPU per beacon). A photo refused at ingest is skipped (it keeps drawing
 * the empty state). Returns how many were ingested and refused.
 */
export async function ingestStoredPhotos(
  store: Pick<Store, 'photosWithoutDerivatives' | 'getAsset'>,
  ingest: (link: string, pic: Picture) => Promise<IngestResult>,
  opts: { batch?: number; max?: number; share?: number } = {},
): Promise<{ ingested: number; refused: number }> {
  const batch = opts.batch ?? 4;
  const share = Math.min(1, Math.max(0.01, opts.share ?? 1));
  const refused = new Set<string>();
  let ingested = 0;
  for (;;) {
    const links = (await store.photosWithoutDerivatives(refused.size + batch)).filter((l) => !refused.has(l)).slice(0, batch);
    if (links.length === 0 || ingested + refused.size >= (opts.max ?? Infinity)) return { ingested, refused: refused.size };
    const t0 = performance.now();
    await Promise.all(
      links.map(async (link) => {
        const asset = await store.getAsset(link);
        const r = asset ? await ingest(link, asset) : { ok: false as const, reason: 'gone' };
        if (r.ok) ingested++;
        else refused.add(link);
      }),
    );
    if (share < 1) await new Promise((resolve) => setTimeout(resolve, ((performance.now() - t0) * (1 - share)) / share));
  }
}
