// Campaign reports: counts per variant, region, segment or day, CTR with a 95% Wilson interval,
// conversions and revenue, and lift over the holdout (the default variant served to a random share).
import type { ReportCounts, ReportDimension, Store } from '../storage/port.ts';

export interface ReportRow {
  key: string;
  impressions: number;
  clicks: number;
  scans: number;
  /** (clicks + QR scans) / impressions. */
  ctr: number | null;
  ctr_low: number | null;
  ctr_high: number | null;
  conversions: number;
  conversion_rate: number | null;
  revenue: number;
  currency: string | null;
  /** Conversions and revenue credited to clicks and QR scans. */
  click_through_conversions: number;
  click_through_revenue: number;
  /** Conversions and revenue credited to impressions only (within the view window). */
  view_through_conversions: number;
  view_through_revenue: number;
  holdout_impressions: number;
  holdout_ctr: number | null;
  /** Clicks and scans on a token already counted: redirected and stored, never counted above. */
  replays: number;
  /** OpenRTB win and billing notices; spend is the billed clearing prices (CPM ÷ 1000, USD). */
  wins: number;
  bills: number;
  spend: number;
  /** Mean clearing price (CPM, USD) over billing notices that carried `${AUCTION_PRICE}`. */
  avg_clearing_cpm: number | null;
  /** CTR of the optimized traffic over the holdout's, minus one (0.25 = 25% more clicks per impression). */
  lift: number | null;
  /** 95% interval of the lift (log of the CTR ratio, normal approximation); null without clicks on both sides. */
  lift_low: number | null;
  lift_high: number | null;
}

export interface Report {
  campaign: string;
  by: ReportDimension;
  rows: ReportRow[];
  total: ReportRow;
}

const Z95 = 1.959964;

/** Wilson score interval for k successes in n trials. */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const mid = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

type Sums = Omit<ReportCounts, 'key' | 'holdout'>;
const zero = (): Sums => ({ impressions: 0, clicks: 0, scans: 0, conversions: 0, revenue: 0, currency: null, clickConversions: 0, viewConversions: 0, clickRevenue: 0, viewRevenue: 0, replays: 0, wins: 0, bills: 0, billedCpmSum: 0, pricedBills: 0 });
const ADDED = ['impressions', 'clicks', 'scans', 'conversions', 'revenue', 'clickConversions', 'viewConversions', 'clickRevenue', 'viewRevenue', 'replays', 'wins', 'bills', 'billedCpmSum', 'pricedBills'] as const;
function add(a: Sums, b: Sums): Sums {
  const out = { ...a, currency: a.currency ?? b.currency };
  for (const k of ADDED) out[k] = a[k] + b[k];
  return out;
}
const money = (v: number) => Math.round(v * 100) / 100;
// Position-based credit splits a conversion: counts are shares, shown to a thousandth.
const share = (v: number) => Math.round(v * 1000) / 1000;
/** 95% interval of p1/p2 − 1 for k1/n1 against k2/n2, by the log rate ratio's standard error. */
export function liftInterval(k1: number, n1: number, k2: number, n2: number, z = Z95): [number, number] | null {
  if (k1 <= 0 || k2 <= 0 || n1 <= 0 || n2 <= 0) return null;
  const log = Math.log(k1 / n1 / (k2 / n2));
  const se = Math.sqrt(1 / k1 - 1 / n1 + 1 / k2 - 1 / n2);
  return [Math.exp(log - z * se) - 1, Math.exp(log + z * se) - 1];
}

const ctrOf = (s: Sums) => (s.impressions > 0 ? (s.clicks + s.scans) / s.impressions : null);

function row(key: string, treated: Sums, holdout: Sums, reference: Sums): ReportRow {
  const all = add(treated, holdout);
  const ci = wilson(all.clicks + all.scans, all.impressions);
  const ref = holdout.impressions > 0 ? holdout : reference;
  const t = ctrOf(treated);
  const h = ctrOf(ref);
  const li = liftInterval(treated.clicks + treated.scans, treated.impressions, ref.clicks + ref.scans, ref.impressions);
  return {
    key,
    impressions: all.impressions,
    clicks: all.clicks,
    scans: all.scans,
    ctr: ctrOf(all),
    ctr_low: ci?.[0] ?? null,
    ctr_high: ci?.[1] ?? null,
    conversions: share(all.conversions),
    conversion_rate: all.impressions > 0 ? all.conversions / all.impressions : null,
    revenue: money(all.revenue),
    currency: all.currency,
    click_through_conversions: share(all.clickConversions),
    click_through_revenue: money(all.clickRevenue),
    view_through_conversions: share(all.viewConversions),
    view_through_revenue: money(all.viewRevenue),
    holdout_impressions: holdout.impressions,
    holdout_ctr: ctrOf(ref),
    replays: all.replays,
    wins: all.wins,
    bills: all.bills,
    spend: Math.round((all.billedCpmSum / 1000) * 1e6) / 1e6,
    avg_clearing_cpm: all.pricedBills > 0 ? Math.round((all.billedCpmSum / all.pricedBills) * 1e4) / 1e4 : null,
    lift: t !== null && h !== null && h > 0 ? t / h - 1 : null,
    lift_low: li?.[0] ?? null,
    lift_high: li?.[1] ?? null,
  };
}

export async function campaignReport(store: Store, q: { campaignId: string; by: ReportDimension; from?: string; to?: string }): Promise<Report> {
  const counts = await store.reportCounts(q);
  // By segment an event counts once per segment the shopper had: totals come from an unexploded grouping.
  const whole = q.by === 'segment' ? await store.reportCounts({ ...q, by: 'variant' }) : counts;
  const groups = new Map<string, { treated: Sums; holdout: Sums }>();
  for (const c of counts) {
    const g = groups.get(c.key) ?? { treated: zero(), holdout: zero() };
    if (c.holdout) g.holdout = add(g.holdout, c);
    else g.treated = add(g.treated, c);
    groups.set(c.key, g);
  }
  let treated = zero();
  let holdout = zero();
  for (const c of whole) {
    if (c.holdout) holdout = add(holdout, c);
    else treated = add(treated, c);
  }
  const rows = [...groups].map(([key, g]) => row(key, g.treated, g.holdout, holdout));
  return { campaign: q.campaignId, by: q.by, rows, total: row('(total)', treated, holdout, holdout) };
}

const COLUMNS: Array<keyof ReportRow> = [
  'key', 'impressions', 'clicks', 'scans', 'ctr', 'ctr_low', 'ctr_high', 'conversions', 'conversion_rate', 'revenue', 'currency',
  'click_through_conversions', 'click_through_revenue', 'view_through_conversions', 'view_through_revenue', 'holdout_impressions', 'holdout_ctr', 'lift', 'lift_low', 'lift_high',
  'replays', 'wins', 'bills', 'spend', 'avg_clearing_cpm',
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: a header naming the dimension, one line per group, then the total. */
export function reportCsv(r: Report): string {
  const header = [r.by, ...COLUMNS.slice(1)].join(',');
  return [header, ...[...r.rows, r.total].map((x) => COLUMNS.map((c) => cell(x[c])).join(','))].join('\r\n') + '\r\n';
}
