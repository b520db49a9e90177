// The demo's six regions: three in the Gulf and Egypt (Arabic, Friday–Saturday or Saturday–Sunday
// weekends), three in the US and Europe.
import type { Region } from '../domain/types.ts';

export const DEMO_REGIONS: Region[] = [
  { code: 'SA-01', country: 'SA', name: { en: 'Riyadh', ar: 'الرياض' }, tz: 'Asia/Riyadh', currency: 'SAR', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'AE-DU', country: 'AE', name: { en: 'Dubai', ar: 'دبي' }, tz: 'Asia/Dubai', currency: 'AED', defaultLang: 'ar', weekend: [6, 0] },
  { code: 'EG-C', country: 'EG', name: { en: 'Cairo', ar: 'القاهرة' }, tz: 'Africa/Cairo', currency: 'EGP', defaultLang: 'ar', weekend: [5, 6] },
  { code: 'US-CA', country: 'US', name: { en: 'California', ar: 'كاليفورنيا' }, tz: 'America/Los_Angeles', currency: 'USD', defaultLang: 'en', weekend: [6, 0] },
  { code: 'GB-LND', country: 'GB', name: { en: 'London', ar: 'لندن' }, tz: 'Europe/London', currency: 'GBP', defaultLang: 'en', weekend: [6, 0] },
  { code: 'DE-BE', country: 'DE', name: { en: 'Berlin', ar: 'برلين' }, tz: 'Europe/Berlin', currency: 'EUR', defaultLang: 'en', weekend: [6, 0] },
];
