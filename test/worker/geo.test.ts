// request.cf → signals on Workers: a pure mapping, tested without a runtime.
import { describe, expect, it } from 'vitest';
import { applyGeo, geoFromCf } from '../../src/runtime/worker/geo.ts';
import { REGIONS } from '../helpers/fixture.ts';

const US = { code: 'US-CA', country: 'US', name: { en: 'California', ar: 'كاليفورنيا' }, tz: 'America/Los_Angeles', currency: 'USD', defaultLang: 'en' as const, weekend: [6, 0] };
const regions = [...REGIONS, US];

describe('geo from request.cf', () => {
  it('uses the ISO 3166-2 region when it is served, with the viewer’s time zone', () => {
    expect(geoFromCf({}, { country: 'SA', regionCode: '01', timezone: 'Asia/Riyadh' }, regions)).toEqual({ region: 'SA-01', tz: 'Asia/Riyadh' });
    expect(geoFromCf({}, { country: 'gb', regionCode: 'lnd', timezone: 'Europe/London' }, regions)).toEqual({ region: 'GB-LND', tz: 'Europe/London' });
  });

  it('falls back to a served region of the country when the exact region is not served', () => {
    expect(geoFromCf({}, { country: 'US', regionCode: 'TX', timezone: 'America/Chicago' }, regions)).toEqual({ region: 'US-CA', tz: 'America/Chicago' });
    expect(geoFromCf({}, { country: 'AE' }, regions)).toEqual({ region: 'AE-DU', tz: null });
  });

  it('leaves the request alone when it carries geo, or when the country is not served', () => {
    const cf = { country: 'SA', regionCode: '01', timezone: 'Asia/Riyadh' };
    expect(geoFromCf({ region: 'AE-DU' }, cf, regions)).toBeNull();
    expect(geoFromCf({ country: 'GB' }, cf, regions)).toBeNull();
    expect(geoFromCf({ tz: 'Europe/London' }, cf, regions)).toBeNull();
    expect(geoFromCf({}, { country: 'FR', regionCode: 'IDF', timezone: 'Europe/Paris' }, regions)).toBeNull();
    expect(geoFromCf({}, undefined, regions)).toBeNull();
    expect(geoFromCf({}, {}, regions)).toBeNull();
  });

  it('drops a time zone that is not a valid IANA name rather than failing the ad request', () => {
    expect(geoFromCf({}, { country: 'SA', regionCode: '01', timezone: 'Mars/Olympus' }, regions)).toEqual({ region: 'SA-01', tz: null });
  });

  it('writes the geo into the query and says where it came from', () => {
    const url = new URL('https://ads.example/v1/creative?campaign=c&size=300x250');
    expect(applyGeo(url, { region: 'SA-01', tz: 'Asia/Riyadh' })).toBe('cf; region=SA-01; tz=Asia/Riyadh');
    expect(url.searchParams.get('region')).toBe('SA-01');
    expect(url.searchParams.get('tz')).toBe('Asia/Riyadh');
  });
});
