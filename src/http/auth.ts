// Bearer-key checks for operator and merchant routes, compared in constant time.
import type { MiddlewareHandler } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import type { Actor } from '../services/access.ts';
import './actor.ts';

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/** Passes when the request carries any of `keys` (null keys are ignored; none configured = nobody passes). */
export function bearer(keys: ReadonlyArray<string | null>, name: string, actor?: Actor): MiddlewareHandler {
  const live = keys.filter((k): k is string => !!k);
  return async (c, next) => {
    const auth = c.req.header('Authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!key || !live.some((k) => timingSafeEqual(key, k))) {
      throw new VitrineError('unauthorized', `Authorization: a valid bearer key (${name}) is required`, 'Authorization');
    }
    if (actor) c.set('actor', actor);
    await next();
  };
}

/** /v1/admin: the bootstrap admin key acts as the owner; interim per-role keys act as their user. */
export function adminAuth(adminKey: string | null, actorKeys: ReadonlyArray<{ key: string; actor: Actor }>, adminActor: Actor): MiddlewareHandler {
  return async (c, next) => {
    const auth = c.req.header('Authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const actor = !key ? null : adminKey && timingSafeEqual(key, adminKey) ? adminActor : (actorKeys.find((k) => timingSafeEqual(key, k.key))?.actor ?? null);
    if (!actor) throw new VitrineError('unauthorized', 'Authorization: a valid bearer key (VITRINE_ADMIN_KEY) is required', 'Authorization');
    c.set('actor', actor);
    await next();
  };
}
