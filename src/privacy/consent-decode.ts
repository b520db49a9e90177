// Decoding consent strings for the gate (consent.ts): TC strings (@iabtechlabtcf/core) and GPP
// strings (@iabgpp/cmpapi), reduced to the facts the gate needs and memoized by the raw string.
// Never throws: a library failure becomes a DecodeFailure with a trace-safe summary.
import { TCString } from '@iabtechlabtcf/core';
import { GppModel } from '@iabgpp/cmpapi';
import { gppHeaderProblem } from './gpp-header.ts';
import { Lru } from './lru.ts';

/** Strings longer than this are not decoded (treated as invalid): no legitimate TC string is near it. */
export const MAX_TC_LENGTH = 4096;
/** A GPP string may carry a TC string plus US sections. */
export const MAX_GPP_LENGTH = 8192;
/** Entries per memo (TC strings, GPP strings). */
export const CACHE_ENTRIES = 512;

/** GPP section ids 7-27 (standards §4.2): US national and state sections. */
const US_SECTIONS: readonly string[] = [
  'usnat', 'usca', 'usva', 'usco', 'usut', 'usct', 'usfl', 'usmt', 'usor', 'ustx', 'usde',
  'usia', 'usne', 'usnh', 'usnj', 'ustn', 'usmn', 'usmd', 'usin', 'usky', 'usri',
];
const US_OPT_OUT_FIELDS = ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut'] as const;
/** A well-formed US Privacy string (version 1, three Y/N/- flags). */
export const USP_RE = /^1[YN-]{3}$/i;

// ---------------------------------------------------------------------------------------------
// TC string decoding (memoized)

/** What the gate needs from a TC string, extracted for one vendor id. */
export interface TcfFacts {
  ok: true;
  vendorId: number;
  version: number;
  policyVersion: number;
  isServiceSpecific: boolean;
  cmpId: number;
  /** Bit (n-1) set when purpose n is consented. */
  purposeConsents: number;
  purposeLegInt: number;
  vendorConsent: boolean;
  hasDisclosedSegment: boolean;
  vendorDisclosed: boolean;
  /** Publisher restrictions on our vendor: purpose id and restriction type. */
  restrictions: Array<{ purpose: number; type: number }>;
}
export interface DecodeFailure {
  ok: false;
  error: string;
}
export type TcfDecoded = TcfFacts | DecodeFailure;

const B64URL = /^[A-Za-z0-9_-]+$/;
const B64_DICT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const tcCache = new Lru<string, TcfDecoded>(CACHE_ENTRIES);

export function decodeTc(raw: string, vendorId: number): TcfDecoded {
  const hit = tcCache.get(raw);
  // Facts are extracted for one vendor id (the operator's, constant in practice).
  if (hit !== undefined && (!hit.ok || hit.vendorId === vendorId)) return hit;
  const decoded = decodeTcUncached(raw, vendorId);
  tcCache.set(raw, decoded);
  return decoded;
}

function decodeTcUncached(raw: string, vendorId: number): TcfDecoded {
  if (raw.length === 0) return { ok: false, error: 'the TC string is empty' };
  if (raw.length > MAX_TC_LENGTH) return { ok: false, error: `the TC string is longer than ${MAX_TC_LENGTH} characters` };
  const segments = raw.split('.');
  // Pre-checks the library does not make: it decodes a lone non-core segment into a default
  // TCModel (version 2, policy 5, service-specific), which would pass every metadata check.
  let hasDisclosedSegment = false;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    if (!B64URL.test(seg)) return { ok: false, error: `segment ${i + 1} is not base64url` };
    const type = B64_DICT.indexOf(seg.charAt(0)) >> 3; // first 3 bits
    if (i === 0 && type !== 0) return { ok: false, error: 'the first segment is not a core segment' };
    if (i > 0 && (type < 1 || type > 3)) return { ok: false, error: `segment ${i + 1} has unknown segment type ${type}` };
    if (type === 1) hasDisclosedSegment = true;
  }
  const version = B64_DICT.indexOf(raw.charAt(0));
  if (version !== 2) return { ok: false, error: `unsupported TC string version ${version} (need 2)` };
  try {
    const tc = TCString.decode(raw);
    let purposeConsents = 0;
    let purposeLegInt = 0;
    for (let p = 1; p <= 24; p++) {
      if (tc.purposeConsents.has(p)) purposeConsents |= 1 << (p - 1);
      if (tc.purposeLegitimateInterests.has(p)) purposeLegInt |= 1 << (p - 1);
    }
    const restrictions = tc.publisherRestrictions
      .getRestrictions(vendorId)
      .map((r) => ({ purpose: Number(r.purposeId), type: Number(r.restrictionType) }));
    return {
      ok: true,
      vendorId,
      version: Number(tc.version),
      policyVersion: Number(tc.policyVersion),
      isServiceSpecific: tc.isServiceSpecific === true,
      cmpId: Number(tc.cmpId),
      purposeConsents,
      purposeLegInt,
      vendorConsent: tc.vendorConsents.has(vendorId),
      hasDisclosedSegment,
      vendorDisclosed: tc.vendorsDisclosed.has(vendorId),
      restrictions,
    };
  } catch (err) {
    return { ok: false, error: errorSummary(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// GPP decoding (memoized)

export interface GppFacts {
  ok: true;
  sectionIds: number[];
  /** The tcfeuv2 section exactly as received (it is a TC string), or null. */
  tcfeuv2: string | null;
  /** Human-readable US opt-outs found, e.g. 'usnat SaleOptOut=1', 'usca Gpc', 'uspv1 OptOutSale=Y'. */
  usOptOuts: string[];
}
export type GppDecoded = GppFacts | DecodeFailure;

const gppCache = new Lru<string, GppDecoded>(CACHE_ENTRIES);

export function decodeGpp(raw: string): GppDecoded {
  const hit = gppCache.get(raw);
  if (hit !== undefined) return hit;
  const decoded = decodeGppUncached(raw);
  gppCache.set(raw, decoded);
  return decoded;
}

function decodeGppUncached(raw: string): GppDecoded {
  if (raw.length > MAX_GPP_LENGTH) return { ok: false, error: `the GPP string is longer than ${MAX_GPP_LENGTH} characters` };
  if (!raw.startsWith('D')) return { ok: false, error: 'not a GPP string (header must start with D)' };
  const header = gppHeaderProblem(raw);
  if (header) return { ok: false, error: header };
  try {
    // GppModel decodes lazily: the constructor stores the string and the first field access
    // parses (and throws). Every access the gate needs happens here, inside the try.
    const model = new GppModel(raw);
    const sectionIds = model.getSectionIds().map(Number);
    let tcfeuv2: string | null = null;
    if (model.hasSection('tcfeuv2')) {
      const sec = model.encodeSection('tcfeuv2'); // unmodified section text when not edited
      tcfeuv2 = typeof sec === 'string' ? sec : null;
    }
    const usOptOuts: string[] = [];
    if (model.hasSection('uspv1')) {
      const usp = model.encodeSection('uspv1');
      // The library accepts any 4 characters here ('XYZW' decodes with Version null).
      if (typeof usp !== 'string' || !USP_RE.test(usp)) return { ok: false, error: 'the uspv1 section is malformed' };
      if (usp.charAt(2).toUpperCase() === 'Y') usOptOuts.push('uspv1 OptOutSale=Y');
    }
    for (const name of US_SECTIONS) {
      if (!model.hasSection(name)) continue;
      for (const field of US_OPT_OUT_FIELDS) {
        if (model.hasField(name, field) && model.getFieldValue(name, field) === 1) usOptOuts.push(`${name} ${field}=1`);
      }
      if (model.hasField(name, 'Gpc') && model.getFieldValue(name, 'Gpc') === true) usOptOuts.push(`${name} Gpc`);
    }
    return { ok: true, sectionIds, tcfeuv2, usOptOuts };
  } catch (err) {
    return { ok: false, error: errorSummary(err) };
  }
}

/** Empty the memos (tests and benchmarks). */
export function clearConsentCaches(): void {
  tcCache.clear();
  gppCache.clear();
}

/**
 * An error's name and message, safe for a trace: quoted parts and long base64url runs (which
 * the GPP library fills with the input string) are elided, and the length is capped.
 */
export function errorSummary(err: unknown): string {
  let name = 'Error';
  let message = '';
  try {
    if (err instanceof Error) {
      name = String(err.name || 'Error');
      message = String(err.message ?? '');
    } else {
      message = typeof err === 'string' ? err : 'non-Error thrown';
    }
  } catch {
    message = 'unprintable error';
  }
  message = message
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/[A-Za-z0-9_\-.~]{24,}/g, '…')
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (message.length > 160) message = `${message.slice(0, 160)}…`;
  name = name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40);
  return message ? `${name}: ${message}` : name;
}
