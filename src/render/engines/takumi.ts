// takumi (Rust: layout, HarfBuzz-grade shaping through its own text stack, rasterizing and PNG/WebP
// encoding in one call) behind the engine port. The native binding (Node) and the WebAssembly
// build (Workers) share this adapter; the runtime hands in a renderer with the fonts registered.
import { takumiTree, type TakumiNode } from '../takumi-tree.ts';
import type { RasterFormat, RenderEngine } from '../types.ts';

/** The part of takumi's Renderer (native and wasm alike) this engine calls. */
export interface TakumiRenderer {
  render(node: never, options: { width: number; height: number; format: RasterFormat; quality?: number; lossless?: boolean; fontFamilies?: string[] }): Promise<Uint8Array>;
  renderSvg(node: never, options: { width: number; height: number; fontFamilies?: string[] }): Promise<string>;
}

export interface TakumiOptions {
  name: string;
  formats: ReadonlyArray<RasterFormat>;
  /** Family fallback chain: a glyph missing from one family is drawn by the next that has it. */
  families: string[];
}

function node(tree: Parameters<RenderEngine['raster']>[0]): never {
  const t: TakumiNode | null = takumiTree(tree);
  if (!t) throw new Error('render: the template produced no element');
  return t as never;
}

export function takumiEngine(renderer: TakumiRenderer, o: TakumiOptions): RenderEngine {
  return {
    name: o.name,
    rasterFormats: o.formats,
    async raster(tree, size, format) {
      if (!o.formats.includes(format)) throw new Error(`format: the ${o.name} engine cannot produce ${format} on this runtime`);
      // WebP at quality 86 like sharp's output; PNG is lossless by definition.
      const opts = format === 'webp' ? { quality: 86 } : {};
      const out = await renderer.render(node(tree), { width: size.w, height: size.h, format, fontFamilies: o.families, ...opts });
      return out instanceof Uint8Array ? out : new Uint8Array(out);
    },
    svg: (tree, size) => renderer.renderSvg(node(tree), { width: size.w, height: size.h, fontFamilies: o.families }),
  };
}
