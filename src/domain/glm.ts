// A small Bayesian logistic regression: one variant's click rate as a function of one-hot context
// features (region, daypart, device), fitted by Newton's method to per-bucket counts (which are
// sufficient statistics for one-hot features). It gives every bucket, even an unseen one, a prior
// that is not biased by where the policy happened to show the variant. Pure.

export interface BucketCount {
  /** The bucket's feature values, e.g. ['SA-01', 'evening', 'mobile']. */
  features: readonly string[];
  n: number;
  wins: number;
}

export interface Model {
  bias: number;
  /** `i:value` → weight (i = feature position). */
  weights: Map<string, number>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** Solves A x = b for a symmetric positive-definite A (Cholesky); A is overwritten. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let j = 0; j < n; j++) {
    let d = a[j]![j]!;
    for (let k = 0; k < j; k++) d -= a[j]![k]! ** 2;
    const l = Math.sqrt(Math.max(d, 1e-12));
    a[j]![j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= a[i]![k]! * a[j]![k]!;
      a[i]![j] = s / l;
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i]![k]! * y[k]!;
    y[i] = s / a[i]![i]!;
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k]![i]! * x[k]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

/**
 * MAP fit with a Gaussian prior: the bias centred on logit(`base`) with precision `biasPrecision`,
 * feature weights centred on 0 with precision `precision` (a feature value seen rarely stays near
 * the overall rate).
 */
export function fitModel(rows: readonly BucketCount[], base: number, precision = 2, biasPrecision = 0.1, iterations = 8): Model {
  const index = new Map<string, number>();
  const xs = rows.map((r) => r.features.map((v, i) => {
    const k = `${i}:${v}`;
    if (!index.has(k)) index.set(k, index.size + 1);
    return index.get(k)!;
  }));
  const dim = index.size + 1;
  const b0 = logit(Math.min(0.99, Math.max(1e-4, base)));
  const w = new Array<number>(dim).fill(0);
  w[0] = b0;
  for (let it = 0; it < iterations; it++) {
    const g = w.map((wi, i) => (i === 0 ? -biasPrecision * (wi - b0) : -precision * wi));
    const h = Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? (i === 0 ? biasPrecision : precision) : 0)));
    rows.forEach((r, ri) => {
      if (r.n <= 0) return;
      const idx = [0, ...xs[ri]!];
      const p = sigmoid(idx.reduce((s, i) => s + w[i]!, 0));
      const resid = Math.min(r.wins, r.n) - r.n * p;
      const curv = r.n * p * (1 - p);
      for (const i of idx) {
        g[i] = g[i]! + resid;
        for (const j of idx) h[i]![j] = h[i]![j]! + curv;
      }
    });
    const step = solve(h, g);
    let moved = 0;
    for (let i = 0; i < dim; i++) {
      w[i] = w[i]! + step[i]!;
      moved = Math.max(moved, Math.abs(step[i]!));
    }
    if (moved < 1e-6) break;
  }
  const weights = new Map<string, number>();
  for (const [k, i] of index) weights.set(k, w[i]!);
  return { bias: w[0]!, weights };
}

export function predict(m: Model, features: readonly string[]): number {
  let z = m.bias;
  features.forEach((v, i) => (z += m.weights.get(`${i}:${v}`) ?? 0));
  return sigmoid(z);
}
