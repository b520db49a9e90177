// Who may see merchant-internal data (stock counts, future promos, traces, scores) on routes that
// are otherwise public (/v1/creative?format=json, /v1/preview, /metrics): an actor with the `read`
// permission (set by the accounts middleware when it runs before these routes), or the admin
// bearer key. Everyone else sees only what the creative shows.
import type { Context } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { ADMIN_KEY_ACTOR, can, type Actor } from '../services/access.ts';
import './actor.ts';

function equalStrings(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/** The acting user when it may read internal data, else null. */
export function internalReader(c: Context, adminKey: string | null): Actor | null {
  const actor = c.get('actor') as Actor | undefined;
  if (actor) return can(actor.role, 'read') ? actor : null;
  const auth = c.req.header('Authorization') ?? '';
  if (adminKey && auth.startsWith('Bearer ') && equalStrings(auth.slice(7), adminKey)) return ADMIN_KEY_ACTOR;
  return null;
}

/** How far ahead of the server's clock a public `at` may be (clock skew between replaying processes). */
export const PUBLIC_AT_SKEW_MS = 60_000;

/**
 * A future `at` renders unreleased promos and prices: only an internal reader may ask for one.
 * Checked before any cache, so a replay an admin made is not served to the public either.
 */
export function guardFutureAt(c: Context, raw: string | undefined, adminKey: string | null, now: number): void {
  if (!raw) return;
  const t = Date.parse(raw);
  if (!Number.isFinite(t) || t <= now + PUBLIC_AT_SKEW_MS) return;
  if (internalReader(c, adminKey)) return;
  throw new VitrineError('forbidden', 'at: a future instant shows promos and prices not yet released; it needs an admin key or a user with the read permission', 'at');
}
