// VAST 4.2 documents as strings, elements in the order the IAB XSD's sequences require.
// Pure: every value is escaped or CDATA-wrapped here, so callers pass raw catalog strings.
import { escapeHtml } from './escape.ts';

export interface VastOverlay {
  adId: string;
  /** The decision id: fills AdServingId. */
  decisionId: string;
  adSystem: { name: string; version: string };
  adTitle: string;
  advertiser?: string;
  creativeId: string;
  universalAdId: { idRegistry: string; value: string };
  impressionUrls: string[];
  errorUrl?: string;
  tracking: { creativeView: string[]; close: string[]; acceptInvitation: string[] };
  clickThrough: string;
  clickTracking: string[];
  image?: { url: string; width: number; height: number; creativeType: 'image/png' };
  /** An HTML snippet for players that render HTMLResource. */
  html?: string;
  width: number;
  height: number;
  /** `HH:MM:SS`. */
  minSuggestedDuration: string;
  /** IAB content categories of the ad. */
  categories?: string[];
  pricing?: { model: 'CPM'; currency: string; value: number };
}

const NS = 'http://www.iab.com/VAST';

/** CDATA that survives any content: a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

const attr = (v: string | number) => escapeHtml(String(v));

function trackingEvents(t: VastOverlay['tracking']): string {
  const items = (Object.entries(t) as Array<[string, string[]]>).flatMap(([event, urls]) => urls.map((u) => `<Tracking event="${event}">${cdata(u)}</Tracking>`));
  return items.length ? `<TrackingEvents>${items.join('')}</TrackingEvents>` : '';
}

function nonLinear(o: VastOverlay): string {
  const resources = [o.html ? `<HTMLResource>${cdata(o.html)}</HTMLResource>` : '', o.image ? `<StaticResource creativeType="${o.image.creativeType}">${cdata(o.image.url)}</StaticResource>` : ''].join('');
  if (!resources) throw new Error('vast: a NonLinear needs an image or an HTML resource');
  return (
    `<NonLinear id="${attr(o.creativeId)}" width="${o.width}" height="${o.height}" scalable="true" maintainAspectRatio="true" minSuggestedDuration="${attr(o.minSuggestedDuration)}">` +
    resources +
    `<NonLinearClickThrough>${cdata(o.clickThrough)}</NonLinearClickThrough>` +
    o.clickTracking.map((u) => `<NonLinearClickTracking id="vitrine">${cdata(u)}</NonLinearClickTracking>`).join('') +
    `</NonLinear>`
  );
}

export function vastNonLinear(o: VastOverlay): string {
  const inline = [
    `<AdSystem version="${attr(o.adSystem.version)}">${escapeHtml(o.adSystem.name)}</AdSystem>`,
    o.errorUrl ? `<Error>${cdata(o.errorUrl)}</Error>` : '',
    ...o.impressionUrls.map((u, i) => `<Impression id="vitrine-${i}">${cdata(u)}</Impression>`),
    o.pricing ? `<Pricing model="${o.pricing.model}" currency="${attr(o.pricing.currency)}">${o.pricing.value.toFixed(2)}</Pricing>` : '',
    `<AdServingId>${escapeHtml(o.decisionId)}</AdServingId>`,
    `<AdTitle>${escapeHtml(o.adTitle)}</AdTitle>`,
    o.advertiser ? `<Advertiser>${escapeHtml(o.advertiser)}</Advertiser>` : '',
    ...(o.categories ?? []).map((c) => `<Category authority="https://iabtechlab.com/standards/content-taxonomy/">${escapeHtml(c)}</Category>`),
    `<Creatives><Creative id="${attr(o.creativeId)}" adId="${attr(o.adId)}">`,
    `<NonLinearAds>${trackingEvents(o.tracking)}${nonLinear(o)}</NonLinearAds>`,
    `<UniversalAdId idRegistry="${attr(o.universalAdId.idRegistry)}">${escapeHtml(o.universalAdId.value)}</UniversalAdId>`,
    `</Creative></Creatives>`,
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?><VAST version="4.2" xmlns="${NS}"><Ad id="${attr(o.adId)}"><InLine>${inline}</InLine></Ad></VAST>`;
}

/** No ad: the player reports to the Error URL (if any) and moves on. */
export function vastEmpty(errorUrl: string | null): string {
  return `<?xml version="1.0" encoding="UTF-8"?><VAST version="4.2" xmlns="${NS}">${errorUrl ? `<Error>${cdata(errorUrl)}</Error>` : ''}</VAST>`;
}
