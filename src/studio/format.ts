// Small shared pieces of studio pages: local-time flight text, a sparkline, condition sentences.
import { html } from 'hono/html';
import { localTime } from '../domain/time.ts';
import type { Condition, Region } from '../domain/types.ts';
import type { Html } from './layout.ts';
import { fmtNumber, fmtPercent, t, type StudioLang } from './i18n.ts';

/** `2026-11-30 09:00` in the region's zone. */
export function wallIn(iso: string, tz: string): string {
  return localTime(Date.parse(iso), tz, []).wall.replace('T', ' ');
}

export function flightText(startsAt: string, endsAt: string, region: Region | undefined): string {
  const tz = region?.tz ?? 'UTC';
  return `${wallIn(startsAt, tz)} → ${wallIn(endsAt, tz)} (${tz})`;
}

/** A 7-point impressions sparkline with a CTR label, as inline SVG (no script needed). */
export function sparkline(lang: StudioLang, points: Array<{ impressions: number; clicks: number }>): Html {
  const w = 120;
  const h = 28;
  const max = Math.max(1, ...points.map((p) => p.impressions));
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const xy = points.map((p, i) => `${(i * step).toFixed(1)},${(h - 2 - (p.impressions / max) * (h - 4)).toFixed(1)}`).join(' ');
  const imp = points.reduce((a, p) => a + p.impressions, 0);
  const clk = points.reduce((a, p) => a + p.clicks, 0);
  const label = t(lang, 'spark.label', { imp: fmtNumber(lang, imp), ctr: fmtPercent(lang, imp ? clk / imp : null) });
  return html`<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}"><title>${label}</title><polyline fill="none" stroke="#0f766e" stroke-width="2" points="${xy}"/></svg>
<span class="muted">${fmtNumber(lang, imp)} · ${fmtPercent(lang, imp ? clk / imp : null)}</span>`;
}

export function conditionText(c: Condition): string {
  const v = Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
  const op = new Map([['eq', '='], ['ne', '≠'], ['lt', '<'], ['lte', '≤'], ['gt', '>'], ['gte', '≥'], ['in', 'in'], ['not_in', 'not in']]).get(c.op) ?? c.op;
  return `${c.signal} ${op} ${v}`;
}
