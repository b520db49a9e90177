// OpenRTB request → Vitrine signals, per impression. Pure.
import { SIZE_KEYS } from '../domain/sizes.ts';
import type { Region } from '../domain/types.ts';
import type { BidRequest, Imp } from './request.ts';

export type ImpKind = 'banner' | 'native' | 'video';

/** Banner sizes tried per imp (in the order offered). */
export const MAX_SIZES = 8;

/** ISO 3166-1 alpha-3 → alpha-2 for the countries Vitrine's regions are likely to cover. */
const ALPHA3: ReadonlyMap<string, string> = new Map(Object.entries({
  SAU: 'SA', ARE: 'AE', EGY: 'EG', USA: 'US', GBR: 'GB', DEU: 'DE', FRA: 'FR', ESP: 'ES', ITA: 'IT', NLD: 'NL', QAT: 'QA',
  KWT: 'KW', BHR: 'BH', OMN: 'OM', JOR: 'JO', MAR: 'MA', CAN: 'CA', AUS: 'AU', IND: 'IN', TUR: 'TR', IRL: 'IE', BEL: 'BE',
}));

export interface Consent {
  gdprApplies: boolean | null;
  tcString: string | null;
  usPrivacy: string | null;
  gpp: string | null;
  gppSid: number[] | null;
}

export interface ImpPlan {
  impId: string;
  kind: ImpKind;
  /** Sizes to try, in the order offered (`WxH`). */
  sizes: string[];
  params: Record<string, string | undefined>;
  floor: { value: number; currency: string };
}


function deviceOf(req: BidRequest): string {
  switch (req.device?.devicetype) {
    case 1:
    case 4:
      return 'mobile';
    case 5:
      return 'tablet';
    case 3:
    case 7:
      return 'ctv';
    case 2:
      return 'desktop';
    default:
      return req.app ? 'mobile' : 'desktop';
  }
}

/** Region code when geo names one Vitrine serves, else the country (alpha-2), else nothing (default region). */
export function geoParams(req: BidRequest, regions: readonly Region[]): { region?: string; country?: string } {
  const g = req.device?.geo;
  if (!g?.country) return {};
  // Untrusted text: looked up in a Map, matched as a code, never built into a pattern.
  const raw = g.country.trim().toUpperCase();
  const cc = raw.length === 3 ? ALPHA3.get(raw) : /^[A-Z]{2}$/.test(raw) ? raw : undefined;
  if (!cc) return { country: g.country };
  const region = g.region?.trim().toUpperCase();
  const sub = region?.startsWith(`${cc}-`) ? region.slice(cc.length + 1) : region;
  const served = sub ? regions.find((r) => r.code === `${cc}-${sub}`) : undefined;
  return served ? { region: served.code } : { country: cc };
}

export function consentOf(req: BidRequest): Consent {
  const gdpr = req.regs?.gdpr ?? req.regs?.ext?.gdpr;
  return {
    gdprApplies: gdpr === undefined ? null : gdpr === 1,
    tcString: req.user?.consent ?? req.user?.ext?.consent ?? null,
    usPrivacy: req.regs?.us_privacy ?? req.regs?.ext?.us_privacy ?? null,
    // 2.5 placements too: Prebid Server moves GPP into regs.ext when it downgrades a request for a 2.5 bidder.
    gpp: req.regs?.gpp ?? req.regs?.ext?.gpp ?? null,
    gppSid: req.regs?.gpp_sid ?? req.regs?.ext?.gpp_sid ?? null,
  };
}

/**
 * The request's privacy signals and user id as /v1/creative parameters. The user id is the
 * `buyeruid` when the caller checked it is one Vitrine's cookie sync gave this exchange
 * (`syncedUid`), else the exchange's `user.id`; an unchecked `buyeruid` is never used. COPPA
 * traffic carries no user id at all.
 */
export function privacyParams(req: BidRequest, syncedUid?: string): Record<string, string | undefined> {
  const c = consentOf(req);
  const uid = req.regs?.coppa === 1 ? undefined : (syncedUid ?? req.user?.id);
  return {
    gdpr: c.gdprApplies === null ? undefined : c.gdprApplies ? '1' : '0',
    gdpr_consent: c.tcString ?? undefined,
    us_privacy: c.usPrivacy ?? undefined,
    gpp: c.gpp ?? undefined,
    gpp_sid: c.gppSid?.length ? c.gppSid.join(',') : undefined,
    uid: uid || undefined,
  };
}

function bannerSizes(imp: Imp): string[] {
  const b = imp.banner!;
  const all = [...(b.format ?? []).map((f) => `${f.w}x${f.h}`), ...(b.w && b.h ? [`${b.w}x${b.h}`] : [])];
  return [...new Set(all)].filter((s) => (SIZE_KEYS as readonly string[]).includes(s));
}

/** The kinds this imp offers that Vitrine can answer, in the order it tries them. */
export function kindsOf(req: BidRequest, imp: Imp): ImpKind[] {
  const kinds: ImpKind[] = [];
  if (imp.banner) kinds.push('banner');
  if (imp.native?.request) kinds.push('native');
  // Video is tried whatever its fields say; videoSlot() decides which non-linear format (if any) it allows.
  if (imp.video) kinds.push('video');
  return kinds;
}

export function planImp(req: BidRequest, imp: Imp, kind: ImpKind, regions: readonly Region[], syncedUid?: string): ImpPlan {
  // Video and native decide on a reference size; their markup is drawn at the slot's own sizes.
  const sizes = kind === 'banner' ? bannerSizes(imp).slice(0, MAX_SIZES) : kind === 'video' ? ['1920x1080'] : ['300x250'];
  // ISO 639-1 `language`, else OpenRTB 2.6's BCP-47 `langb` (`ar-AE`).
  const lang = (req.device?.language ?? req.device?.langb)?.toLowerCase().slice(0, 2);
  return {
    impId: imp.id,
    kind,
    sizes,
    params: {
      placement: imp.tagid || imp.ext?.bidder?.placement || imp.ext?.prebid?.bidder?.vitrine?.placement || 'openrtb',
      ...geoParams(req, regions),
      device: kind === 'video' ? 'ctv' : deviceOf(req),
      channel: req.app ? 'app' : 'web',
      lang: lang === 'ar' || lang === 'en' ? lang : undefined,
      format: kind === 'banner' ? 'html' : 'png',
      ...privacyParams(req, syncedUid),
    },
    floor: { value: imp.bidfloor ?? 0, currency: (imp.bidfloorcur ?? 'USD').toUpperCase() },
  };
}
