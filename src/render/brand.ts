// Campaign → the brand style templates draw with: its brand kit, or a built-in look from its
// brand colour. Also keeps the brand from being said twice (a title that repeats the brand the
// logo already shows). Pure.
import type { BrandKit, Campaign } from '../domain/types.ts';
import type { BrandStyle } from './types.ts';

/** Black or white, whichever reads better on a hex background. */
export function inkOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#ffffff';
  const n = parseInt(m[1]!, 16);
  const lum = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return lum > 150 ? '#111827' : '#ffffff';
}

/** Font family name an uploaded font asset is registered under. */
export function kitFontFamily(assetId: string): string {
  return `kit-${assetId.replace(/[^\w-]/g, '_')}`;
}

export function brandStyle(campaign: Campaign | null): BrandStyle {
  const kit: BrandKit | null | undefined = campaign?.brandKit;
  const name = campaign?.advertiser ?? 'Vitrine';
  if (!kit) {
    const primary = campaign?.brandColor ?? '#1f2937';
    return { name, logo: null, primary, secondary: '#111827', text: '#111827', background: '#ffffff', accent: '#dc2626', cta: { shape: 'rounded', background: primary, text: inkOn(primary), uppercase: false }, fonts: { latin: null, arabic: null } };
  }
  return {
    name,
    logo: kit.logoAssetId,
    primary: kit.colors.primary,
    secondary: kit.colors.secondary,
    text: kit.colors.text,
    background: kit.colors.background,
    accent: kit.colors.accent ?? '#dc2626',
    cta: { ...kit.cta },
    fonts: { latin: kit.fonts.latin, arabic: kit.fonts.arabic },
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A product title without the advertiser's own name at its start (`Nord & Co Wool Coat`) or,
 * in Arabic, at its end (`معطف صوف من Nord & Co`): the unit already shows the brand once.
 */
export function withoutBrand(title: string, brand: string): string {
  if (!brand.trim()) return title;
  const b = escapeRe(brand.trim());
  const out = title
    .replace(new RegExp(`^${b}[\\s:,-]+`, 'iu'), '')
    .replace(new RegExp(`\\s+(?:من|by)\\s+${b}$`, 'iu'), '')
    .trim();
  return out || title;
}
