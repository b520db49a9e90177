// Request parameters → normalized Signals. Pure; throws VitrineError naming the bad field.
import { badParam } from './errors.ts';
import { parseSize, SIZE_KEYS } from './sizes.ts';
import { isValidTimeZone, localTime } from './time.ts';
import {
  DEVICES,
  FORMATS,
  LANGS,
  WEATHERS,
  type Channel,
  type Device,
  type Format,
  type Lang,
  type Region,
  type Signals,
  type TraceEntry,
  type Weather,
} from './types.ts';

export type Params = Record<string, string | undefined>;

export interface SignalsResult {
  signals: Signals;
  /** Assumptions made while normalizing (defaults used), for the decision trace. */
  notes: TraceEntry[];
}

function pick<T extends string>(params: Params, field: string, allowed: readonly T[]): T | undefined {
  const raw = params[field];
  if (raw === undefined || raw === '') return undefined;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) throw badParam(field, `unsupported value "${raw}"`, allowed);
  return value;
}

function resolveRegion(params: Params, regions: readonly Region[], fallback: string): { region: Region; note?: string } {
  const codes = regions.map((r) => r.code);
  const raw = params.region;
  if (raw) {
    const region = regions.find((r) => r.code.toUpperCase() === raw.toUpperCase());
    if (!region) throw badParam('region', `unknown region "${raw}"`, codes);
    return { region };
  }
  const country = params.country;
  if (country) {
    const region = regions.find((r) => r.country.toUpperCase() === country.toUpperCase());
    if (!region) throw badParam('country', `no region served in country "${country}"`, [...new Set(regions.map((r) => r.country))]);
    return { region, note: `country ${region.country} mapped to region ${region.code}` };
  }
  const region = regions.find((r) => r.code === fallback) ?? regions[0];
  if (!region) throw badParam('region', 'no regions are configured', []);
  return { region, note: `no geo in the request; assumed default region ${region.code}` };
}

function parseClock(raw: string | undefined, now: number): number {
  if (!raw) return now;
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n)) throw badParam('at', `not an ISO 8601 instant or epoch milliseconds: "${raw}"`);
  return n;
}

function channelOf(device: Device, params: Params): Channel {
  if (device === 'ctv') return 'ctv';
  return params.channel === 'app' ? 'app' : 'web';
}

export function normalizeSignals(params: Params, regions: readonly Region[], opts: { now: number; defaultRegion: string }): SignalsResult {
  const notes: TraceEntry[] = [];
  const campaignId = params.campaign || null;
  const placement = params.placement || null;
  if (!campaignId && !placement) throw badParam('campaign', 'either campaign or placement is required');
  if (!params.size) throw badParam('size', 'required', SIZE_KEYS);
  const size = parseSize(params.size);
  if (!size) throw badParam('size', `unsupported size "${params.size}"`, SIZE_KEYS);
  const format: Format = pick(params, 'format', FORMATS) ?? 'png';
  const { region, note } = resolveRegion(params, regions, opts.defaultRegion);
  if (note) notes.push({ stage: 'signals', subject: 'geo', outcome: 'info', rule: 'geo_default', detail: note });
  const tz = params.tz || region.tz;
  if (!isValidTimeZone(tz)) throw badParam('tz', `unknown time zone "${tz}"; expected an IANA name such as ${region.tz}`);
  const lang: Lang = pick(params, 'lang', LANGS) ?? region.defaultLang;
  const weather: Weather | null = pick(params, 'weather', WEATHERS) ?? null;
  const device: Device = pick(params, 'device', DEVICES) ?? 'desktop';
  const now = parseClock(params.at, opts.now);
  const local = localTime(now, tz, region.weekend);
  notes.push({
    stage: 'signals',
    subject: 'context',
    outcome: 'info',
    rule: 'signals',
    detail: `region ${region.code}, local time ${local.wall} (${tz}, ${local.daypart}${local.weekend ? ', weekend' : ''}), lang ${lang}, device ${device}, weather ${weather ?? 'unknown'}`,
  });
  return {
    signals: { campaignId, placement, size, format, channel: channelOf(device, params), region: region.code, country: region.country, tz, now, local, weather, device, lang },
    notes,
  };
}
