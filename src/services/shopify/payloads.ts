// Shopify webhook bodies. Ids are 64-bit integers that JSON.parse rounds (271878346596884015 →
// 271878346596884000), so bodies are parsed losslessly: every integer beyond 2^53 stays a string.
import { isSafeNumber, parse } from 'lossless-json';
import { z } from 'zod';
import { VitrineError } from '../../domain/errors.ts';
import { problemsOf } from '../validation.ts';

export function parseWebhookJson(raw: string): unknown {
  try {
    return parse(raw, null, (v: string) => (isSafeNumber(v) ? Number(v) : v));
  } catch (err) {
    throw new VitrineError('bad_request', `body: not valid JSON (${(err as Error).message})`, 'body');
  }
}

const id = z.union([z.number().int(), z.string().regex(/^\d{1,20}$/, 'expected a numeric id')]).transform(String);
const when = z.string().optional();

export const inventoryLevel = z.object({
  inventory_item_id: id,
  location_id: id,
  // null: the item's stock is not tracked (Shopify sells it regardless).
  available: z.number().int().nullable(),
  updated_at: when,
});

export const inventoryItem = z.object({
  id,
  sku: z.string().nullable().optional(),
  tracked: z.boolean().optional(),
  updated_at: when,
});

const price = z.union([z.string(), z.number()]).nullable().optional();
export const productUpdate = z.object({
  id,
  title: z.string().optional(),
  status: z.string().optional(),
  updated_at: when,
  variants: z
    .array(
      z.object({
        id,
        inventory_item_id: id.optional(),
        sku: z.string().nullable().optional(),
        price,
        compare_at_price: price,
        inventory_management: z.string().nullable().optional(),
        updated_at: when,
      }),
    )
    .max(2000)
    .default([]),
});

export function parseOr<T>(schema: z.ZodType<T>, body: unknown, topic: string): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new VitrineError('bad_request', `body: expected a ${topic} payload`, 'body', undefined, problemsOf(r.error));
  return r.data;
}
