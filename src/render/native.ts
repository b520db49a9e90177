// OpenRTB Native 1.2: answer each requested asset from the decision's slots. Pure.
import type { Size } from '../domain/types.ts';
import type { SlotsDraft } from './slots.ts';

interface AssetReq {
  id: number;
  required?: number;
  title?: { len?: number };
  img?: { type?: number; w?: number; h?: number; wmin?: number; hmin?: number };
  data?: { type?: number; len?: number };
  video?: unknown;
}

export interface NativeInput {
  slots: SlotsDraft;
  clickUrl: string;
  impressionUrl: string;
  /** URL of the creative rendered at (about) this size, for image assets. */
  imageUrl: (size: Size) => string;
}

/** Parses `imp.native.request`: a JSON string or object, with or without the pre-1.1 `native` wrapper. */
export function parseNativeRequest(raw: unknown): { assets: AssetReq[]; eventtrackers?: Array<{ event: number; methods: number[] }> } | null {
  let v: unknown = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (v && typeof v === 'object' && 'native' in v && typeof (v as { native: unknown }).native === 'object') v = (v as { native: unknown }).native;
  const assets = (v as { assets?: unknown })?.assets;
  if (!Array.isArray(assets)) return null;
  const ok = assets.filter((a): a is AssetReq => !!a && typeof a === 'object' && typeof (a as AssetReq).id === 'number');
  const trackers = (v as { eventtrackers?: unknown }).eventtrackers;
  return { assets: ok, ...(Array.isArray(trackers) ? { eventtrackers: trackers as Array<{ event: number; methods: number[] }> } : {}) };
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
      return s.subline ?? s.promo ?? p?.title ?? null;
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

function answer(a: AssetReq, input: NativeInput): Record<string, unknown> | null {
  const s = input.slots;
  if (a.title) return { id: a.id, title: { text: clip(s.headline, a.title.len) } };
  if (a.img) {
    // Icons and logos are square; the main image keeps the requested proportions.
    const w = a.img.w ?? a.img.wmin ?? (a.img.type === 3 ? 1200 : 100);
    const h = a.img.h ?? a.img.hmin ?? (a.img.type === 3 ? 627 : 100);
    return { id: a.id, img: { type: a.img.type ?? 3, url: input.imageUrl({ w, h }), w, h } };
  }
  if (a.data) {
    const value = dataValue(a.data.type, s);
    return value === null ? null : { id: a.id, data: { type: a.data.type, value: clip(value, a.data.len) } };
  }
  return null; // video assets: Vitrine has no video creatives
}

/** The Native 1.2 response, or null when a required asset cannot be filled (no bid). */
export function nativeResponse(req: ReturnType<typeof parseNativeRequest>, input: NativeInput): Record<string, unknown> | null {
  if (!req) return null;
  const assets: Array<Record<string, unknown>> = [];
  for (const a of req.assets) {
    const got = answer(a, input);
    if (got) assets.push(got);
    else if (a.required === 1) return null;
  }
  // Event trackers only in a method the request offers; otherwise the legacy imptrackers.
  const offersPixel = req.eventtrackers?.some((t) => t.event === 1 && t.methods?.includes(1));
  return {
    ver: '1.2',
    assets,
    link: { url: input.clickUrl },
    ...(offersPixel ? { eventtrackers: [{ event: 1, method: 1, url: input.impressionUrl }] } : { imptrackers: [input.impressionUrl] }),
  };
}
