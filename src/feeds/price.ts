// Merchant Center prices as merchants write them: `15.00 USD`, `USD 15.00`, `1,299.00 USD`,
// `15,00 EUR`, `1.299,00 EUR`, `1 299,00 EUR`, `1.250 KWD`. Pure.

let currencies: Set<string> | null = null;
export function knownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** ISO 4217 minor units (2 for USD, 3 for KWD, 0 for JPY). */
export function minorUnits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

const FORMS = [
  /^([0-9][0-9.,\u00a0\u202f' ]*)\s*([A-Za-z]{3})$/, // 15.00 USD, 1,299.00USD
  /^([A-Za-z]{3})\s*([0-9][0-9.,\u00a0\u202f' ]*)$/, // USD 15.00
];

/**
 * The amount in a number written with any of the usual grouping and decimal marks. The last mark
 * is the decimal one when both `.` and `,` appear; a lone mark is decimal when 1–2 digits follow
 * it (or 3 for a currency with 3 minor units, such as KWD or BHD), a thousands mark otherwise.
 */
export function parseAmount(raw: string, currency: string): number | string {
  const s = raw.replace(/[\u00a0\u202f' ]/g, '');
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return `not a number: "${raw.trim()}"`;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  if (dots && commas) decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const mark = dots ? '.' : ',';
    const after = s.length - s.indexOf(mark) - 1;
    decimal = after !== 3 || minorUnits(currency) === 3 ? mark : null;
  } else if (dots + commas > 1) decimal = null; // 1,299,000 or 1.299.000: grouping only
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : dots ? '.' : ',';
  const [int, frac = ''] = decimal ? s.split(decimal) : [s];
  if (decimal && (s.split(decimal).length !== 2 || frac.includes(group))) return `not a number: "${raw.trim()}"`;
  // Grouping marks must split the integer part into groups of three.
  const groups = int!.split(group);
  if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3))) return `misplaced thousands separator in "${raw.trim()}"`;
  if (frac.length > 4) return `more than 4 decimals in "${raw.trim()}"`;
  const n = Number(`${groups.join('')}.${frac || '0'}`);
  return Number.isFinite(n) ? n : `not a number: "${raw.trim()}"`;
}

/** A price as text → amount and currency; the reason when it is not a price. */
export function parsePrice(text: string): { amount: number; currency: string } | string {
  const t = text.trim();
  if (t === '') return 'missing';
  for (const [i, re] of FORMS.entries()) {
    const m = re.exec(t);
    if (!m) continue;
    const [num, cur] = i === 0 ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const currency = cur.toUpperCase();
    if (!knownCurrency(currency)) return `unknown currency "${currency}"`;
    const amount = parseAmount(num, currency);
    if (typeof amount === 'string') return amount;
    return { amount, currency };
  }
  return `expected "<amount> <ISO 4217 code>" such as "15.00 USD" (or "USD 15.00"), got "${text}"`;
}
