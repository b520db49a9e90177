// How much of a canvas a creative uses: empty bands and inked cells, from raw RGB pixels.

/** The longest run of rows (and of columns) holding only the background colour (the most common one), and the share of 40-px cells with ink. */
export function emptyBands(data: Buffer, w: number, h: number): { rows: number; cols: number; cells: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 3 * 7) {
    const k = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const [br, bgG, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  const ink = (x: number, y: number) => {
    const i = (y * w + x) * 3;
    return Math.abs(data[i]! - br) + Math.abs(data[i + 1]! - bgG) + Math.abs(data[i + 2]! - bb) > 40;
  };
  const longest = (n: number, has: (i: number) => boolean) => {
    let best = 0;
    let run = 0;
    for (let i = 0; i < n; i++) {
      run = has(i) ? 0 : run + 1;
      best = Math.max(best, run);
    }
    return best;
  };
  const rows = longest(h, (y) => {
    for (let x = 0; x < w; x += 2) if (ink(x, y)) return true;
    return false;
  });
  const cols = longest(w, (x) => {
    for (let y = 0; y < h; y += 2) if (ink(x, y)) return true;
    return false;
  });
  const C = 40;
  let cells = 0;
  let inked = 0;
  for (let cy = 0; cy + C <= h; cy += C)
    for (let cx = 0; cx + C <= w; cx += C) {
      cells++;
      outer: for (let y = cy; y < cy + C; y += 2) for (let x = cx; x < cx + C; x += 2) if (ink(x, y)) {
        inked++;
        break outer;
      }
    }
  return { rows, cols, cells: inked / cells };
}
