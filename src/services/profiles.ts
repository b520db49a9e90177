// First-party profiles: validation, keyed hashing of user ids, product lookups (unknown ids are
// kept and reported), storage with an expiry, bulk NDJSON import. Raw user ids are never stored.
import { z } from 'zod';
import { audienceOf } from '../domain/audience.ts';
import { VitrineError } from '../domain/errors.ts';
import { LANGS, type Profile, type ProfileItem } from '../domain/types.ts';
import { problemsOf, type FieldProblem } from './validation.ts';
import type { Digest } from '../security/digest.ts';
import { MAX_UID_LENGTH, userKey } from '../security/user-key.ts';
import type { Store } from '../storage/port.ts';
import type { Config } from './deps.ts';

export interface ProfileDeps {
  store: Store;
  config: Config;
  clock: () => number;
  digest: Digest;
}

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' });
const productId = z.string().min(1, 'required').max(50, 'at most 50 characters (Merchant Center id)');
const purchase = z.union([productId, z.object({ product_id: productId, at: instant.optional() }).strict()]);
const cartItem = z.union([productId, z.object({ product_id: productId, added_at: instant.optional() }).strict()]);

export const profileInput = z
  .object({
    segments: z.array(z.string().regex(/^[\w.-]{1,64}$/, 'expected 1-64 letters, digits, _ . -')).max(50).default([]),
    purchases: z.array(purchase).max(500).default([]),
    cart: z.array(cartItem).max(200).default([]),
    loyalty_tier: z.string().regex(/^[\w-]{1,32}$/, 'expected 1-32 letters, digits, _ -').nullable().default(null),
    lang: z.enum(LANGS as [string, ...string[]]).nullable().default(null),
  })
  .strict();

export type ProfileInput = z.infer<typeof profileInput>;

export const uidSchema = z.string().min(1, 'required').max(MAX_UID_LENGTH, `at most ${MAX_UID_LENGTH} characters`);

export function hashUid(deps: ProfileDeps, uid: string): Promise<string> {
  return userKey(deps.digest, deps.config.secret, uid);
}

function items(list: ProfileInput['purchases'] | ProfileInput['cart'], now: string, categories: Map<string, string>): ProfileItem[] {
  return list.map((x) => {
    const id = typeof x === 'string' ? x : x.product_id;
    const at = typeof x === 'string' ? now : new Date(('at' in x ? x.at : 'added_at' in x ? x.added_at : undefined) ?? now).toISOString();
    return { productId: id, at, category: categories.get(id) ?? null };
  });
}

export function productIdsOf(input: ProfileInput): string[] {
  return [...input.purchases, ...input.cart].map((x) => (typeof x === 'string' ? x : x.product_id));
}

/** The stored profile; `categories` holds the known products' categories (unknown ids are kept with none). */
export function toProfile(input: ProfileInput, categories: Map<string, string>, now: number, ttlDays: number): Profile {
  const iso = new Date(now).toISOString();
  return {
    segments: [...new Set(input.segments)],
    purchases: items(input.purchases, iso, categories),
    cart: items(input.cart, iso, categories),
    loyaltyTier: input.loyalty_tier,
    lang: input.lang as Profile['lang'],
    updatedAt: iso,
    expiresAt: new Date(now + ttlDays * 86_400_000).toISOString(),
  };
}

export function parseProfile(body: unknown): { ok: true; input: ProfileInput } | { ok: false; problems: FieldProblem[] } {
  const r = profileInput.safeParse(body);
  return r.success ? { ok: true, input: r.data } : { ok: false, problems: problemsOf(r.error) };
}

export async function putProfile(deps: ProfileDeps, uid: string, body: unknown): Promise<{ profile: Profile; unknownProducts: string[] }> {
  const parsed = parseProfile(body);
  if (!parsed.ok) throw new VitrineError('bad_request', `profile: ${parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, parsed.problems[0]?.field, undefined, parsed.problems);
  const ids = productIdsOf(parsed.input);
  const categories = await deps.store.productCategories(ids);
  const profile = toProfile(parsed.input, categories, deps.clock(), deps.config.profileTtlDays);
  await deps.store.putProfiles([{ userHash: await hashUid(deps, uid), profile }]);
  return { profile, unknownProducts: [...new Set(ids.filter((id) => !categories.has(id)))] };
}

/** The profile as the merchant wrote it, plus what a decision would read from it now. */
export function profileView(p: Profile, now: number, deps: ProfileDeps) {
  const a = audienceOf(p, '', now, deps.config.audience, new Map());
  return {
    segments: p.segments,
    purchases: p.purchases.map((x) => ({ product_id: x.productId, at: x.at, category: x.category })),
    cart: p.cart.map((x) => ({ product_id: x.productId, added_at: x.at, category: x.category })),
    loyalty_tier: p.loyaltyTier,
    lang: p.lang,
    updated_at: p.updatedAt,
    expires_at: p.expiresAt,
    derived: { segments: a.segments, abandoned_cart: a.abandonedCart, recent_purchases: a.purchased },
  };
}
