// The demo's six regions (Riyadh and Cairo print Arabic-Indic digits in Arabic copy, Dubai Latin ones): three in the Gulf and Egypt (Arabic, Friday–Saturday or Saturday–Sunday
// weekends), three in the US and Europe.
import type { FxRate } from '../domain/money.ts';
import type { Region } from '../domain/types.ts';

export const DEMO_REGIONS: Region[] = [
  { code: 'SA-01', country: 'SA', name: { en: 'Riyadh', ar: 'الرياض' }, tz: 'Asia/Riyadh', currency: 'SAR', locale: 'ar-SA', digits: 'arab', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'AE-DU', country: 'AE', name: { en: 'Dubai', ar: 'دبي' }, tz: 'Asia/Dubai', currency: 'AED', locale: 'ar-AE', digits: 'latn', defaultLang: 'ar', weekend: [6, 0] },
  { code: 'EG-C', country: 'EG', name: { en: 'Cairo', ar: 'القاهرة' }, tz: 'Africa/Cairo', currency: 'EGP', locale: 'ar-EG', digits: 'arab', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'US-CA', country: 'US', name: { en: 'California', ar: 'كاليفورنيا' }, tz: 'America/Los_Angeles', currency: 'USD', defaultLang: 'en', weekend: [6, 0] },
  { code: 'GB-LND', country: 'GB', name: { en: 'London', ar: 'لندن' }, tz: 'Europe/London', currency: 'GBP', defaultLang: 'en', weekend: [6, 0] },
  { code: 'DE-BE', country: 'DE', name: { en: 'Berlin', ar: 'برلين' }, tz: 'Europe/Berlin', currency: 'EUR', defaultLang: 'en', weekend: [6, 0] },
];

/**
 * The demo's exchange rates (the catalog is priced in USD), dated the day before `now`, so every
 * region shows its own currency. Indicative values, not market data.
 */
export function demoRates(now: Date): FxRate[] {
  const date = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const to: Array<[string, number]> = [
    ['SAR', 3.75],
    ['AED', 3.6725],
    ['EGP', 48.6],
    ['GBP', 0.79],
    ['EUR', 0.94],
  ];
  return to.map(([currency, rate]) => ({ from: 'USD', to: currency, rate, date }));
}
