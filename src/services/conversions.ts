// Conversions: idempotent by order id, attributed to the decision's last click or QR scan when it
// happened within the click window; otherwise recorded unattributed (202), never refused.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import type { TokenSigner } from '../security/tokens.ts';
import type { ConversionRecord, EventRecord, Store } from '../storage/port.ts';
import { parseOrThrow } from './validation.ts';

export interface ConversionDeps {
  store: Store;
  signer: TokenSigner;
  clock: () => number;
  clickWindowDays: number;
  /** Writes pending events, so a click recorded a moment ago is seen. */
  flushEvents: () => Promise<void>;
}

export const conversionInput = z
  .object({
    order_id: z.string().min(1, 'required').max(128, 'at most 128 characters'),
    value: z.number({ message: 'expected a number' }).nonnegative('must be >= 0').finite(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD'),
    decision_id: z.string().min(1).max(64).optional(),
    click_token: z.string().min(1).max(2048).optional(),
    at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' }).optional(),
  })
  .strict()
  .refine((c) => c.decision_id !== undefined || c.click_token !== undefined, { message: 'give decision_id or click_token', path: ['decision_id'] });

export type ConversionOutcome = { status: 'attributed' | 'unattributed' | 'duplicate'; conversion: ConversionRecord };

async function decisionIdOf(deps: ConversionDeps, c: z.infer<typeof conversionInput>): Promise<string> {
  if (!c.click_token) return c.decision_id!;
  // A click link's token (c) or a QR scan's (q): either proves the decision.
  const [click, scan] = await Promise.all([deps.signer.verify(c.click_token, 'c'), deps.signer.verify(c.click_token, 'q')]);
  const v = click.ok ? click : scan.ok ? scan : click;
  if (!v.ok) throw new VitrineError('bad_request', `click_token: ${v.reason}`, 'click_token');
  if (c.decision_id && c.decision_id !== v.payload.d) throw new VitrineError('bad_request', 'decision_id: does not match the click token', 'decision_id');
  return v.payload.d;
}

function attribution(e: EventRecord | null, at: number, windowDays: number): { ok: boolean; reason: string } {
  if (!e) return { ok: false, reason: 'unknown decision: no event recorded for it' };
  if (e.type !== 'click' && e.type !== 'scan') return { ok: false, reason: 'no click or QR scan recorded for the decision (view-through is not attributed)' };
  const age = at - Date.parse(e.at);
  if (age < 0) return { ok: false, reason: `the ${e.type} was recorded after the conversion` };
  if (age > windowDays * 86_400_000) return { ok: false, reason: `the ${e.type} was ${(age / 86_400_000).toFixed(1)} days earlier, outside the ${windowDays}-day click window` };
  return { ok: true, reason: `${e.type} at ${e.at}, within the ${windowDays}-day click window` };
}

export async function recordConversion(deps: ConversionDeps, body: unknown): Promise<ConversionOutcome> {
  const c = parseOrThrow(conversionInput, body, 'conversion');
  const existing = await deps.store.getConversion(c.order_id);
  if (existing) return { status: 'duplicate', conversion: existing };
  const decisionId = await decisionIdOf(deps, c);
  await deps.flushEvents();
  const at = c.at ? Date.parse(c.at) : deps.clock();
  const e = await deps.store.decisionEvent(decisionId);
  const a = attribution(e, at, deps.clickWindowDays);
  const iso = new Date(at).toISOString();
  const conversion: ConversionRecord = {
    orderId: c.order_id,
    decisionId,
    campaignId: e?.campaignId ?? null,
    variantId: e?.variantId ?? null,
    attributed: a.ok,
    reason: a.reason,
    value: c.value,
    currency: c.currency,
    userHash: a.ok ? (e?.userHash ?? null) : null,
    at: iso,
  };
  const event: EventRecord | null =
    a.ok && e ? { ...e, id: crypto.randomUUID(), type: 'conversion', at: iso, value: c.value, currency: c.currency } : null;
  const r = await deps.store.recordConversion(conversion, event);
  if (r === 'duplicate') return { status: 'duplicate', conversion: (await deps.store.getConversion(c.order_id))! };
  return { status: a.ok ? 'attributed' : 'unattributed', conversion };
}
