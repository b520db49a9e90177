// Who may see merchant-internal data (stock counts, future promos, traces, scores) on routes that
// are otherwise public (/v1/creative?format=json, /v1/preview, /metrics): an actor with the `read`
// permission (set by the accounts middleware when it runs before these routes), or the admin
// bearer key. Everyone else sees only what the creative shows.
import type { Context } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { webKeyCompare } from '../security/compare.ts';
import { ADMIN_KEY_ACTOR, can, type Actor } from '../services/access.ts';
import './actor.ts';
import './auth.ts';

const fallbackCompare = webKeyCompare();

/**
 * The acting user when it may read internal data, else null. A bearer that is not an account's
 * is compared with the admin key through the runtime's constant-time port (equal-length digests).
 */
export async function internalReader(c: Context, adminKey: string | null): Promise<Actor | null> {
  const actor = c.get('actor') as Actor | undefined;
  if (actor) return can(actor.role, 'read') ? actor : null;
  const auth = c.req.header('Authorization') ?? '';
  if (adminKey && auth.startsWith('Bearer ') && (await (c.get('keyCompare') ?? fallbackCompare)(auth.slice(7), adminKey))) return ADMIN_KEY_ACTOR;
  return null;
}

/** How far ahead of the server's clock a public `at` may be (clock skew between replaying processes). */
export const PUBLIC_AT_SKEW_MS = 60_000;

/**
 * A future `at` renders unreleased promos and prices: only an internal reader may ask for one.
 * Checked before any cache, so a replay an admin made is not served to the public either.
 */
export async function guardFutureAt(c: Context, raw: string | undefined, adminKey: string | null, now: number): Promise<void> {
  if (!raw) return;
  const t = Date.parse(raw);
  if (!Number.isFinite(t) || t <= now + PUBLIC_AT_SKEW_MS) return;
  if (await internalReader(c, adminKey)) return;
  throw new VitrineError('forbidden', 'at: a future instant shows promos and prices not yet released; it needs an admin key or a user with the read permission', 'at');
}
