// Report counts: events of one campaign grouped by variant, region, segment or day, split by
// holdout. Test traffic never counts. Driver-free like SqlStore.
import { sql, type SQL } from 'drizzle-orm';
import type { ReportCounts, ReportQuery } from './port.ts';
import type { Db } from './sql-store.ts';

const KEY = new Map<ReportQuery['by'], SQL>([
  ['variant', sql`coalesce(e.variant_id, '(none)')`],
  ['region', sql`coalesce(e.region, '(none)')`],
  ['day', sql`substr(e.at, 1, 10)`],
  // The middle field of the learning bucket `region|daypart|device` (the viewer's local day part).
  ['daypart', sql`coalesce(nullif(substr(substr(e.bucket, instr(e.bucket, '|') + 1), 1, instr(substr(e.bucket, instr(e.bucket, '|') + 1), '|') - 1), ''), '(none)')`],
  // An event counts once under each segment the shopper had; unprofiled traffic under (none).
  ['segment', sql`coalesce(s.value, '(none)')`],
]);

export async function reportCounts(db: Db, q: ReportQuery): Promise<ReportCounts[]> {
  const from = q.by === 'segment' ? sql`events e LEFT JOIN json_each(e.segments) s` : sql`events e`;
  const range = sql.join(
    [sql`e.campaign_id = ${q.campaignId}`, sql`e.test = 0`, ...(q.from ? [sql`e.at >= ${q.from}`] : []), ...(q.to ? [sql`e.at < ${q.to}`] : [])],
    sql` AND `,
  );
  // A conversion event carries its share of the credit (position-based) and of the revenue.
  const rows = await db.all<{ key: string; holdout: number; impressions: number; clicks: number; scans: number; cc: number | null; vc: number | null; cr: number | null; vr: number | null; currency: string | null; replays: number; wins: number; bills: number; billed: number | null; priced: number }>(sql`
    SELECT ${KEY.get(q.by)!} AS key, e.holdout AS holdout,
      sum(e.type = 'impression') AS impressions,
      sum(e.type = 'click' AND e.replay = 0) AS clicks,
      sum(e.type = 'scan' AND e.replay = 0) AS scans,
      sum(e.replay = 1) AS replays,
      sum(e.type = 'win') AS wins,
      sum(e.type = 'bill') AS bills,
      sum(CASE WHEN e.type = 'bill' THEN e.value END) AS billed,
      sum(e.type = 'bill' AND e.value IS NOT NULL) AS priced,
      sum(CASE WHEN e.type = 'conversion' THEN coalesce(e.credit, 1) END) AS cc,
      sum(CASE WHEN e.type = 'conversion_view' THEN coalesce(e.credit, 1) END) AS vc,
      sum(CASE WHEN e.type = 'conversion' THEN e.value END) AS cr,
      sum(CASE WHEN e.type = 'conversion_view' THEN e.value END) AS vr,
      max(CASE WHEN e.type IN ('conversion', 'conversion_view') THEN e.currency END) AS currency
    FROM ${from}
    WHERE ${range}
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  return rows.map((r) => {
    const [cc, vc, cr, vr] = [Number(r.cc ?? 0), Number(r.vc ?? 0), Number(r.cr ?? 0), Number(r.vr ?? 0)];
    return {
      key: String(r.key),
      holdout: Number(r.holdout) === 1,
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      scans: Number(r.scans),
      conversions: cc + vc,
      revenue: cr + vr,
      currency: r.currency,
      clickConversions: cc,
      viewConversions: vc,
      clickRevenue: cr,
      viewRevenue: vr,
      replays: Number(r.replays),
      wins: Number(r.wins),
      bills: Number(r.bills),
      billedCpmSum: Number(r.billed ?? 0),
      pricedBills: Number(r.priced),
    };
  });
}
