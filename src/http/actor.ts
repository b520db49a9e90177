// The acting user on /v1/admin and the studio, as a typed Hono context variable. The auth
// middleware sets it (today: the bootstrap admin key → owner); routes ask for a permission.
import type { Context, MiddlewareHandler } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import { requireCan, type Actor, type Permission } from '../services/access.ts';

declare module 'hono' {
  interface ContextVariableMap {
    actor: Actor;
  }
}

export function actorOf(c: Context): Actor {
  const a = c.get('actor');
  if (!a) throw new VitrineError('unauthorized', 'Authorization: sign in or send a bearer key', 'Authorization');
  return a;
}

/** Route guard: 401 without an actor, 403 naming the permission the actor's role lacks. */
export function requirePermission(perm: Permission): MiddlewareHandler {
  return async (c, next) => {
    requireCan(actorOf(c), perm);
    await next();
  };
}

/** In a handler: the actor, after checking one permission. */
export function actorWith(c: Context, perm: Permission): Actor {
  const a = actorOf(c);
  requireCan(a, perm);
  return a;
}
