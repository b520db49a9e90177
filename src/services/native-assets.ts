// Native image assets for one decision: the main image is the decision's product photo drawn at
// exactly the declared size (cropped to fill it), the icon is the brand's logo; both are
// render-on-fetch unit URLs, so the bid never waits and the file's size is the declared size.
import type { Size } from '../domain/types.ts';
import { draftFor } from './creative.ts';
import type { RequestDecision } from './decide-request.ts';
import type { ServeDeps } from './serve-deps.ts';

export interface NativeAssets {
  mainImage(size: Size): Promise<string>;
  icon(size: Size): Promise<string>;
}

export function nativeAssetUrls(deps: ServeDeps, rd: RequestDecision, origin: string): NativeAssets {
  const base = draftFor(rd);
  const main = base.products[0];
  const now = rd.signals.now;
  return {
    // Only the first product: the one the title, price and link describe.
    mainImage: (size) => deps.exchange.units.url(origin, 'png', { ...base, template: 'photo', size, products: main ? [main] : [], qr: null }, now),
    icon: (size) => deps.exchange.units.url(origin, 'png', { ...base, template: 'logo', size, products: [], qr: null }, now),
  };
}
