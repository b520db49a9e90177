// Money in the viewer's region: conversion by the admin's dated rate table, and formatting for
// the language and the region's digits. Pure: Intl only (the same on Node and Workers).
import type { Lang, PricedOffer, Region, TraceEntry } from './types.ts';

/** One admin-set rate: 1 `from` = `rate` `to`, as published on `date` (YYYY-MM-DD). */
export interface FxRate {
  from: string;
  to: string;
  rate: number;
  date: string;
}

/** Rates by `FROM/TO`; built once per config snapshot. */
export type RateTable = ReadonlyMap<string, FxRate>;

export function rateTable(rates: readonly FxRate[]): RateTable {
  return new Map(rates.map((r) => [`${r.from}/${r.to}`, r]));
}

export type Conversion =
  | { ok: true; amount: number; rate: number; date: string; via: string | null }
  | { ok: false; reason: string };

const fractionMemo = new Map<string, number>();

/** Minor units of a currency (2 for SAR, 0 for JPY, 3 for KWD), from ICU. */
export function minorDigits(currency: string): number {
  let d = fractionMemo.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionMemo.set(currency, d);
  }
  return d;
}

export function roundMoney(amount: number, currency: string): number {
  const f = 10 ** minorDigits(currency);
  return Math.round(amount * f) / f;
}

function direct(t: RateTable, from: string, to: string): { rate: number; date: string } | null {
  const r = t.get(`${from}/${to}`);
  if (r) return { rate: r.rate, date: r.date };
  const inv = t.get(`${to}/${from}`);
  return inv ? { rate: 1 / inv.rate, date: inv.date } : null;
}

/**
 * `amount` in `from` → `to`: a direct rate, its inverse, or through one shared currency (the
 * older of the two dates is the rate's date). Unrounded: callers round to the minor unit.
 */
export function convert(amount: number, from: string, to: string, table: RateTable): Conversion {
  if (from === to) return { ok: true, amount, rate: 1, date: '', via: null };
  const d = direct(table, from, to);
  if (d) return { ok: true, amount: amount * d.rate, rate: d.rate, date: d.date, via: null };
  const pivots = new Set<string>();
  for (const r of table.values()) {
    if (r.from === from) pivots.add(r.to);
    else if (r.to === from) pivots.add(r.from);
  }
  for (const via of [...pivots].sort()) {
    const a = direct(table, from, via);
    const b = direct(table, via, to);
    if (a && b) return { ok: true, amount: amount * a.rate * b.rate, rate: a.rate * b.rate, date: a.date < b.date ? a.date : b.date, via };
  }
  return { ok: false, reason: `no rate from ${from} to ${to} in the rate table` };
}

/**
 * The offer in the region's currency: as given when it already is, else converted (the regular
 * price, then the final price at the same ratio so the discount reads the same), else unchanged
 * with the reason. Returns the offer and one trace entry.
 */
export function localOffer(offer: PricedOffer, productId: string, region: Region, table: RateTable): { offer: PricedOffer; trace: TraceEntry } {
  const to = region.currency;
  const entry = (rule: string, outcome: TraceEntry['outcome'], detail: string): TraceEntry => ({ stage: 'decision', subject: productId, outcome, rule, detail });
  if (offer.currency === to) return { offer, trace: entry('price_local', 'info', `${productId} is priced in ${to}, the currency of ${region.code}`) };
  const c = convert(offer.regular, offer.currency, to, table);
  if (!c.ok) {
    return { offer, trace: entry('rate_missing', 'exclude', `${productId} shown in ${offer.currency}, not ${to}: ${c.reason} (set one at PUT /v1/admin/rates)`) };
  }
  const regular = roundMoney(c.amount, to);
  const final = offer.final === offer.regular ? regular : roundMoney(regular * (offer.final / offer.regular), to);
  const via = c.via ? ` via ${c.via}` : '';
  return {
    offer: { ...offer, currency: to, regular, final, conversion: { from: offer.currency, regular: offer.regular, final: offer.final, rate: c.rate, date: c.date } },
    trace: entry('price_converted', 'include', `${productId}: ${offer.final.toFixed(2)} ${offer.currency} → ${final.toFixed(minorDigits(to))} ${to} at ${+c.rate.toPrecision(8)}${via}, rate of ${c.date}`),
  };
}

/** How numbers are written for one viewer: the language, the region's locale and digits. */
export interface NumberStyle {
  lang: Lang;
  /** BCP 47 locale without extensions, e.g. `ar-SA` or `en-GB`. */
  locale: string;
  digits: 'arab' | 'latn';
}

export function numberStyle(region: Region | undefined, lang: Lang): NumberStyle {
  const country = region?.country;
  if (lang === 'ar') {
    const locale = region?.locale?.startsWith('ar') ? region.locale : country ? `ar-${country}` : 'ar';
    return { lang, locale: safeLocale(locale, 'ar'), digits: region?.digits ?? 'latn' };
  }
  // English copy is read with Latin digits whatever the region's Arabic setting is.
  return { lang, locale: safeLocale(country ? `en-${country}` : 'en-US', 'en-US'), digits: 'latn' };
}

// Asking ICU whether it has a locale costs ~0.1 ms a call, on every priced decision: the answer per
// tag is kept (tags come from region settings, so few; the map is bounded all the same).
const supported = new Map<string, boolean>();
function safeLocale(tag: string, fallback: string): string {
  let ok = supported.get(tag);
  if (ok === undefined) {
    try {
      ok = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      ok = false;
    }
    if (supported.size >= 512) supported.clear();
    supported.set(tag, ok);
  }
  return ok ? tag : fallback;
}

const formats = new Map<string, Intl.NumberFormat>();
function nf(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = formats.get(key);
  if (!f) {
    f = make();
    formats.set(key, f);
  }
  return f;
}

// Bidi controls (LRM, RLM, ALM) have no glyph in the bundled fonts; the layout sets direction instead.
const BIDI = /[\u200e\u200f\u061c]/g;

/**
 * `٢٠٣٫٩٩ ر.س.` (Arabic, Arabic-Indic digits), `203.99 SAR` (Arabic, Latin digits: the ISO code
 * reads in either script) or `SAR 203.99` / `£203.99` (English, the region's conventions).
 */
export function formatMoney(amount: number, currency: string, st: NumberStyle): string {
  const key = `m|${st.locale}|${st.digits}|${currency}`;
  const f = nf(key, () => {
    if (st.lang === 'ar') {
      return st.digits === 'arab'
        ? new Intl.NumberFormat(`${st.locale}-u-nu-arab`, { style: 'currency', currency, currencyDisplay: 'symbol' })
        : new Intl.NumberFormat(`${st.locale}-u-nu-latn`, { style: 'currency', currency, currencyDisplay: 'code' });
    }
    return new Intl.NumberFormat(`${st.locale}-u-nu-latn`, { style: 'currency', currency, currencyDisplay: 'symbol' });
  });
  return f.format(amount).replace(BIDI, '').trim();
}

/** A count in the viewer's digits (`3` or `٣`). */
export function formatCount(n: number, st: NumberStyle): string {
  return nf(`n|${st.locale}|${st.digits}`, () => new Intl.NumberFormat(`${st.locale}-u-nu-${st.digits}`, { maximumFractionDigits: 0, useGrouping: false })).format(n).replace(BIDI, '');
}

/** A whole percentage (`20%` or `٢٠٪`). */
export function formatPercent(pct: number, st: NumberStyle): string {
  return nf(`p|${st.locale}|${st.digits}`, () => new Intl.NumberFormat(`${st.locale}-u-nu-${st.digits}`, { style: 'percent', maximumFractionDigits: 0 })).format(pct / 100).replace(BIDI, '');
}
