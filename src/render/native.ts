// OpenRTB Native 1.2 (and 1.0/1.1 wrapped requests): answer each requested asset from the
// decision's slots. Title, image, price and link always describe the decision's first product;
// the icon is the brand's logo. Image sizes are the sizes of the files the URLs return. Pure.
import type { Size } from '../domain/types.ts';
import type { SlotsDraft } from './slots.ts';

interface AssetReq {
  id: number;
  required?: number;
  title?: { len?: number };
  img?: { type?: number; w?: number; h?: number; wmin?: number; hmin?: number; mimes?: unknown; ext?: { aspectratios?: unknown } };
  data?: { type?: number; len?: number };
  video?: unknown;
}

export interface NativeRequest {
  assets: AssetReq[];
  eventtrackers?: Array<{ event: number; methods: number[] }>;
  /** The request came as `{"native": {...}}` (Native 1.0/1.1): the response is wrapped the same way. */
  wrapped: boolean;
  ver: string;
  privacy: boolean;
}

export interface NativeInput {
  slots: SlotsDraft;
  clickUrl: string;
  impressionUrl: string;
  /** The buyer's privacy notice, linked when the request supports it. */
  privacyUrl: string;
  /** URLs of image files at exactly the given size. */
  assets: { mainImage(size: Size): Promise<string>; icon(size: Size): Promise<string> };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const posInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 4096 ? v : undefined);

/** Parses `imp.native.request`: a JSON string or object, with or without the pre-1.1 `native` wrapper. */
export function parseNativeRequest(raw: unknown): NativeRequest | null {
  let v: unknown = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!isObj(v)) return null;
  const wrapped = isObj(v.native);
  const root = wrapped ? (v.native as Record<string, unknown>) : v;
  if (!Array.isArray(root.assets)) return null;
  const assets = root.assets.filter((a): a is AssetReq => isObj(a) && typeof a.id === 'number');
  const trackers = root.eventtrackers;
  // Native 1.0 requests often say "1": answered as "1.0".
  const ver = typeof root.ver === 'string' && /^1(\.[0-2])?$/.test(root.ver) ? (root.ver === '1' ? '1.0' : root.ver) : wrapped ? '1.1' : '1.2';
  return { assets, ...(Array.isArray(trackers) ? { eventtrackers: trackers as NativeRequest['eventtrackers'] } : {}), wrapped, ver, privacy: root.privacy === 1 };
}

/** Cuts at a word boundary and marks the cut, within `len` characters. */
export function clip(text: string, len: number | undefined): string {
  const chars = [...text];
  if (!len || chars.length <= len) return text;
  const cut = chars.slice(0, Math.max(1, len - 1)).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function dataValue(type: number | undefined, s: SlotsDraft): string | null {
  const p = s.products[0];
  switch (type) {
    case 1:
      return s.brandName;
    case 2:
      return s.subline ?? s.promo ?? s.headline;
    case 6:
      return p ? (p.regularPrice ?? p.price) : null;
    case 7:
      return p?.regularPrice ? p.price : null;
    case 12:
      return s.cta;
    default:
      return null;
  }
}

/** Large main images (Native 1.2 §7.5): at least 627 px high, 1.91:1 unless the request says otherwise. */
const MAIN_DEFAULT: Size = { w: 1200, h: 627 };
const ICON_DEFAULT: Size = { w: 100, h: 100 };
const MAX_SIDE = 2048;

/** The first `"W:H"` of `img.ext.aspectratios` (Prebid.js's native `aspect_ratios`), in whole numbers. */
function aspectOf(img: NonNullable<AssetReq['img']>): { a: number; b: number } | null {
  const list = img.ext?.aspectratios;
  if (!Array.isArray(list) || typeof list[0] !== 'string') return null;
  const m = /^(\d{1,4}):(\d{1,4})$/.exec(list[0].trim());
  const a = m ? Number(m[1]) : 0;
  const b = m ? Number(m[2]) : 0;
  return a > 0 && b > 0 ? { a, b } : null;
}

/**
 * The size an image asset is drawn at: the exact `w`/`h`; else, with an aspect ratio asked
 * (`ext.aspectratios`), the smallest whole multiple of it at least `wmin`×`hmin` and the default's
 * height; else the `wmin`/`hmin` aspect scaled up to the default's height. Never past 2048.
 */
export function imageSize(img: NonNullable<AssetReq['img']>, icon: boolean): Size | null {
  const w = posInt(img.w);
  const h = posInt(img.h);
  if (w && h) return w <= MAX_SIDE && h <= MAX_SIDE ? { w, h } : null;
  const def = icon ? ICON_DEFAULT : MAIN_DEFAULT;
  const wmin = posInt(img.wmin);
  const hmin = posInt(img.hmin);
  const ratio = aspectOf(img);
  if (ratio) {
    const k = Math.ceil(Math.max(def.h / ratio.b, (hmin ?? 0) / ratio.b, (wmin ?? 0) / ratio.a));
    const size = { w: ratio.a * k, h: ratio.b * k };
    return size.w <= MAX_SIDE && size.h <= MAX_SIDE ? size : null;
  }
  if (wmin && hmin) {
    const k = Math.max(1, def.h / hmin);
    const size = { w: Math.round(wmin * k), h: Math.round(hmin * k) };
    if (size.w > MAX_SIDE || size.h > MAX_SIDE) return wmin <= MAX_SIDE && hmin <= MAX_SIDE ? { w: wmin, h: hmin } : null;
    return size;
  }
  if (w || h) return null; // one side only: no aspect to honour
  return def;
}

async function answer(a: AssetReq, input: NativeInput): Promise<Record<string, unknown> | null> {
  const s = input.slots;
  const p = s.products[0];
  if (a.title) {
    // The product's own name: the title says what the image shows.
    return { id: a.id, title: { text: clip(p?.title ?? s.headline, posInt(a.title.len)) } };
  }
  if (a.img) {
    // Image types: 1 icon (also the old 2 "logo"), 3 main; other types are not drawn.
    const type = a.img.type ?? 3;
    if (type !== 1 && type !== 2 && type !== 3) return null;
    const icon = type !== 3;
    if (!icon && !p) return null;
    // Image files are PNG: a request that lists its accepted types without it gets no image.
    if (Array.isArray(a.img.mimes) && a.img.mimes.length > 0 && !a.img.mimes.includes('image/png')) return null;
    const size = imageSize(a.img, icon);
    if (!size) return null;
    const url = icon ? await input.assets.icon(size) : await input.assets.mainImage(size);
    return { id: a.id, img: { type, url, w: size.w, h: size.h } };
  }
  if (a.data) {
    const value = dataValue(a.data.type, s);
    return value === null ? null : { id: a.id, data: { type: a.data.type, value: clip(value, posInt(a.data.len)) } };
  }
  return null; // video assets: Vitrine has no video creatives
}

/** The Native response (wrapped like the request), or null when a required asset cannot be filled (no bid). */
export async function nativeResponse(req: NativeRequest | null, input: NativeInput): Promise<Record<string, unknown> | null> {
  if (!req) return null;
  const assets: Array<Record<string, unknown>> = [];
  for (const a of req.assets) {
    const got = await answer(a, input);
    if (got) assets.push(got);
    else if (a.required === 1) return null;
  }
  // A response with nothing in it is not an ad: no bid.
  if (assets.length === 0) return null;
  // Event trackers only in a method the request offers; otherwise the legacy imptrackers.
  const offersPixel = req.eventtrackers?.some((t) => t.event === 1 && Array.isArray(t.methods) && t.methods.includes(1));
  const body = {
    ver: req.ver,
    assets,
    link: { url: input.clickUrl },
    ...(offersPixel ? { eventtrackers: [{ event: 1, method: 1, url: input.impressionUrl }] } : { imptrackers: [input.impressionUrl] }),
    ...(req.privacy ? { privacy: input.privacyUrl } : {}),
  };
  return req.wrapped ? { native: body } : body;
}
