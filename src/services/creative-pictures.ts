// A creative's pictures (product photos, the kit's logo) loaded for the renderer: as `data:` URIs
// for satori, SVG and HTML, or, for an engine that decodes pictures itself, as bytes keyed into the
// tree after the template is laid out, each photo at the box it is drawn in.
import { pictureBoxes } from '../render/photo-sides.ts';
import type { SlotsDraft } from '../render/slots.ts';
import { templateTree } from '../render/tree.ts';
import type { Slots, VNode } from '../render/types.ts';
import type { CreativeDeps } from './creative.ts';
import { photoSideFor } from './images.ts';

/** `<img src>` prefix naming the photo bytes handed to the engine beside the tree (never a URL: nothing fetches it). */
const PICTURE_SRC = 'vitrine-picture:';

/** The side a photo is loaded at for a creative whose drawn boxes are not known (data: URIs for satori, SVG and HTML). */
function sideFor(draft: SlotsDraft): number {
  // A native main image is the photo alone, filling the canvas: it needs the canvas's longer side.
  return draft.template === 'photo' ? Math.min(1536, Math.max(draft.size.w, draft.size.h)) : photoSideFor(draft.size);
}

/** The draft with its pictures loaded as `data:` URIs (a photo that cannot be had is null: the template draws its empty state). */
export async function resolveImages(deps: CreativeDeps, draft: SlotsDraft): Promise<Slots> {
  const side = sideFor(draft);
  // The kit's logo is a stored asset; one that cannot be loaded leaves the brand name as text.
  const [products, logo] = await Promise.all([
    Promise.all(draft.products.map(async (p) => ({ ...p, image: p.image ? await deps.images.load(p.image, side) : null }))),
    draft.brand.logo ? deps.images.load(draft.brand.logo) : Promise.resolve(null),
  ]);
  return { ...draft, products, brand: { ...draft.brand, logo } };
}

/**
 * For an engine that decodes pictures itself: the draft laid out first with its pictures named by
 * keys (`vitrine-picture:<i>`), then each photo loaded for the box it is drawn in (ingest stored it
 * re-encoded at that side: drawn 1:1) and handed over as bytes beside the tree, with no base64
 * round trip. The kit's logo goes as the resolver's cached bytes, the same buffer every time: the
 * engine keeps it decoded (takumi-tree.ts, PictureNames). A picture that cannot be loaded is laid
 * out again without it (the photo's empty state, the brand name as text).
 */
export async function layOutWithPictures(deps: CreativeDeps, draft: SlotsDraft, fonts: CreativeDeps['fonts']): Promise<{ slots: Slots; tree: VNode; pictures: Map<string, Uint8Array> }> {
  const keyed: Slots = {
    ...draft,
    products: draft.products.map((p, i) => ({ ...p, image: p.image ? `${PICTURE_SRC}${i}` : null })),
    brand: { ...draft.brand, logo: draft.brand.logo ? `${PICTURE_SRC}logo` : null },
  };
  const lay = (s: Slots) => templateTree(s, { templates: deps.templates, measure: fonts.measure });
  const tree = lay(keyed);
  const boxes = pictureBoxes(tree, PICTURE_SRC);
  const fallback = sideFor(draft);
  const pictures = new Map<string, Uint8Array>();
  const [photos, logo] = await Promise.all([
    Promise.all(
      draft.products.map(async (p, i) => {
        const box = boxes.get(`${PICTURE_SRC}${i}`);
        // A photo the template does not draw at this size is not loaded.
        if (!p.image || !box) return true;
        const bytes = await deps.images.loadForEngine(p.image, Math.min(1536, Math.max(box.w, box.h)) || fallback);
        if (bytes) pictures.set(`${PICTURE_SRC}${i}`, bytes);
        return bytes !== null;
      }),
    ),
    draft.brand.logo ? deps.images.loadForEngine(draft.brand.logo) : Promise.resolve(null),
  ]);
  if (logo) pictures.set(`${PICTURE_SRC}logo`, logo);
  if (photos.every(Boolean) && (logo || !draft.brand.logo)) return { slots: keyed, tree, pictures };
  const slots: Slots = { ...keyed, products: keyed.products.map((p, i) => (photos[i] ? p : { ...p, image: null })), brand: { ...keyed.brand, logo: logo ? keyed.brand.logo : null } };
  return { slots, tree: lay(slots), pictures };
}
