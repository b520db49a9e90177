// takumi (Rust: layout, HarfBuzz-grade shaping through its own text stack, rasterizing and PNG/WebP
// encoding in one call) behind the engine port. The native binding (Node) and the WebAssembly
// build (Workers) share this adapter; the runtime hands in a renderer with the fonts registered.
import { takumiTree, type TakumiNode } from '../takumi-tree.ts';
import type { FontFace, PictureMap, RasterFormat, RenderEngine } from '../types.ts';

/** The part of takumi's Renderer (native and wasm alike) this engine calls. */
export interface TakumiRenderer {
  registerFont(font: { name: string; data: ArrayBuffer; weight: number; style: string }): Promise<unknown> | unknown;
  render(node: never, options: { width: number; height: number; format: RasterFormat; quality?: number; lossless?: boolean; fontFamilies?: string[] }): Promise<Uint8Array>;
  renderSvg(node: never, options: { width: number; height: number; fontFamilies?: string[] }): Promise<string>;
}

export interface TakumiOptions {
  name: string;
  formats: ReadonlyArray<RasterFormat>;
  /** Family fallback chain: a glyph missing from one family is drawn by the next that has it. */
  families: string[];
}

function node(tree: Parameters<RenderEngine['raster']>[0], pictures?: PictureMap): never {
  // A copy: the walk adds the data: URIs it decodes to the map.
  const t: TakumiNode | null = takumiTree(tree, new Map<string, Uint8Array>(pictures ?? []));
  if (!t) throw new Error('render: the template produced no element');
  return t as never;
}

export function takumiEngine(renderer: TakumiRenderer, o: TakumiOptions): RenderEngine {
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
      // WebP at quality 86 like sharp's output; PNG is lossless by definition.
      const opts = format === 'webp' ? { quality: 86 } : {};
      const out = await renderer.render(node(tree, pictures), { width: size.w, height: size.h, format, fontFamilies: await families(extra), ...opts });
      return out instanceof Uint8Array ? out : new Uint8Array(out);
    },
    svg: async (tree, size, extra) => renderer.renderSvg(node(tree), { width: size.w, height: size.h, fontFamilies: await families(extra) }),
  };
}
