// Decision → slots: the localized words and numbers a template draws. Pure.
import { discountPercent } from '../domain/pricing.ts';
import type { Campaign, ChosenProduct, Decision, Lang, Region, Signals, VariantCopy } from '../domain/types.ts';
import type { ProductSlot, Slots } from './types.ts';

/** Slots whose product images are still references (image_link), not pixels. */
export type SlotsDraft = Omit<Slots, 'products'> & { products: Array<Omit<ProductSlot, 'image'> & { image: string | null }> };

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Prices use Latin digits in Arabic too: Gulf retail ads print them so, and they never reorder. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const key = `${lang}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en-US', { style: 'currency', currency, currencyDisplay: 'code' });
    moneyFormats.set(key, f);
  }
  // Bidi marks (U+200E/200F/061C) have no glyph in the bundled fonts; the layout sets direction instead.
  return f.format(amount).replace(/[\u200e\u200f\u061c]/g, '');
}

function localizedTitle(cp: ChosenProduct, lang: Lang): string {
  return cp.product.i18n[lang]?.title ?? cp.product.title;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : m));
}

function copyFor(copy: { en: VariantCopy } & Partial<Record<Lang, VariantCopy>>, lang: Lang): VariantCopy {
  return copy[lang] ?? copy.en;
}

function badgeFor(cp: ChosenProduct, campaign: Campaign, lang: Lang): string | null {
  const pct = discountPercent(cp.offer);
  if (pct > 0) return lang === 'ar' ? `خصم ${pct}%` : `-${pct}%`;
  if (cp.quantity <= campaign.lowStockThreshold) return lang === 'ar' ? `بقي ${cp.quantity} فقط` : `Only ${cp.quantity} left`;
  return null;
}

function productSlot(cp: ChosenProduct, campaign: Campaign, lang: Lang): SlotsDraft['products'][number] {
  const discounted = cp.offer.final < cp.offer.regular;
  return {
    id: cp.product.id,
    title: localizedTitle(cp, lang),
    brand: cp.product.brand,
    image: cp.product.imageLink || null,
    price: formatMoney(cp.offer.final, cp.offer.currency, lang),
    regularPrice: discounted ? formatMoney(cp.offer.regular, cp.offer.currency, lang) : null,
    badge: badgeFor(cp, campaign, lang),
  };
}

export function decisionSlots(d: Decision, s: Signals, region: Region): SlotsDraft {
  const lang = s.lang;
  const main = d.products[0]!;
  const promo = main.offer.promo;
  const vars: Record<string, string> = {
    title: localizedTitle(main, lang),
    brand: main.product.brand ?? d.campaign.advertiser,
    stock: String(main.quantity),
    discount: `${discountPercent(main.offer)}%`,
    region: region.name[lang] ?? region.name.en,
    price: formatMoney(main.offer.final, main.offer.currency, lang),
    code: promo?.code ?? '',
    // Loyalty tier of a consented shopper, e.g. "Gold".
    tier: s.audience?.loyaltyTier ? s.audience.loyaltyTier.charAt(0).toUpperCase() + s.audience.loyaltyTier.slice(1) : '',
    // The shopper's own cart item, only when the product shown is one (a cart variant's always is).
    cart_item: s.audience?.abandonedCart.includes(main.product.id) ? localizedTitle(main, lang) : '',
  };
  const copy = copyFor(d.variant.copy, lang);
  const promoText = promo ? fill(promo.copy[lang] ?? promo.copy.en, vars) : null;
  return {
    template: d.variant.template,
    size: s.size,
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    headline: fill(copy.headline, vars),
    subline: copy.subline ? fill(copy.subline, vars) : null,
    cta: fill(copy.cta, vars),
    promo: promoText,
    brandName: d.campaign.advertiser,
    brandColor: d.campaign.brandColor,
    products: d.products.map((cp) => productSlot(cp, d.campaign, lang)),
    fallback: false,
  };
}

/** The campaign's fallback creative: its headline and a CTA, no product. */
export function fallbackSlots(campaign: Campaign | null, s: Signals): SlotsDraft {
  const lang = s.lang;
  const headline = campaign ? (campaign.fallback.headline[lang] ?? campaign.fallback.headline.en) : lang === 'ar' ? 'تسوق الآن' : 'Shop now';
  return {
    template: 'hero',
    size: s.size,
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    headline,
    subline: null,
    cta: lang === 'ar' ? 'تسوق الآن' : 'Shop now',
    promo: null,
    brandName: campaign?.advertiser ?? 'Vitrine',
    brandColor: campaign?.brandColor ?? '#1f2937',
    products: [],
    fallback: true,
  };
}
