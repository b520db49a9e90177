// TC and GPP strings encoded with the IAB libraries themselves, from an inline vendor list:
// nothing touches the network. Shared by the consent gate's tests and the route tests.
import { GVL, PurposeRestriction, RestrictionType, Segment, TCModel, TCString } from '@iabtechlabtcf/core';
import { GppModel } from '@iabgpp/cmpapi';

export const VENDOR = 1234;
export const OTHER = 7;
export const policy = { vendorId: VENDOR };

// ---- fixtures -------------------------------------------------------------------------------

const item = (id: number) => ({ id, name: `Item ${id}`, description: '', illustrations: [] });
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const byId = (n: number) => Object.fromEntries(ids(n).map((i) => [i, item(i)]));

/** A GVL (v3 format) built from an inline object: `new GVL(json)` never fetches. */
export function vendorList(vendorListVersion: number, tcfPolicyVersion: number, flexiblePurposes = [2, 7]) {
  const vendor = (id: number, name: string, purposes: number[]) => ({
    id,
    name,
    purposes,
    legIntPurposes: [2, 7],
    flexiblePurposes,
    specialPurposes: [1, 2],
    features: [],
    specialFeatures: [],
    usesCookies: true,
    cookieMaxAgeSeconds: 86400,
    cookieRefresh: false,
    usesNonCookieAccess: false,
    urls: [],
    dataDeclaration: [],
  });
  return new GVL({
    gvlSpecificationVersion: 3,
    vendorListVersion,
    tcfPolicyVersion,
    lastUpdated: '2025-06-01T00:00:00Z',
    purposes: byId(11),
    specialPurposes: byId(2),
    features: byId(3),
    specialFeatures: byId(2),
    stacks: {},
    dataCategories: {},
    vendors: {
      [VENDOR]: vendor(VENDOR, 'Vitrine', [1, 3, 4]),
      [OTHER]: vendor(OTHER, 'Other', [1, 3, 4]),
    },
  } as never);
}
export const GVL_V5 = vendorList(100, 5);
export const GVL_V2 = vendorList(50, 2);
// The encoder drops a "require LI" restriction unless the vendor declares the purpose flexible.
export const GVL_FLEX4 = vendorList(101, 5, [2, 4, 7]);

export interface TcOpts {
  purposes?: number[];
  purposeLI?: number[];
  vendors?: number[];
  disclosed?: number[];
  restriction?: { purpose: number; type: RestrictionType };
  serviceSpecific?: boolean;
  gvl?: GVL;
  segments?: Segment[];
}

export function tc(o: TcOpts = {}): string {
  const m = new TCModel(o.gvl ?? GVL_V5);
  m.cmpId = 7;
  m.cmpVersion = 1;
  m.isServiceSpecific = o.serviceSpecific ?? true;
  m.purposeConsents.set(o.purposes ?? [1, 2, 3, 4, 7]);
  m.purposeLegitimateInterests.set(o.purposeLI ?? []);
  m.vendorConsents.set(o.vendors ?? [VENDOR, OTHER]);
  m.vendorsDisclosed.set(o.disclosed ?? [VENDOR, OTHER]);
  if (o.restriction) m.publisherRestrictions.add(VENDOR, new PurposeRestriction(o.restriction.purpose, o.restriction.type));
  return TCString.encode(m, o.segments ? { segments: o.segments } : undefined);
}

export const GRANTING = tc();

/** A GPP string from field values: `{ usnat: { SaleOptOut: 1 } }`. */
export function gpp(sections: Record<string, Record<string, unknown>>): string {
  const g = new GppModel();
  for (const [section, fields] of Object.entries(sections)) {
    for (const [field, value] of Object.entries(fields)) g.setFieldValue(section, field, value);
  }
  return g.encode();
}

/** A GPP string carrying a given TC string as its tcfeuv2 section, unmodified. */
export function gppWithTc(tcString: string): string {
  const header = gpp({ tcfeuv2: { CmpId: 7 } }).split('~')[0]!;
  return `${header}~${tcString}`;
}

