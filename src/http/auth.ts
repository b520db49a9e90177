// Bearer-key checks for operator and merchant routes, compared in constant time through the
// runtime's KeyCompare port (src/security/compare.ts).
import type { MiddlewareHandler } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import type { Actor } from '../services/access.ts';
import { webKeyCompare, type KeyCompare } from '../security/compare.ts';
import './actor.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The runtime's constant-time key comparison, set once for every request by the app factory. */
    keyCompare: KeyCompare;
  }
}

const fallbackCompare = webKeyCompare();

/** Passes when the request carries any of `keys` (null keys are ignored; none configured = nobody passes). */
export function bearer(keys: ReadonlyArray<string | null>, name: string, actor?: Actor): MiddlewareHandler {
  const live = keys.filter((k): k is string => !!k);
  return async (c, next) => {
    const auth = c.req.header('Authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const compare = c.get('keyCompare') ?? fallbackCompare;
    // Every configured key is compared (no early exit), each over equal-length digests.
    const matches = key ? await Promise.all(live.map((k) => compare(key, k))) : [];
    if (!matches.includes(true)) {
      throw new VitrineError('unauthorized', `Authorization: a valid bearer key (${name}) is required`, 'Authorization');
    }
    if (actor) c.set('actor', actor);
    await next();
  };
}

/** /v1/admin: the bootstrap admin key acts as the owner; interim per-role keys act as their user. */
export function adminAuth(adminKey: string | null, actorKeys: ReadonlyArray<{ key: string; actor: Actor }>, adminActor: Actor): MiddlewareHandler {
  const candidates: Array<{ key: string; actor: Actor }> = [...(adminKey ? [{ key: adminKey, actor: adminActor }] : []), ...actorKeys];
  return async (c, next) => {
    const auth = c.req.header('Authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const compare = c.get('keyCompare') ?? fallbackCompare;
    // Every key is compared (no early exit) through the runtime's constant-time port; the admin key wins ties.
    const matches = key ? await Promise.all(candidates.map((k) => compare(key, k.key))) : [];
    const actor = candidates[matches.indexOf(true)]?.actor ?? null;
    if (!actor) throw new VitrineError('unauthorized', 'Authorization: a valid bearer key (VITRINE_ADMIN_KEY) is required', 'Authorization');
    c.set('actor', actor);
    await next();
  };
}
