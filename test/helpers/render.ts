// Real render dependencies (bundled fonts, sharp) and sample slots for render tests.
import sharp from 'sharp';
import type { Lang, Size, TemplateId } from '../../src/domain/types.ts';
import type { ProductSlot, Slots } from '../../src/render/types.ts';
import { brandStyle } from '../../src/render/brand.ts';
import { loadNodeFonts } from '../../src/runtime/node/fonts.ts';
import { sharpRasterizer } from '../../src/runtime/node/rasterizer.ts';
import { engineName, nodeEngine } from '../../src/runtime/node/engine.ts';
import { templates } from '../../templates/index.ts';

/** The default Node engine (or the one VITRINE_RENDER_ENGINE names), with sharp for SVG-only callers. */
export async function renderDeps() {
  const fonts = await loadNodeFonts();
  return { fonts, templates, rasterizer: sharpRasterizer(), engine: await nodeEngine(engineName(process.env.VITRINE_RENDER_ENGINE), fonts) };
}

/** A flat blue product photo, made locally. */
export async function photo(color = '#2563eb'): Promise<string> {
  const png = await sharp({ create: { width: 120, height: 120, channels: 3, background: color } }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

export function sampleSlots(template: TemplateId, size: Size, lang: Lang, image: string | null, over: Partial<Slots> = {}): Slots {
  const ar = lang === 'ar';
  const product = (i: number): ProductSlot => ({
    id: `p${i}`,
    title: ar ? `حذاء جري خفيف للرجال ${i}` : `Lightweight Trail Runner ${i}`,
    brand: 'Stride',
    image,
    price: ar ? '1,299.00 SAR' : 'SAR 1,299.00',
    regularPrice: ar ? '1,599.00 SAR' : 'SAR 1,599.00',
    badge: ar ? 'خصم 19%' : '-19%',
  });
  return {
    template,
    size,
    lang,
    dir: ar ? 'rtl' : 'ltr',
    headline: ar ? 'بقي 3 فقط: حذاء جري خفيف للرجال مع نعل مريح جداً للمسافات الطويلة' : 'Only 3 left: the Lightweight Trail Runner with a sole built for very long distances',
    subline: ar ? 'توصيل مجاني في الرياض' : 'Free delivery in Riyadh',
    cta: ar ? 'تسوق الآن' : 'Shop now',
    promo: ar ? 'الجمعة البيضاء: خصم 20% بالكود RIY20' : 'White Friday: 20% off with code RIY20',
    brandName: 'Stride',
    brandColor: '#0f766e',
    brand: { ...brandStyle(null), name: 'Stride', primary: '#0f766e', cta: { shape: 'rounded', background: '#0f766e', text: '#ffffff', uppercase: false } },
    promoCode: 'RIY20',
    products: template === 'carousel' ? [1, 2, 3, 4].map(product) : [product(1)],
    fallback: false,
    ...over,
  };
}
