// Ink comparison of one glyph run drawn by two renderers: align the runs (small shift search),
// let pixelmatch mark the pixels that differ beyond anti-aliasing, then erase 1 px edge noise
// (a 2×2 opening) and count the densest 12×12 px window left. A dropped dot, hamza or shadda, or one drawn in
// the wrong place, leaves a solid cluster; sub-pixel placement and hinting differences leave
// only thin seams along glyph edges, which the opening removes.
import pixelmatch from 'pixelmatch';

export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

export function crop(img: Rgba, y: number, h: number): Rgba {
  const row = img.width * 4;
  return { data: img.data.slice(y * row, (y + h) * row), width: img.width, height: h };
}

/** Bounding box of dark ink (luminance below 160 on the white rows), or null when blank. */
export function inkBox(img: Rgba): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const lum = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      if (lum < 160) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

function shifted(img: Rgba, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(img.data.length).fill(255);
  for (let y = 0; y < img.height; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= img.height) continue;
    for (let x = 0; x < img.width; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= img.width) continue;
      const s = (sy * img.width + sx) * 4;
      const d = (y * img.width + x) * 4;
      out[d] = img.data[s]!;
      out[d + 1] = img.data[s + 1]!;
      out[d + 2] = img.data[s + 2]!;
      out[d + 3] = 255;
    }
  }
  return out;
}

/** Keeps only mismatches inside a fully mismatched 2×2 block: 1 px seams along glyph edges (hinting, sub-pixel placement) vanish, any mark (≥ 3 px across) stays. */
function open2x2(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y + 1 < h; y++)
    for (let x = 0; x + 1 < w; x++) {
      const p = y * w + x;
      if (mask[p] && mask[p + 1] && mask[p + w] && mask[p + w + 1]) out[p] = out[p + 1] = out[p + w] = out[p + w + 1] = 1;
    }
  return out;
}

/** Most mismatched pixels inside any `win`×`win` window: a lost or moved mark is a dense cluster, edge noise is thin and scattered. */
function densestWindow(mask: Uint8Array, w: number, h: number, win: number): number {
  // Summed-area table: each window sum in O(1).
  const sat = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += mask[y * w + x]!;
      sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1]! + row;
    }
  }
  let best = 0;
  for (let y = 0; y + win <= h; y++)
    for (let x = 0; x + win <= w; x++) {
      const s = sat[(y + win) * (w + 1) + x + win]! - sat[y * (w + 1) + x + win]! - sat[(y + win) * (w + 1) + x]! + sat[y * (w + 1) + x]!;
      if (s > best) best = s;
    }
  return best;
}

export interface RunDiff {
  /** Most differing pixels in any 12×12 px window (0 = the runs agree). */
  blob: number;
  /** Pixels pixelmatch counted as different at the best alignment. */
  mismatched: number;
  shift: [number, number];
}

/** The rows' region around both inks, so the search compares only where glyphs are. */
function region(img: Rgba, x0: number, x1: number): Rgba {
  const w = x1 - x0;
  const out = new Uint8Array(w * img.height * 4);
  for (let y = 0; y < img.height; y++) out.set(img.data.subarray((y * img.width + x0) * 4, (y * img.width + x1) * 4), y * w * 4);
  return { data: out, width: w, height: img.height };
}

export const WINDOW = 12;

/** Above this many differing pixels in one 12×12 window a run fails: a dropped or moved dot, hamza or haraka leaves 8 or more at 44 px. */
export const TOLERANCE = 4;

export function compareRuns(ours: Rgba, reference: Rgba, search = 2): RunDiff {
  const a = inkBox(ours), b = inkBox(reference);
  if (!a || !b) {
    const blank = !a && !b;
    return { blob: blank ? 0 : Infinity, mismatched: blank ? 0 : Infinity, shift: [0, 0] };
  }
  // Start from the ink boxes' centres (robust to a lost mark at either end), then search.
  const cx = Math.round((b.x0 + b.x1 - a.x0 - a.x1) / 2), cy = Math.round((b.y0 + b.y1 - a.y0 - a.y1) / 2);
  const x0 = Math.max(0, Math.min(a.x0 + cx, b.x0) - 8), x1 = Math.min(ours.width, Math.max(a.x1 + cx, b.x1) + 9);
  ours = region({ ...ours, data: shifted(ours, cx, 0) }, x0, x1);
  reference = region(reference, x0, x1);
  const { width: w, height: h } = ours;
  const score = (img: Uint8Array) => {
    const out = new Uint8Array(w * h * 4);
    const n = pixelmatch(img, reference.data, out, w, h, { threshold: 0.2, diffMask: true, diffColor: [255, 0, 0], aaColor: [0, 0, 0] });
    const mask = new Uint8Array(w * h);
    for (let p = 0; p < w * h; p++) mask[p] = out[p * 4] === 255 && out[p * 4 + 1] === 0 && out[p * 4 + 3]! > 0 ? 1 : 0;
    return { n, blob: densestWindow(open2x2(mask, w, h), w, h, WINDOW) };
  };
  // The centred alignment first; the neighbourhood is searched only when it does not agree.
  let best = { ...score(shifted(ours, 0, cy)), dx: 0, dy: cy };
  if (best.blob > TOLERANCE)
    for (let dy = cy - search; dy <= cy + search; dy++)
      for (let dx = -search; dx <= search; dx++) {
        if (dx === 0 && dy === cy) continue;
        const img = shifted(ours, dx, dy);
        if (pixelmatch(img, reference.data, undefined, w, h, { threshold: 0.2 }) >= best.n) continue;
        const s = score(img);
        if (s.blob < best.blob) best = { ...s, dx, dy };
      }
  return { blob: best.blob, mismatched: best.n, shift: [best.dx + cx, best.dy] };
}
