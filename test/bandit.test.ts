// The learning policy's pieces in isolation: Beta sampling, the context model, the arm table.
import { describe, expect, it } from 'vitest';
import { ArmTable } from '../src/domain/arm-table.ts';
import { posterior, sampleBeta, DEFAULT_POLICY } from '../src/domain/bandit.ts';
import { fitModel, predict } from '../src/domain/glm.ts';
import { seededRng } from '../src/domain/rng.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('Beta sampling', () => {
  it.each([
    [0.3, 20],
    [2, 98],
    [40, 60],
  ])('Beta(%d, %d) samples average to α/(α+β) and stay in [0, 1]', (a, b) => {
    const rng = seededRng(11);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = sampleBeta(a, b, () => rng.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      sum += x;
    }
    expect(sum / n).toBeCloseTo(a / (a + b), 2);
  });
});

describe('context model', () => {
  const regions = { 'SA-01': 0.4, 'GB-LND': -0.3, 'DE-BE': -0.6 };
  const devices = { mobile: 0.5, desktop: 0 };
  const truth = (r: keyof typeof regions, d: keyof typeof devices) => sigmoid(-3.5 + regions[r] + devices[d]);

  it('recovers per-bucket rates from counts, and predicts a bucket it never saw from its features', () => {
    const rows = [];
    for (const r of Object.keys(regions) as Array<keyof typeof regions>)
      for (const d of Object.keys(devices) as Array<keyof typeof devices>) {
        if (r === 'DE-BE' && d === 'mobile') continue; // never observed
        const n = 50_000;
        rows.push({ features: [r, 'evening', d], n, wins: Math.round(n * truth(r, d)) });
      }
    const m = fitModel(rows, 0.03);
    for (const row of rows) expect(predict(m, row.features) / (row.wins / row.n)).toBeCloseTo(1, 1);
    // Berlin on mobile: learned from Berlin on desktop and from mobile elsewhere.
    expect(predict(m, ['DE-BE', 'evening', 'mobile']) / truth('DE-BE', 'mobile')).toBeCloseTo(1, 1);
  });

  it('with little data stays near the overall rate', () => {
    const m = fitModel([{ features: ['SA-01', 'night', 'ctv'], n: 10, wins: 5 }], 0.02);
    expect(predict(m, ['GB-LND', 'morning', 'desktop'])).toBeLessThan(0.1);
  });
});

describe('arm table and posterior', () => {
  it('a bucket with data moves the posterior; the context rate follows new data (no stale cache)', () => {
    const t = new ArmTable();
    t.set('c', 'SA-01|evening|mobile', 'v', { impressions: 1000, clicks: 10, conversions: 0 });
    const before = t.contextRate('c', 'SA-01|evening|mobile', 'v')!;
    expect(before).toBeCloseTo(0.01, 2);
    t.add('c', 'SA-01|evening|mobile', 'v', { impressions: 1000, clicks: 190, conversions: 0 });
    const after = t.contextRate('c', 'SA-01|evening|mobile', 'v')!;
    expect(after).toBeGreaterThan(0.08);
    const p = posterior(0.01, { total: t.total('c', 'v'), local: t.arm('c', 'SA-01|evening|mobile', 'v'), context: after }, DEFAULT_POLICY);
    expect(p.alpha / (p.alpha + p.beta)).toBeCloseTo(0.1, 1);
    expect([p.local, p.campaign]).toEqual([2000, 2000]);
  });

  it('without data the posterior is the variant prior at priorStrength', () => {
    const p = posterior(0.02, {}, DEFAULT_POLICY);
    expect(p.alpha + p.beta).toBeCloseTo(DEFAULT_POLICY.priorStrength);
    expect(p.alpha / (p.alpha + p.beta)).toBeCloseTo(0.02);
  });
});
