// The template tree (satori-shaped elements) as a takumi node tree. Pure: the native (Node) and
// WebAssembly (Workers) takumi engines share it. Pictures are inlined as bytes so takumi never
// resolves a URL; `direction` is carried as the node's `dir` too (takumi shapes bidi per node).
import type { VChild, VNode } from './types.ts';

export type TakumiNode =
  | { type: 'container'; style?: Record<string, unknown>; dir?: 'ltr' | 'rtl'; lang?: string; children?: TakumiNode[] }
  | { type: 'text'; text: string; style?: Record<string, unknown> }
  | { type: 'image'; src: Uint8Array | string; width?: number; height?: number; style?: Record<string, unknown> };

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

function kids(node: VNode): VChild[] {
  const c = node.props.children;
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

export function takumiTree(node: VChild, pictures: Map<string, Uint8Array> = new Map()): TakumiNode | null {
  if (node === null || node === undefined || node === false) return null;
  if (typeof node === 'string' || typeof node === 'number') return { type: 'text', text: String(node) };
  const style = node.props.style ? { ...node.props.style } : undefined;
  if (node.type === 'img') {
    const src = String(node.props.src ?? '');
    let bytes = pictures.get(src);
    if (!bytes) {
      const decoded = dataUriBytes(src);
      if (!decoded) return null;
      bytes = decoded;
      pictures.set(src, bytes);
    }
    return { type: 'image', src: bytes, width: Number(node.props.width) || undefined, height: Number(node.props.height) || undefined, ...(style ? { style } : {}) };
  }
  const children: TakumiNode[] = [];
  for (const c of kids(node)) {
    const t = takumiTree(c, pictures);
    if (t) children.push(t);
  }
  const dir = style?.direction === 'rtl' || node.props.dir === 'rtl' ? 'rtl' : style?.direction === 'ltr' || node.props.dir === 'ltr' ? 'ltr' : undefined;
  const lang = typeof node.props.lang === 'string' ? node.props.lang : undefined;
  return { type: 'container', ...(style ? { style } : {}), ...(dir ? { dir } : {}), ...(lang ? { lang } : {}), children };
}
