// Decision → slots: the localized words and numbers a template draws. Pure.
import { formatCount, formatMoney, formatPercent, numberStyle, type NumberStyle } from '../domain/money.ts';
import { discountPercent } from '../domain/pricing.ts';
import type { Campaign, ChosenProduct, Decision, Lang, Region, Signals, VariantCopy } from '../domain/types.ts';
import { brandStyle, withoutBrand } from './brand.ts';
import type { ProductSlot, Slots } from './types.ts';

/** Slots whose product images are still references (image_link), not pixels. */
export type SlotsDraft = Omit<Slots, 'products'> & { products: Array<Omit<ProductSlot, 'image'> & { image: string | null }> };

/** The localized title; the advertiser's own name is dropped from it (the unit shows the brand once). */
function localizedTitle(cp: ChosenProduct, lang: Lang, advertiser: string): string {
  const title = cp.product.i18n[lang]?.title ?? cp.product.title;
  return cp.product.brand && cp.product.brand.toLowerCase() === advertiser.toLowerCase() ? withoutBrand(title, advertiser) : title;
}

/** `{name}` placeholders from copy (merchant-written): own keys only, so `{constructor}` stays as written. */
function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? vars[name]! : m));
}

function copyFor(copy: { en: VariantCopy } & Partial<Record<Lang, VariantCopy>>, lang: Lang): VariantCopy {
  return copy[lang] ?? copy.en;
}

function badgeFor(cp: ChosenProduct, campaign: Campaign, st: NumberStyle): string | null {
  const pct = discountPercent(cp.offer);
  if (pct > 0) return st.lang === 'ar' ? `خصم ${formatPercent(pct, st)}` : `-${pct}%`;
  if (cp.quantity <= campaign.lowStockThreshold) return st.lang === 'ar' ? `بقي ${formatCount(cp.quantity, st)} فقط` : `Only ${cp.quantity} left`;
  return null;
}

function productSlot(cp: ChosenProduct, campaign: Campaign, st: NumberStyle): SlotsDraft['products'][number] {
  const discounted = cp.offer.final < cp.offer.regular;
  return {
    id: cp.product.id,
    title: localizedTitle(cp, st.lang, campaign.advertiser),
    brand: cp.product.brand,
    image: cp.product.imageLink || null,
    price: formatMoney(cp.offer.final, cp.offer.currency, st),
    regularPrice: discounted ? formatMoney(cp.offer.regular, cp.offer.currency, st) : null,
    badge: badgeFor(cp, campaign, st),
  };
}

export function decisionSlots(d: Decision, s: Signals, region: Region): SlotsDraft {
  const lang = s.lang;
  const st = numberStyle(region, lang);
  const main = d.products[0]!;
  const promo = main.offer.promo;
  const vars: Record<string, string> = {
    title: localizedTitle(main, lang, d.campaign.advertiser),
    brand: main.product.brand ?? d.campaign.advertiser,
    stock: formatCount(main.quantity, st),
    discount: formatPercent(discountPercent(main.offer), st),
    region: region.name[lang] ?? region.name.en,
    price: formatMoney(main.offer.final, main.offer.currency, st),
    code: promo?.code ?? '',
    // Loyalty tier of a consented shopper, e.g. "Gold".
    tier: s.audience?.loyaltyTier ? s.audience.loyaltyTier.charAt(0).toUpperCase() + s.audience.loyaltyTier.slice(1) : '',
    // The shopper's own cart item, only when the product shown is one (a cart variant's always is).
    cart_item: s.audience?.abandonedCart.includes(main.product.id) ? localizedTitle(main, lang, d.campaign.advertiser) : '',
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
    brand: brandStyle(d.campaign),
    promoCode: promo?.code ?? null,
    products: d.products.map((cp) => productSlot(cp, d.campaign, st)),
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
    brand: brandStyle(campaign),
    promoCode: null,
    products: [],
    fallback: true,
  };
}
