// Injected randomness: a small seeded PRNG so decisions replay exactly for a seed.
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: fast, 32-bit state, good enough for tie-breaking and sampling. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** 32-bit FNV-1a, for deriving stable ids and sub-seeds from strings. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Decision id derived from seed and clock, so the same seed and clock give the same id. */
export function decisionId(seed: number, at: number): string {
  const a = fnv1a(`${seed}:${at}`).toString(16).padStart(8, '0');
  const b = fnv1a(`${at}:${seed}`, 0x9747b28c).toString(16).padStart(8, '0');
  return `d_${a}${b}`;
}
