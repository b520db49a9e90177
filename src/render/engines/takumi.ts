// takumi (Rust: layout, HarfBuzz-grade shaping through its own text stack, rasterizing and PNG/WebP
// encoding in one call) behind the engine port. The native binding (Node) and the WebAssembly
// build (Workers) share this adapter; the runtime hands in a renderer with the fonts registered.
import { PictureNames, takumiTree, type TakumiImage } from '../takumi-tree.ts';
import type { FontFace, PictureMap, RasterFormat, RenderEngine } from '../types.ts';

/** The part of takumi's Renderer (native and wasm alike) this engine calls. */
export interface TakumiRenderer {
  registerFont(font: { name: string; data: ArrayBuffer; weight: number; style: string }): Promise<unknown> | unknown;
  render(node: never, options: { width: number; height: number; format: RasterFormat | 'raw'; quality?: number; lossless?: boolean; fontFamilies?: string[]; images?: TakumiImage[] }): Promise<Uint8Array>;
  renderSvg(node: never, options: { width: number; height: number; fontFamilies?: string[]; images?: TakumiImage[] }): Promise<string>;
}

/** Raw RGBA pixels (non-premultiplied, `width × height × 4`) → PNG bytes. */
export type PngEncoder = (rgba: Uint8Array, width: number, height: number) => Promise<Uint8Array>;

export interface TakumiOptions {
  name: string;
  formats: ReadonlyArray<RasterFormat>;
  /** Family fallback chain: a glyph missing from one family is drawn by the next that has it. */
  families: string[];
  /**
   * Encodes PNG from takumi's raw pixels where the runtime has a faster encoder than takumi's own
   * (Node: node:zlib, see runtime/node/png.ts); absent = takumi encodes the PNG.
   */
  png?: PngEncoder;
}

export function takumiEngine(renderer: TakumiRenderer, o: TakumiOptions): RenderEngine {
  const names = new PictureNames();
  function node(tree: Parameters<RenderEngine['raster']>[0], pictures?: PictureMap): { node: never; images: TakumiImage[] } {
    const t = takumiTree(tree, pictures, names);
    if (!t.tree) throw new Error('render: the template produced no element');
    return { node: t.tree as never, images: t.images };
  }
  // Extra faces (a brand kit's fonts) are registered once per file and weight, then lead the chain.
  const registered = new Map<string, WeakSet<ArrayBuffer>>();
  async function families(extra: FontFace[] | undefined): Promise<string[]> {
    if (!extra?.length) return o.families;
    for (const f of extra) {
      const key = `${f.name}|${f.weight}`;
      let seen = registered.get(key);
      if (!seen) registered.set(key, (seen = new WeakSet()));
      if (seen.has(f.data)) continue;
      await renderer.registerFont({ name: f.name, data: f.data, weight: f.weight, style: f.style });
      seen.add(f.data);
    }
    return [...new Set([...extra.map((f) => f.name), ...o.families])];
  }
  return {
    name: o.name,
    rasterFormats: o.formats,
    decodesPictures: true,
    async raster(tree, size, format, extra, pictures) {
      if (!o.formats.includes(format)) throw new Error(`format: the ${o.name} engine cannot produce ${format} on this runtime`);
      const t = node(tree, pictures);
      const common = { width: size.w, height: size.h, fontFamilies: await families(extra), images: t.images };
      if (format === 'png' && o.png) return o.png(await renderer.render(t.node, { ...common, format: 'raw' }), size.w, size.h);
      // WebP at quality 86 like sharp's output; PNG is lossless by definition.
      const out = await renderer.render(t.node, { ...common, format, ...(format === 'webp' ? { quality: 86 } : {}) });
      return out instanceof Uint8Array ? out : new Uint8Array(out);
    },
    svg: async (tree, size, extra) => {
      const t = node(tree);
      return renderer.renderSvg(t.node, { width: size.w, height: size.h, fontFamilies: await families(extra), images: t.images });
    },
  };
}
