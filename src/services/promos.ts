// Promo writes shared by the admin API and the studio: one schema, one save path that owns the
// cache invalidation it causes.
import { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';
import type { Promo } from '../domain/types.ts';
import type { Store } from '../storage/port.ts';
import type { ConfigCache } from './config-cache.ts';
import { parseOrThrow } from './validation.ts';
import type { Actor } from './access.ts';
import type { AuditLog } from './audit.ts';

const wall = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected local time YYYY-MM-DDTHH:mm');
const selector = z.object({
  categories: z.array(z.string()).optional(),
  brands: z.array(z.string()).optional(),
  labels: z.array(z.string()).optional(),
  productIds: z.array(z.string()).optional(),
});
export const promoSchema = z
  .object({
    id: z.string().regex(/^[\w.-]{1,64}$/, 'expected 1-64 letters, digits, _ . -'),
    name: z.string().min(1).max(200),
    regions: z.array(z.string()).min(1),
    startsLocal: wall,
    endsLocal: wall,
    discount: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('percent'), value: z.number().gt(0).lt(100) }),
      z.object({ kind: z.literal('amount'), value: z.number().positive() }),
      z.object({ kind: z.literal('fixed'), value: z.number().nonnegative() }),
    ]),
    selector: selector.default({}),
    code: z.string().max(40).nullable().default(null),
    priority: z.number().int().default(0),
    copy: z.object({ en: z.string().min(1).max(200), ar: z.string().max(200).optional() }),
  })
  .refine((p) => p.startsLocal < p.endsLocal, { message: 'must be before endsLocal', path: ['startsLocal'] });

/** Validates the whole promo (regions against the known ones), stores it, retires cached config, audits it. */
export async function savePromo(deps: { store: Store; configCache: ConfigCache; audit: AuditLog }, actor: Actor, body: unknown, before: Promo | null): Promise<Promo> {
  const promo = parseOrThrow(promoSchema, body, 'promo') as Promo;
  const snap = await deps.configCache.get();
  const unknown = promo.regions.filter((r) => !snap.regionByCode.has(r));
  if (unknown.length) throw new VitrineError('bad_request', `promo: regions: unknown region(s) ${unknown.join(', ')}`, 'regions', snap.regions.map((r) => r.code));
  await deps.store.putPromo(promo);
  deps.configCache.invalidate();
  await deps.audit.record({ actor, action: before ? 'promo.update' : 'promo.create', entity: 'promo', entityId: promo.id, before, after: promo });
  return promo;
}
