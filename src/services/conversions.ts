// Conversions: idempotent by order id, credited to the decision's touches (src/domain/attribution.ts):
// a click or QR scan within the click window (click-through), else an impression within the view
// window (view-through); otherwise recorded unattributed (202), never refused.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import type { TokenSigner } from '../security/tokens.ts';
import type { ConversionRecord, EventRecord, Store } from '../storage/port.ts';
import { convert, roundMoney, type RateTable } from '../domain/money.ts';
import { attribute, type AttributionModel, type Touch } from '../domain/attribution.ts';
import { parseOrThrow } from './validation.ts';

export interface ConversionDeps {
  store: Store;
  signer: TokenSigner;
  clock: () => number;
  clickWindowDays: number;
  viewWindowDays: number;
  attributionModel: AttributionModel;
  /** Reports sum revenue in this currency: conversions in another are converted with the admin's rate table. */
  reportCurrency: string | null;
  rates: () => Promise<RateTable>;
  /** Writes pending events, so a click recorded a moment ago is seen. */
  flushEvents: () => Promise<void>;
}

export const conversionInput = z
  .object({
    order_id: z.string().min(1, 'required').max(128, 'at most 128 characters'),
    value: z.number({ message: 'expected a number' }).nonnegative('must be >= 0').finite(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD'),
    decision_id: z.string().min(1).max(64).optional(),
    // The decision id the landing URL carries (`vitrine_did`), as the merchant's page read it.
    vitrine_did: z.string().min(1).max(64).optional(),
    click_token: z.string().min(1).max(2048).optional(),
    at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' }).optional(),
  })
  .strict()
  .refine((c) => c.decision_id !== undefined || c.vitrine_did !== undefined || c.click_token !== undefined, { message: 'give decision_id (or vitrine_did from the landing URL) or click_token', path: ['decision_id'] })
  .refine((c) => c.decision_id === undefined || c.vitrine_did === undefined || c.decision_id === c.vitrine_did, { message: 'decision_id and vitrine_did name different decisions', path: ['vitrine_did'] });

export type ConversionOutcome = { status: 'attributed' | 'unattributed' | 'duplicate'; conversion: ConversionRecord };

async function decisionIdOf(deps: ConversionDeps, c: z.infer<typeof conversionInput>): Promise<string> {
  if (!c.click_token) return (c.decision_id ?? c.vitrine_did)!;
  // A click link's token (c) or a QR scan's (q): either proves the decision.
  // An expired click still proves the decision; the click window decides whether it is attributed.
  const [click, scan] = await Promise.all([deps.signer.verify(c.click_token, 'c', { allowExpired: true }), deps.signer.verify(c.click_token, 'q', { allowExpired: true })]);
  const v = click.ok ? click : scan.ok ? scan : click;
  if (!v.ok) throw new VitrineError('bad_request', `click_token: ${v.reason}`, 'click_token');
  if (c.decision_id && c.decision_id !== v.payload.d) throw new VitrineError('bad_request', 'decision_id: does not match the click token', 'decision_id');
  return v.payload.d;
}

const DAY = 86_400_000;

function touchOf(e: EventRecord): Touch {
  return { decisionId: e.decisionId, campaignId: e.campaignId, variantId: e.variantId, kind: e.type === 'impression' ? 'view' : 'click', at: Date.parse(e.at) };
}

export async function recordConversion(deps: ConversionDeps, body: unknown): Promise<ConversionOutcome> {
  const c = parseOrThrow(conversionInput, body, 'conversion');
  const existing = await deps.store.getConversion(c.order_id);
  if (existing) return { status: 'duplicate', conversion: existing };
  const decisionId = await decisionIdOf(deps, c);
  await deps.flushEvents();
  const at = c.at ? Date.parse(c.at) : deps.clock();
  const lookback = Math.max(deps.clickWindowDays, deps.viewWindowDays) * DAY;
  const events = await deps.store.attributionTouches(decisionId, new Date(at - lookback).toISOString(), new Date(at).toISOString());
  const byId = new Map(events.map((e) => [e.id, e]));
  const touches = events.map((e) => ({ ...touchOf(e), id: e.id }));
  const a = attribute(touches, at, { clickDays: deps.clickWindowDays, viewDays: deps.viewWindowDays }, deps.attributionModel);
  const main = a.credits.length ? byId.get((a.credits[a.credits.length - 1]!.touch as Touch & { id: string }).id)! : (events.find((e) => e.decisionId === decisionId) ?? null);
  const iso = new Date(at).toISOString();
  const attributed = a.credits.length > 0;
  // Revenue in the report currency by the admin's dated rate; without a rate it stays in its own (and says so).
  const fx = deps.reportCurrency && deps.reportCurrency !== c.currency ? convert(c.value, c.currency, deps.reportCurrency, await deps.rates()) : null;
  const reported = fx?.ok ? { value: roundMoney(fx.amount, deps.reportCurrency!), currency: deps.reportCurrency! } : { value: c.value, currency: c.currency };
  const fxNote = !fx ? '' : fx.ok ? `; revenue ${reported.value} ${reported.currency} at ${fx.rate} (rate of ${fx.date}${fx.via ? ` via ${fx.via}` : ''})` : `; revenue kept in ${c.currency}: ${fx.reason}`;
  const conversion: ConversionRecord = {
    orderId: c.order_id,
    decisionId,
    campaignId: main?.campaignId ?? null,
    variantId: main?.variantId ?? null,
    attributed,
    reason: a.reason + fxNote,
    value: c.value,
    currency: c.currency,
    reportValue: reported.value,
    reportCurrency: reported.currency,
    fxRate: fx?.ok ? fx.rate : null,
    fxDate: fx?.ok ? fx.date : null,
    userHash: attributed ? (main?.userHash ?? null) : null,
    at: iso,
    attribution: a.kind,
    model: attributed ? deps.attributionModel : null,
  };
  // One event per credited touch: its share of the conversion and of the revenue. Click-through
  // credits are `conversion` (they reward the learning arm); view-through ones `conversion_view`.
  const credited: EventRecord[] = a.credits.map((cr) => {
    const e = byId.get((cr.touch as Touch & { id: string }).id)!;
    return { ...e, id: crypto.randomUUID(), type: cr.touch.kind === 'click' ? 'conversion' : 'conversion_view', at: iso, value: reported.value * cr.share, currency: reported.currency, credit: cr.share };
  });
  const r = await deps.store.recordConversion(conversion, credited);
  if (r === 'duplicate') return { status: 'duplicate', conversion: (await deps.store.getConversion(c.order_id))! };
  return { status: attributed ? 'attributed' : 'unattributed', conversion };
}
