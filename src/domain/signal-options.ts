// What each condition signal takes, for editors that build conditions without JSON typing (the
// studio's variants editor): the kind of value, the operators that make sense, and the values the
// engine knows. One entry per ConditionSignal: a new signal fails the type check until it is here.
import { DEVICES, LANGS, WEATHERS, type ConditionOp, type ConditionSignal } from './types.ts';

export type SignalValueKind = 'choice' | 'number' | 'boolean' | 'text';

export interface SignalOption {
  kind: SignalValueKind;
  ops: readonly ConditionOp[];
  /** Known values (choices; suggestions for text). `weekday` values are numbers 0 = Sunday. */
  values?: readonly string[];
  /** Values come from the campaign's regions (filled by the editor). */
  fromRegions?: true;
}

const SET: readonly ConditionOp[] = ['eq', 'ne', 'in', 'not_in'];
const NUM: readonly ConditionOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'];
const BOOL: readonly ConditionOp[] = ['eq'];

/** Segments the engine derives from a profile (audience.ts); a merchant's own segment names may be typed too. */
export const KNOWN_SEGMENTS = ['cart_abandoner', 'recent_purchaser', 'loyalty_gold', 'loyalty_silver'] as const;

export const SIGNAL_OPTIONS = {
  stock: { kind: 'number', ops: NUM },
  low_stock: { kind: 'boolean', ops: BOOL },
  promo: { kind: 'boolean', ops: BOOL },
  daypart: { kind: 'choice', ops: SET, values: ['morning', 'afternoon', 'evening', 'night'] },
  weekday: { kind: 'choice', ops: SET, values: ['0', '1', '2', '3', '4', '5', '6'] },
  weekend: { kind: 'boolean', ops: BOOL },
  weather: { kind: 'choice', ops: SET, values: WEATHERS },
  device: { kind: 'choice', ops: SET, values: DEVICES },
  lang: { kind: 'choice', ops: SET, values: LANGS },
  new_arrival: { kind: 'boolean', ops: BOOL },
  region: { kind: 'choice', ops: SET, fromRegions: true },
  availability: { kind: 'choice', ops: SET, values: ['in_stock', 'preorder', 'backorder'] },
  segment: { kind: 'text', ops: ['in', 'not_in'], values: KNOWN_SEGMENTS },
  loyalty_tier: { kind: 'text', ops: SET, values: ['bronze', 'silver', 'gold', 'platinum'] },
  personalized: { kind: 'boolean', ops: BOOL },
} as const satisfies Record<ConditionSignal, SignalOption>;

const BY_NAME = new Map<string, SignalOption>(Object.entries(SIGNAL_OPTIONS));

export function signalOption(signal: string): SignalOption | undefined {
  return BY_NAME.get(signal);
}

/**
 * A condition's value from an editor's text (list ops take several): numbers for `stock` and
 * `weekday`, booleans for flags, strings otherwise. Text that is not a number stays text, so the
 * document's validation names the field.
 */
export function conditionValue(signal: string, op: string, raw: readonly string[]): string | number | boolean | Array<string | number> {
  const o = signalOption(signal);
  const numeric = signal === 'stock' || signal === 'weekday';
  const one = (s: string): string | number => (numeric && /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s.trim());
  const vals = raw.flatMap((r) => r.split(',')).map((s) => s.trim()).filter(Boolean);
  if (op === 'in' || op === 'not_in') return vals.map(one);
  if (o?.kind === 'boolean') return (vals[0] ?? 'true') !== 'false';
  return one(vals[0] ?? '');
}
