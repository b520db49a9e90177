// What a tearsheet shows: a campaign, the sizes, and a matrix of simulated signals. Parsed from
// the form (every value checked against an allow-list), sealed into share links and cell URLs,
// expanded into scenarios. Pure: no I/O.
import { badParam } from '../domain/errors.ts';
import { DEVICES, LANGS, WEATHERS, type CampaignBundle, type Region } from '../domain/types.ts';
import { SIZE_KEYS } from '../domain/sizes.ts';
import { instantOfWall, localTime } from '../domain/time.ts';
import type { Simulation } from '../services/simulate.ts';

export interface TearsheetSpec {
  c: string;
  r: string[];
  /** Local wall time `YYYY-MM-DDTHH:mm`, read in each region's own zone. */
  at: string;
  w: string[];
  d: string[];
  l: string[];
  /** Shoppers: `none` (anonymous) or `cart` (abandoned `ci`). */
  g: string[];
  ci: string | null;
  /** Consent: 1 granted, 0 not. */
  k: number[];
  s: Array<[string, number]>;
  z: string[];
  seed: number;
}

export interface Scenario {
  region: Region;
  weather: string;
  device: string;
  lang: string;
  shopper: string;
  consent: number;
  /** ISO instant of the spec's local time in this region. */
  at: string;
}

export const MAX_SCENARIOS = 24;
const MAX_REGIONS = 8;
const MAX_STOCK_LINES = 20;
const SHOPPERS = ['none', 'cart'];

function pick(raw: string[], allowed: readonly string[], field: string, fallback: string[]): string[] {
  const vals = [...new Set(raw.filter((v) => v !== ''))];
  const bad = vals.filter((v) => !allowed.includes(v));
  if (bad.length) throw badParam(field, `unsupported value "${bad[0]}"`, allowed);
  return vals.length ? vals : fallback;
}

/** The spec from the tearsheet form's query (`region`, `at`, `weather`, … may repeat). */
export function parseSpec(q: (k: string) => string[], b: CampaignBundle, regions: ReadonlyMap<string, Region>, now: number, seed: number): TearsheetSpec {
  const c = b.campaign;
  const r = pick(q('region'), c.regions.filter((x) => regions.has(x)), 'region', c.regions.filter((x) => regions.has(x)).slice(0, 1));
  if (r.length > MAX_REGIONS) throw badParam('region', `at most ${MAX_REGIONS} regions`);
  const atRaw = q('at')[0] ?? '';
  if (atRaw && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(atRaw)) throw badParam('at', 'expected local time YYYY-MM-DDTHH:mm');
  const first = regions.get(r[0]!)!;
  const at = atRaw || localTime(now, first.tz, first.weekend).wall;
  const sizes = c.sizes.length ? c.sizes.filter((s) => (SIZE_KEYS as readonly string[]).includes(s)) : [...SIZE_KEYS];
  const z = pick(q('size'), sizes, 'size', sizes.slice(0, 3));
  const ciRaw = (q('cart_item')[0] ?? '').trim();
  if (ciRaw.length > 128) throw badParam('cart_item', 'at most 128 characters');
  const g = pick(q('shopper'), SHOPPERS, 'shopper', ['none']);
  if (g.includes('cart') && !ciRaw) throw badParam('cart_item', 'a cart abandoner needs a product id in the cart');
  const k = pick(q('consent'), ['1', '0'], 'consent', ['1']).map(Number);
  const s: Array<[string, number]> = [];
  for (const line of (q('stock')[0] ?? '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*([^=\s]{1,128})\s*=\s*(\d{1,6})\s*$/.exec(line);
    if (!m) throw badParam('stock', `expected "product id = quantity" per line, got "${line.slice(0, 60)}"`);
    s.push([m[1]!, Number(m[2])]);
  }
  if (s.length > MAX_STOCK_LINES) throw badParam('stock', `at most ${MAX_STOCK_LINES} lines`);
  return {
    c: c.id,
    r,
    at,
    w: pick(q('weather'), ['', ...WEATHERS], 'weather', ['']),
    d: pick(q('device'), DEVICES, 'device', ['desktop']),
    l: pick(q('lang'), LANGS, 'lang', ['en']),
    g,
    ci: ciRaw || null,
    k,
    s,
    z,
    seed,
  };
}

/** Every combination, region first; at most MAX_SCENARIOS (the rest is reported, not dropped silently). */
export function scenarios(spec: TearsheetSpec, regions: ReadonlyMap<string, Region>): { list: Scenario[]; total: number } {
  const list: Scenario[] = [];
  let total = 0;
  for (const code of spec.r) {
    const region = regions.get(code);
    if (!region) continue;
    const at = new Date(instantOfWall(spec.at, region.tz)).toISOString();
    for (const weather of spec.w.length ? spec.w : [''])
      for (const device of spec.d)
        for (const lang of spec.l)
          for (const shopper of spec.g)
            for (const consent of spec.k) {
              total++;
              if (list.length < MAX_SCENARIOS) list.push({ region, weather, device, lang, shopper, consent, at });
            }
  }
  return { list, total };
}

/** The engine's request parameters for one cell. */
export function cellParams(spec: TearsheetSpec, sc: Scenario, size: string): Record<string, string> {
  return {
    campaign: spec.c,
    region: sc.region.code,
    at: sc.at,
    device: sc.device,
    lang: sc.lang,
    ...(sc.weather ? { weather: sc.weather } : {}),
    size,
    seed: String(spec.seed),
  };
}

export function simulationOf(spec: TearsheetSpec, sc: Scenario): Simulation {
  const cart = sc.shopper === 'cart' && spec.ci ? [spec.ci] : [];
  return { stock: new Map(spec.s), segments: [], cart, consent: sc.consent === 1 };
}
