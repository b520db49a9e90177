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
  /** URL of an HTML page of the same unit, for players that frame IFrameResource. */
  iframe?: string;
  /** Document version; 4.2 when absent. 3.0 has no namespace, AdServingId, UniversalAdId or Category. */
  version?: '3.0' | '4.1' | '4.2' | '4.3';
  width: number;
  height: number;
  /** `HH:MM:SS`. */
  minSuggestedDuration: string;
  /** IAB content categories of the ad. */
  categories?: string[];
  pricing?: { model: 'CPM'; currency: string; value: number };
}

const NS = 'http://www.iab.com/VAST';

// Characters XML 1.0 forbids even as references (C0 controls, lone surrogates, U+FFFE/FFFF):
// one of them in a catalog title would make the whole document unparseable, so they are dropped.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlChars = (s: string) => s.replace(NOT_XML, '');

/** Text or attribute value. */
const text = (v: string | number) => escapeHtml(xmlChars(String(v)));
const attr = text;

/** CDATA that survives any content: a `]]>` inside is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${xmlChars(value).split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function trackingEvents(t: VastOverlay['tracking']): string {
  const items = (Object.entries(t) as Array<[string, string[]]>).flatMap(([event, urls]) => urls.map((u) => `<Tracking event="${event}">${cdata(u)}</Tracking>`));
  return items.length ? `<TrackingEvents>${items.join('')}</TrackingEvents>` : '';
}

function nonLinear(o: VastOverlay): string {
  const v3 = o.version === '3.0';
  const resources = [
    o.html && !v3 ? `<HTMLResource>${cdata(o.html)}</HTMLResource>` : '',
    o.iframe && !v3 ? `<IFrameResource>${cdata(o.iframe)}</IFrameResource>` : '',
    o.image ? `<StaticResource creativeType="${o.image.creativeType}">${cdata(o.image.url)}</StaticResource>` : '',
  ].join('');
  if (v3) {
    // VAST 3.0: one resource, click tracking before the click-through.
    if (!o.image) throw new Error('vast 3.0: a NonLinear needs an image');
    return (
      `<NonLinear id="${attr(o.creativeId)}" width="${Math.round(o.width)}" height="${Math.round(o.height)}" scalable="true" maintainAspectRatio="true" minSuggestedDuration="${attr(o.minSuggestedDuration)}">` +
      resources +
      o.clickTracking.map((u) => `<NonLinearClickTracking>${cdata(u)}</NonLinearClickTracking>`).join('') +
      `<NonLinearClickThrough>${cdata(o.clickThrough)}</NonLinearClickThrough>` +
      `</NonLinear>`
    );
  }
  if (!resources) throw new Error('vast: a NonLinear needs an image or an HTML resource');
  return (
    `<NonLinear id="${attr(o.creativeId)}" width="${Math.round(o.width)}" height="${Math.round(o.height)}" scalable="true" maintainAspectRatio="true" minSuggestedDuration="${attr(o.minSuggestedDuration)}">` +
    resources +
    `<NonLinearClickThrough>${cdata(o.clickThrough)}</NonLinearClickThrough>` +
    o.clickTracking.map((u) => `<NonLinearClickTracking id="vitrine">${cdata(u)}</NonLinearClickTracking>`).join('') +
    `</NonLinear>`
  );
}

function vast3(o: VastOverlay): string {
  const inline = [
    `<AdSystem version="${attr(o.adSystem.version)}">${text(o.adSystem.name)}</AdSystem>`,
    `<AdTitle>${text(o.adTitle)}</AdTitle>`,
    o.advertiser ? `<Advertiser>${text(o.advertiser)}</Advertiser>` : '',
    o.pricing && Number.isFinite(o.pricing.value) ? `<Pricing model="cpm" currency="${attr(o.pricing.currency)}">${o.pricing.value.toFixed(2)}</Pricing>` : '',
    o.errorUrl ? `<Error>${cdata(o.errorUrl)}</Error>` : '',
    ...o.impressionUrls.map((u, i) => `<Impression id="vitrine-${i}">${cdata(u)}</Impression>`),
    `<Creatives><Creative id="${attr(o.creativeId)}" AdID="${attr(o.adId)}">`,
    `<NonLinearAds>${trackingEvents(o.tracking)}${nonLinear(o)}</NonLinearAds>`,
    `</Creative></Creatives>`,
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?><VAST version="3.0"><Ad id="${attr(o.adId)}"><InLine>${inline}</InLine></Ad></VAST>`;
}

export function vastNonLinear(o: VastOverlay): string {
  if (o.version === '3.0') return vast3(o);
  const inline = [
    `<AdSystem version="${attr(o.adSystem.version)}">${text(o.adSystem.name)}</AdSystem>`,
    o.errorUrl ? `<Error>${cdata(o.errorUrl)}</Error>` : '',
    ...o.impressionUrls.map((u, i) => `<Impression id="vitrine-${i}">${cdata(u)}</Impression>`),
    o.pricing && Number.isFinite(o.pricing.value) ? `<Pricing model="${o.pricing.model}" currency="${attr(o.pricing.currency)}">${o.pricing.value.toFixed(2)}</Pricing>` : '',
    `<AdServingId>${text(o.decisionId)}</AdServingId>`,
    `<AdTitle>${text(o.adTitle)}</AdTitle>`,
    o.advertiser ? `<Advertiser>${text(o.advertiser)}</Advertiser>` : '',
    ...(o.categories ?? []).map((c) => `<Category authority="https://iabtechlab.com/standards/content-taxonomy/">${text(c)}</Category>`),
    `<Creatives><Creative id="${attr(o.creativeId)}" adId="${attr(o.adId)}">`,
    `<NonLinearAds>${trackingEvents(o.tracking)}${nonLinear(o)}</NonLinearAds>`,
    `<UniversalAdId idRegistry="${attr(o.universalAdId.idRegistry)}">${text(o.universalAdId.value)}</UniversalAdId>`,
    `</Creative></Creatives>`,
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?><VAST version="${o.version ?? '4.2'}" xmlns="${NS}"><Ad id="${attr(o.adId)}"><InLine>${inline}</InLine></Ad></VAST>`;
}

/** No ad: the player reports to the Error URL (if any) and moves on. */
export function vastEmpty(errorUrl: string | null): string {
  return `<?xml version="1.0" encoding="UTF-8"?><VAST version="4.2" xmlns="${NS}">${errorUrl ? `<Error>${cdata(errorUrl)}</Error>` : ''}</VAST>`;
}
