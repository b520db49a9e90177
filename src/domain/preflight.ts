// Pre-flight checks a campaign version must pass before review: brand colours that fail WCAG AA
// contrast where templates draw text with them, and variants whose conditions can never hold
// (a region the campaign does not target, two conditions that contradict, a number range that is
// empty, weekdays the flight never reaches). Pure: the campaign is handed in, findings come out.
import { localTime } from './time.ts';
import type { Campaign, Condition, Variant } from './types.ts';

export interface PreflightFinding {
  check: 'contrast' | 'never_eligible';
  /** `campaign` or a variant id. */
  subject: string;
  /** Where: a colour pair, or the condition(s). */
  field: string;
  detail: string;
}

/** WCAG 2.x AA for normal-size text. */
export const AA_CONTRAST = 4.5;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
}

/** Relative luminance of `#rgb` / `#rrggbb`; null for anything else. */
export function luminance(hex: string): number | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((x) => x + x).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

export function contrastRatio(a: string, b: string): number | null {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Colour pairs the templates draw text with: the brand colour on white, and the brand kit's pairs. */
function colourPairs(c: Campaign): Array<[string, string, string]> {
  const k = c.brandKit;
  if (!k) return [['brandColor on white', c.brandColor, '#ffffff']];
  return [
    ['colors.text on colors.background', k.colors.text, k.colors.background],
    ['colors.primary on colors.background', k.colors.primary, k.colors.background],
    ['cta.text on cta.background', k.cta.text, k.cta.background],
  ];
}

function contrastFindings(c: Campaign): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  for (const [field, fg, bg] of colourPairs(c)) {
    const r = contrastRatio(fg, bg);
    if (r === null) out.push({ check: 'contrast', subject: 'campaign', field, detail: `${fg} on ${bg}: not a #rrggbb colour` });
    else if (r < AA_CONTRAST) out.push({ check: 'contrast', subject: 'campaign', field, detail: `${fg} on ${bg} has contrast ${r.toFixed(2)}:1, below WCAG AA ${AA_CONTRAST}:1` });
  }
  return out;
}

const asList = (v: Condition['value']): Array<string | number> => (Array.isArray(v) ? v : [v as string | number]);
const text = (c: Condition) => `${c.signal} ${c.op} ${Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value)}`;

/** Values a set of eq/in conditions on one signal allows (null = unconstrained). */
function allowed(conds: Condition[]): Set<string> | null {
  let set: Set<string> | null = null;
  for (const c of conds) {
    if (c.op !== 'eq' && c.op !== 'in') continue;
    const vals = new Set(asList(c.value).map(String));
    const prev: Set<string> | null = set;
    set = prev === null ? vals : new Set([...prev].filter((x: string) => vals.has(x)));
  }
  for (const c of conds) if ((c.op === 'ne' || c.op === 'not_in') && set) for (const x of asList(c.value)) set.delete(String(x));
  return set;
}

/** The weekdays (0–6) a flight reaches in a time zone; all seven once it lasts a week. */
function flightWeekdays(c: Campaign, tz: string): Set<number> {
  const start = Date.parse(c.startsAt);
  const end = Date.parse(c.endsAt);
  const days = new Set<number>();
  if (!(end > start)) return days;
  for (let t = start; t < end && days.size < 7; t += 3600_000) days.add(localTime(t, tz, []).weekday);
  days.add(localTime(end - 1, tz, []).weekday);
  return days;
}

function variantFindings(c: Campaign, v: Variant, tzOf: (region: string) => string | undefined): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const bySignal = new Map<string, Condition[]>();
  for (const cond of v.conditions) bySignal.set(cond.signal, [...(bySignal.get(cond.signal) ?? []), cond]);
  for (const [signal, conds] of bySignal) {
    const set = allowed(conds);
    if (set && set.size === 0) out.push({ check: 'never_eligible', subject: v.id, field: conds.map(text).join(' and '), detail: `no ${signal} satisfies ${conds.map(text).join(' and ')}` });
    if (signal === 'region' && set && set.size > 0 && ![...set].some((r) => c.regions.includes(r))) {
      out.push({ check: 'never_eligible', subject: v.id, field: conds.map(text).join(' and '), detail: `the campaign targets ${c.regions.join(', ')}; this variant only ${[...set].join(', ')}` });
    }
    if (signal === 'weekday' && set && set.size > 0) {
      const reach = new Set(c.regions.flatMap((r) => [...flightWeekdays(c, tzOf(r) ?? 'UTC')]));
      if (![...set].some((d) => reach.has(Number(d)))) out.push({ check: 'never_eligible', subject: v.id, field: conds.map(text).join(' and '), detail: `the flight ${c.startsAt} → ${c.endsAt} never reaches weekday ${[...set].join(', ')}` });
    }
    // Numbers: the lower bounds must stay below the upper bounds.
    let lo = -Infinity;
    let hi = Infinity;
    for (const cond of conds) {
      const n = typeof cond.value === 'number' ? cond.value : Number.NaN;
      if (Number.isNaN(n)) continue;
      if (cond.op === 'gt') lo = Math.max(lo, n + 1e-9);
      if (cond.op === 'gte') lo = Math.max(lo, n);
      if (cond.op === 'lt') hi = Math.min(hi, n - 1e-9);
      if (cond.op === 'lte') hi = Math.min(hi, n);
    }
    if (lo > hi) out.push({ check: 'never_eligible', subject: v.id, field: conds.map(text).join(' and '), detail: `no ${signal} value satisfies ${conds.map(text).join(' and ')}` });
  }
  return out;
}

export function preflight(c: Campaign, variants: readonly Variant[], tzOf: (region: string) => string | undefined): PreflightFinding[] {
  return [...contrastFindings(c), ...variants.flatMap((v) => variantFindings(c, v, tzOf))];
}
