// Hand-written demo campaigns, variants and regional promos, placed relative to "now" so the
// demo always has a promo running, one expired and one still to come.
import { localTime } from '../domain/time.ts';
import { logoAssetKey } from './logos.ts';
import type { Campaign, Condition, Promo, Region, TemplateId, Variant, VariantCopy } from '../domain/types.ts';

const DAY = 86_400_000;

type Copy = [en: VariantCopy, ar: VariantCopy];

function variant(campaignId: string, id: string, name: string, template: TemplateId, [en, ar]: Copy, conditions: Condition[], prior = 0.01): Variant {
  return { id, campaignId, name, template, copy: { en, ar }, conditions, prior };
}

const shop = (en: string, ar: string, cta: [string, string] = ['Shop now', 'تسوق الآن']): Copy => [
  { headline: en, cta: cta[0] },
  { headline: ar, cta: cta[1] },
];

export function demoCampaigns(now: Date, regions: Region[]): { campaigns: Campaign[]; variants: Variant[] } {
  const base = {
    status: 'active' as const,
    startsAt: new Date(now.getTime() - 30 * DAY).toISOString(),
    endsAt: new Date(now.getTime() + 60 * DAY).toISOString(),
    regions: regions.map((r) => r.code),
    sizes: [],
    lowStockThreshold: 5,
    frequencyCap: null,
  };
  const campaigns: Campaign[] = [
    {
      ...base,
      id: 'c-winter-style',
      name: 'Winter style',
      advertiser: 'Nord & Co',
      advertiserDomain: 'nord.example',
      placements: ['pl-home-top', 'pl-article-side', 'pl-ctv-overlay'],
      selector: { categories: ['Outerwear', 'Shoes'] },
      fallback: { headline: { en: 'Winter style from Nord & Co', ar: 'أناقة الشتاء من نورد' }, link: 'https://shop.vitrine.example/winter' },
      defaultVariantId: 'v-ws-default',
      // A consented shopper sees this campaign at most 10 times a day; a coat buyer is offered shoes.
      frequencyCap: 10,
      complements: { Outerwear: ['Shoes'], Shoes: ['Outerwear'] },
      bidCpm: 3.2,
      iabCategories: ['IAB18', 'IAB18-3'],
      // Booked on one PMP deal: private auctions offering it get bids carrying its id.
      deals: ['vitrine-demo-style-pmp'],
      brandColor: '#1e3a8a',
      brandKitId: 'bk-nord',
      brandKit: { id: 'bk-nord', name: 'Nord & Co', colors: { primary: '#1e3a8a', secondary: '#93c5fd', text: '#0f172a', background: '#f8fafc', accent: '#b91c1c' }, logoAssetId: logoAssetKey('bk-nord'), fonts: { latin: null, arabic: null }, cta: { shape: 'square', background: '#0f172a', text: '#ffffff', uppercase: true } },
    },
    {
      ...base,
      id: 'c-tech-deals',
      name: 'Tech deals',
      advertiser: 'Voltix',
      advertiserDomain: 'voltix.example',
      placements: ['pl-home-top', 'pl-app-banner', 'pl-ctv-overlay'],
      selector: { categories: ['Electronics'] },
      fallback: { headline: { en: 'Gadgets you will love', ar: 'أجهزة ستحبها' }, link: 'https://shop.vitrine.example/tech' },
      defaultVariantId: 'v-td-default',
      bidCpm: 4.5,
      iabCategories: ['IAB19'],
      deals: ['vitrine-demo-tech-pmp'],
      brandColor: '#6d28d9',
      brandKitId: 'bk-voltix',
      brandKit: { id: 'bk-voltix', name: 'Voltix', colors: { primary: '#6d28d9', secondary: '#c4b5fd', text: '#111827', background: '#ffffff', accent: '#f59e0b' }, logoAssetId: logoAssetKey('bk-voltix'), fonts: { latin: null, arabic: null }, cta: { shape: 'pill', background: '#f59e0b', text: '#111827', uppercase: false } },
    },
    {
      ...base,
      id: 'c-home-beauty',
      name: 'Home & beauty',
      advertiser: 'Casa Bella',
      advertiserDomain: 'casabella.example',
      placements: ['pl-article-side', 'pl-app-banner'],
      selector: { categories: ['Home', 'Beauty'] },
      fallback: { headline: { en: 'Make yourself at home', ar: 'اجعل بيتك أجمل' }, link: 'https://shop.vitrine.example/home' },
      defaultVariantId: 'v-hb-default',
      complements: { Home: ['Beauty'], Beauty: ['Home'] },
      bidCpm: 2.1,
      iabCategories: ['IAB10', 'IAB18-1'],
      brandColor: '#be185d',
      brandKitId: 'bk-casa',
      brandKit: { id: 'bk-casa', name: 'Casa Bella', colors: { primary: '#be185d', secondary: '#fbcfe8', text: '#3f0d25', background: '#fff7fb', accent: '#be185d' }, logoAssetId: logoAssetKey('bk-casa'), fonts: { latin: null, arabic: null }, cta: { shape: 'pill', background: '#be185d', text: '#ffffff', uppercase: false } },
    },
  ];
  const variants: Variant[] = [
    variant('c-winter-style', 'v-ws-default', 'Default', 'hero', shop('{title}', '{title}'), [], 0.01),
    variant('c-winter-style', 'v-ws-urgency', 'Low stock urgency', 'promo', shop('Only {stock} left: {title}', 'بقي {stock} فقط: {title}', ['Buy now', 'اشترِ الآن']), [{ signal: 'low_stock', op: 'eq', value: true }], 0.012),
    variant('c-winter-style', 'v-ws-promo', 'Regional discount', 'promo', shop('{discount} off in {region}', 'خصم {discount} في {region}'), [{ signal: 'promo', op: 'eq', value: true }], 0.012),
    variant('c-winter-style', 'v-ws-new', 'New arrival', 'hero', shop('New in: {title}', 'وصل حديثاً: {title}'), [{ signal: 'new_arrival', op: 'eq', value: true }], 0.01),
    variant('c-winter-style', 'v-ws-evening', 'Evening and weekend', 'carousel', shop('Wind down in style', 'أمسية بأناقة'), [{ signal: 'daypart', op: 'in', value: ['evening', 'night'] }], 0.009),
    variant('c-winter-style', 'v-ws-cart', 'Cart reminder', 'hero', shop('Still thinking about it? {title}', 'ما زلت تفكر فيه؟ {title}', ['Back to cart', 'العودة إلى السلة']), [{ signal: 'segment', op: 'in', value: ['cart_abandoner'] }], 0.02),
    variant('c-winter-style', 'v-ws-loyal', 'Loyalty tier', 'promo', shop('{tier} member pick: {title}', 'اختيار لأعضاء {tier}: {title}'), [{ signal: 'loyalty_tier', op: 'in', value: ['gold', 'platinum'] }], 0.012),
    variant('c-winter-style', 'v-ws-rain', 'Rain and cold', 'carousel', shop('Rain-ready layers', 'جاهز للمطر والبرد'), [{ signal: 'weather', op: 'in', value: ['rain', 'snow', 'cold'] }], 0.011),
    variant('c-tech-deals', 'v-td-default', 'Default', 'hero', shop('{title}', '{title}'), [], 0.01),
    variant('c-tech-deals', 'v-td-urgency', 'Low stock urgency', 'promo', shop('Almost gone: {title}', 'على وشك النفاد: {title}', ['Buy now', 'اشترِ الآن']), [{ signal: 'low_stock', op: 'eq', value: true }], 0.012),
    variant('c-tech-deals', 'v-td-promo', 'Regional discount', 'promo', shop('{title} now {price}', '{title} الآن بسعر {price}'), [{ signal: 'promo', op: 'eq', value: true }], 0.012),
    variant('c-tech-deals', 'v-td-weekend', 'Weekend picks', 'carousel', shop('Weekend tech picks', 'اختيارات عطلة نهاية الأسبوع'), [{ signal: 'weekend', op: 'eq', value: true }], 0.01),
    variant('c-tech-deals', 'v-td-new', 'New arrival', 'hero', shop('Just landed: {title}', 'وصل للتو: {title}'), [{ signal: 'new_arrival', op: 'eq', value: true }], 0.01),
    variant('c-tech-deals', 'v-td-cart', 'Cart reminder', 'promo', shop('Your {title} is waiting', '{title} بانتظارك', ['Complete order', 'أكمل الطلب']), [{ signal: 'segment', op: 'in', value: ['cart_abandoner'] }], 0.02),
    variant('c-tech-deals', 'v-td-heat', 'Heat', 'hero', shop('Stay cool with {brand}', 'ابقَ منتعشاً مع {brand}'), [{ signal: 'weather', op: 'in', value: ['heat'] }], 0.01),
    variant('c-home-beauty', 'v-hb-default', 'Default', 'hero', shop('{title}', '{title}'), [], 0.01),
    variant('c-home-beauty', 'v-hb-promo', 'Regional discount', 'promo', shop('{discount} off tonight in {region}', 'خصم {discount} الليلة في {region}'), [{ signal: 'promo', op: 'eq', value: true }], 0.012),
    variant('c-home-beauty', 'v-hb-urgency', 'Low stock urgency', 'promo', shop('Only {stock} left: {title}', 'بقي {stock} فقط: {title}'), [{ signal: 'low_stock', op: 'eq', value: true }], 0.011),
    variant('c-home-beauty', 'v-hb-heat', 'Heat', 'carousel', shop('Beat the heat', 'تغلب على الحر'), [{ signal: 'weather', op: 'in', value: ['heat'] }], 0.011),
    variant('c-home-beauty', 'v-hb-evening', 'Evening', 'carousel', shop('Evening self-care', 'عناية مسائية'), [{ signal: 'daypart', op: 'in', value: ['evening', 'night'] }], 0.009),
    variant('c-home-beauty', 'v-hb-mobile', 'Mobile', 'hero', shop('{title}: tap to shop', '{title}: اضغط للتسوق', ['Tap to shop', 'اضغط للتسوق']), [{ signal: 'device', op: 'eq', value: 'mobile' }], 0.01),
  ];
  return { campaigns, variants };
}

/** `YYYY-MM-DDTHH:mm` in the region's time zone, `days` from now. */
function wall(now: Date, days: number, region: Region): string {
  return localTime(now.getTime() + days * DAY, region.tz, region.weekend).wall;
}

function promo(id: string, name: string, region: Region, from: number, to: number, p: Omit<Promo, 'id' | 'name' | 'regions' | 'startsLocal' | 'endsLocal'>, now: Date): Promo {
  return { id, name, regions: [region.code], startsLocal: wall(now, from, region), endsLocal: wall(now, to, region), ...p };
}

export function demoPromos(now: Date, regions: Region[]): Promo[] {
  const r = Object.fromEntries(regions.map((x) => [x.code, x])) as Record<string, Region>;
  const copy = (en: string, ar: string) => ({ en, ar });
  return [
    promo('pr-riyadh-white-friday', 'Riyadh White Friday', r['SA-01']!, -2, 5, { discount: { kind: 'percent', value: 20 }, selector: { categories: ['Shoes', 'Outerwear'] }, code: 'RIY20', priority: 10, copy: copy('White Friday in {region}: {discount} off with code {code}', 'الجمعة البيضاء في {region}: خصم {discount} بالكود {code}') }, now),
    promo('pr-dubai-weekend', 'Dubai tech weekend', r['AE-DU']!, -1, 3, { discount: { kind: 'percent', value: 15 }, selector: { categories: ['Electronics'] }, code: 'DXB15', priority: 5, copy: copy('{region} tech weekend: {discount} off', 'عطلة التقنية في {region}: خصم {discount}') }, now),
    promo('pr-cairo-evening', 'Cairo evening flash sale', r['EG-C']!, -0.5, 1.5, { discount: { kind: 'percent', value: 25 }, selector: { categories: ['Home', 'Beauty'] }, code: null, priority: 8, copy: copy('Evening flash sale in {region}: {discount} off', 'تخفيضات المساء في {region}: خصم {discount}') }, now),
    promo('pr-us-black-friday', 'California Black Friday', r['US-CA']!, -1, 6, { discount: { kind: 'amount', value: 30 }, selector: { categories: ['Electronics'] }, code: 'BF30', priority: 9, copy: copy('Black Friday: $30 off with code {code}', 'الجمعة السوداء: خصم 30 دولاراً بالكود {code}') }, now),
    promo('pr-london-winter', 'London winter warm-up', r['GB-LND']!, 0, 10, { discount: { kind: 'percent', value: 10 }, selector: { categories: ['Outerwear'] }, code: 'WARM10', priority: 4, copy: copy('Winter warm-up: {discount} off coats', 'استعد للشتاء: خصم {discount}') }, now),
    promo('pr-berlin-bags', 'Berlin bag days', r['DE-BE']!, -3, 4, { discount: { kind: 'percent', value: 12 }, selector: { categories: ['Bags'] }, code: null, priority: 3, copy: copy('Bag days in {region}: {discount} off', 'أيام الحقائب في {region}: خصم {discount}') }, now),
    promo('pr-berlin-expired', 'Berlin autumn (ended)', r['DE-BE']!, -20, -10, { discount: { kind: 'percent', value: 30 }, selector: { categories: ['Shoes'] }, code: 'AUT30', priority: 6, copy: copy('Autumn sale: {discount} off', 'تخفيضات الخريف: خصم {discount}') }, now),
    promo('pr-gulf-ramadan-preview', 'Gulf beauty (upcoming)', r['SA-01']!, 7, 14, { discount: { kind: 'percent', value: 15 }, selector: { categories: ['Beauty'] }, code: 'GLOW15', priority: 6, copy: copy('Glow season: {discount} off', 'موسم التألق: خصم {discount}') }, now),
  ];
}
