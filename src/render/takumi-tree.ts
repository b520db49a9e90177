// The template tree (satori-shaped elements) as a takumi node tree. Pure: the native (Node) and
// WebAssembly (Workers) takumi engines share it. `direction` is carried as the node's `dir` too
// (takumi shapes bidi per node). Pictures are named by a key in the tree and handed to takumi as
// bytes in the render's `images` list (never a URL: takumi resolves nothing). A tree of plain
// strings and numbers is sent to the native binding as JSON, which it parses off the main thread;
// bytes inside the tree would make it convert the whole tree object by object on the main thread.
import type { VChild, VNode } from './types.ts';

export type TakumiNode =
  | { type: 'container'; style?: Record<string, unknown>; dir?: 'ltr' | 'rtl'; lang?: string; children?: TakumiNode[] }
  | { type: 'text'; text: string; style?: Record<string, unknown> }
  | { type: 'image'; src: string; width?: number; height?: number; style?: Record<string, unknown> };

/** One picture the tree names by `src`: its encoded bytes, and whether takumi may keep it decoded. */
export interface TakumiImage {
  src: string;
  data: Uint8Array;
  cache: 'auto' | 'none';
}

/** Bytes of a base64 `data:` URI, or null for anything else (takumi is never handed a URL). */
export function dataUriBytes(src: string): Uint8Array | null {
  const m = /^data:([^;,]+)(;base64)?,/.exec(src);
  if (!m) return null;
  const body = src.slice(m[0].length);
  if (!m[2]) return new TextEncoder().encode(decodeURIComponent(body));
  const bin = atob(body);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Names picture buffers for takumi's decoded-image cache. A buffer is named by its identity: the
 * same buffer object (a brand kit's logo or a photo held by the image resolver's cache) keeps its
 * name and is decoded once; any other buffer, even with equal bytes, gets a new name, so a cached
 * decode is never drawn for other pixels. Bytes decoded from a `data:` URI are new on every render
 * and are not cached at all.
 */
export class PictureNames {
  private names = new WeakMap<Uint8Array, string>();
  private next = 0;
  name(bytes: Uint8Array): string {
    let n = this.names.get(bytes);
    if (!n) this.names.set(bytes, (n = `vitrine-image:${++this.next}`));
    return n;
  }
}

function kids(node: VNode): VChild[] {
  const c = node.props.children;
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

/**
 * The takumi tree and the pictures it names. `pictures` maps an `<img src>` to encoded bytes
 * (handed over beside the tree); any other `src` must be a `data:` URI, or the image is left out.
 */
export function takumiTree(node: VChild, pictures: ReadonlyMap<string, Uint8Array> = new Map(), names = new PictureNames()): { tree: TakumiNode | null; images: TakumiImage[] } {
  const images = new Map<string, TakumiImage>();
  const walk = (n: VChild): TakumiNode | null => {
    if (n === null || n === undefined || n === false) return null;
    if (typeof n === 'string' || typeof n === 'number') return { type: 'text', text: String(n) };
    const style = n.props.style ? { ...n.props.style } : undefined;
    if (n.type === 'img') {
      const src = String(n.props.src ?? '');
      let image = images.get(src);
      if (!image) {
        const held = pictures.get(src);
        const decoded = held ? null : dataUriBytes(src);
        if (held) image = { src: names.name(held), data: held, cache: 'auto' };
        else if (decoded) image = { src: `vitrine-inline:${images.size}`, data: decoded, cache: 'none' };
        else return null;
        images.set(src, image);
      }
      return { type: 'image', src: image.src, width: Number(n.props.width) || undefined, height: Number(n.props.height) || undefined, ...(style ? { style } : {}) };
    }
    const children: TakumiNode[] = [];
    for (const c of kids(n)) {
      const t = walk(c);
      if (t) children.push(t);
    }
    const dir = style?.direction === 'rtl' || n.props.dir === 'rtl' ? 'rtl' : style?.direction === 'ltr' || n.props.dir === 'ltr' ? 'ltr' : undefined;
    const lang = typeof n.props.lang === 'string' ? n.props.lang : undefined;
    return { type: 'container', ...(style ? { style } : {}), ...(dir ? { dir } : {}), ...(lang ? { lang } : {}), children };
  };
  const tree = walk(node);
  return { tree, images: [...images.values()] };
}
