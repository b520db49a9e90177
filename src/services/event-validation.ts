// What an event row must look like before it may join a batch. Everything here can come from a
// token or a query string, so types, lengths and the event type are checked (the type against an
// own-key allow-list): a row that fails is dead-lettered on its own, never written with the batch.
import type { EventRecord, EventType } from '../storage/port.ts';

export const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  'impression',
  'click',
  'scan',
  'conversion',
  'win',
  'bill',
  'creative_view',
  'close',
  'accept_invitation',
  'click_tracking',
  'error',
]);

const MAX_ID = 200;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const str = (v: unknown, max = MAX_ID): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const optStr = (v: unknown, max = MAX_ID) => v === null || v === undefined || str(v, max);

/** Why this event cannot be stored, or null when it can. */
export function eventProblem(e: EventRecord): string | null {
  if (typeof e !== 'object' || e === null) return 'not an object';
  if (typeof e.type !== 'string' || !EVENT_TYPES.has(e.type)) return `type: not an event type (${JSON.stringify(String(e.type)).slice(0, 60)})`;
  if (!str(e.id)) return 'id: expected a string of 1..200 characters';
  if (!str(e.decisionId)) return 'decisionId: expected a string of 1..200 characters';
  if (!str(e.campaignId)) return 'campaignId: expected a string of 1..200 characters';
  if (!optStr(e.variantId)) return 'variantId: expected a string of 1..200 characters or null';
  if (!optStr(e.productId)) return 'productId: expected a string of 1..200 characters or null';
  if (!optStr(e.region)) return 'region: expected a string of 1..200 characters or null';
  if (typeof e.at !== 'string' || !ISO.test(e.at) || !Number.isFinite(Date.parse(e.at))) return 'at: expected an ISO instant';
  if (typeof e.test !== 'boolean') return 'test: expected a boolean';
  if (!optStr(e.bucket)) return 'bucket: expected a string or null';
  if (e.holdout !== undefined && typeof e.holdout !== 'boolean') return 'holdout: expected a boolean';
  if (!optStr(e.userHash, 64)) return 'userHash: expected a string of at most 64 characters or null';
  if (e.segments !== null && e.segments !== undefined && (!Array.isArray(e.segments) || e.segments.length > 100 || !e.segments.every((s) => str(s, 100)))) return 'segments: expected at most 100 strings';
  if (e.value !== null && e.value !== undefined && (typeof e.value !== 'number' || !Number.isFinite(e.value))) return 'value: expected a finite number or null';
  if (e.currency !== null && e.currency !== undefined && (typeof e.currency !== 'string' || !/^[A-Z]{3}$/.test(e.currency))) return 'currency: expected an ISO 4217 code or null';
  if (!optStr(e.tokenId, 64)) return 'tokenId: expected a string of at most 64 characters or null';
  return null;
}
