// Geo from the edge: a request that carries no geo (no region, country or tz) takes the viewer's
// location from `request.cf`. Pure: the mapping is tested without a runtime.
import { isValidTimeZone } from '../../domain/time.ts';
import type { Region } from '../../domain/types.ts';
import type { CfGeo } from './cf-types.ts';

export interface EdgeGeo {
  /** A served region code, or null when the viewer's country has none (the default applies). */
  region: string | null;
  tz: string | null;
}

/**
 * `cf.country` + `cf.regionCode` → that ISO 3166-2 region when it is served, else the first
 * served region of the country; `cf.timezone` when it is a valid IANA zone. Null when the
 * request already says where it is, or the edge knows nothing usable.
 */
export function geoFromCf(params: Record<string, string | undefined>, cf: CfGeo | undefined, regions: readonly Region[]): EdgeGeo | null {
  if (params.region || params.country || params.tz || !cf) return null;
  const country = cf.country?.toUpperCase();
  let region: string | null = null;
  if (country) {
    const exact = cf.regionCode ? `${country}-${cf.regionCode.toUpperCase()}` : null;
    region = regions.find((r) => r.code.toUpperCase() === exact)?.code ?? regions.find((r) => r.country.toUpperCase() === country)?.code ?? null;
  }
  // A zone only makes sense with the region it was observed in; a viewer outside every served
  // country is served in the default region at that region's local time.
  const tz = region && cf.timezone && isValidTimeZone(cf.timezone) ? cf.timezone : null;
  return region ? { region, tz } : null;
}

/** The geo as query parameters plus a header saying where it came from. */
export function applyGeo(url: URL, geo: EdgeGeo): string {
  if (geo.region) url.searchParams.set('region', geo.region);
  if (geo.tz) url.searchParams.set('tz', geo.tz);
  return `cf; region=${geo.region ?? '-'}; tz=${geo.tz ?? '-'}`;
}
