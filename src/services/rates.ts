// The admin's exchange-rate table: validated whole, replaced whole, audited, and the config
// snapshot (where decisions read it) dropped at once.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import type { FxRate } from '../domain/money.ts';
import type { Store } from '../storage/port.ts';
import type { Actor } from './access.ts';
import type { AuditLog } from './audit.ts';
import type { ConfigCache } from './config-cache.ts';
import { parseOrThrow } from './validation.ts';

export const MAX_RATES = 500;

const code = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as SAR');
const rateRow = z
  .object({
    from: code,
    to: code,
    rate: z.number().positive('must be > 0').finite().lt(1e7, 'must be < 10,000,000'),
    date: z.iso.date('expected a date YYYY-MM-DD'),
  })
  .strict()
  .refine((r) => r.from !== r.to, { message: 'from and to are the same currency', path: ['to'] });
export const ratesBody = z.object({ rates: z.array(rateRow).max(MAX_RATES, `at most ${MAX_RATES} rates`) }).strict();

function knownCurrency(c: string): boolean {
  const list = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency');
  return list ? list.includes(c) : true;
}

/** Checks what no schema can: real currencies, one rate per pair (either direction), no future dates. */
export function validateRates(raw: unknown, today: string): FxRate[] {
  const { rates } = parseOrThrow(ratesBody, raw, 'rates');
  const problems: Array<{ field: string; reason: string }> = [];
  const seen = new Map<string, number>();
  rates.forEach((r, i) => {
    for (const k of ['from', 'to'] as const) if (!knownCurrency(r[k])) problems.push({ field: `rates.${i}.${k}`, reason: `unknown currency "${r[k]}"` });
    if (r.date > today) problems.push({ field: `rates.${i}.date`, reason: `${r.date} is in the future (today is ${today})` });
    const pair = [r.from, r.to].sort().join('/');
    const first = seen.get(pair);
    if (first !== undefined) problems.push({ field: `rates.${i}`, reason: `${r.from}/${r.to} is already given at rates.${first} (one rate per pair; the inverse is derived)` });
    else seen.set(pair, i);
  });
  if (problems.length) throw new VitrineError('bad_request', `rates: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, problems[0]!.field, undefined, problems);
  return rates.map((r) => ({ from: r.from, to: r.to, rate: r.rate, date: r.date }));
}

export interface RatesDeps {
  store: Store;
  configCache: ConfigCache;
  clock: () => number;
  audit: AuditLog;
}

export async function replaceRates(deps: RatesDeps, actor: Actor, raw: unknown): Promise<FxRate[]> {
  const now = new Date(deps.clock()).toISOString();
  const rates = validateRates(raw, now.slice(0, 10));
  const before = await deps.store.listRates();
  await deps.store.putRates(rates, now);
  deps.configCache.invalidate();
  await deps.audit.record({ actor, action: 'rates.replace', entity: 'rates', entityId: 'fx', before, after: rates, note: `${rates.length} rate(s)` });
  return rates;
}
