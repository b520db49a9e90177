// Sign-in, sign-out and the session (better-auth under /v1/auth/*), and the one middleware that
// resolves who is acting on /v1/admin/*: the bootstrap admin key (owner), a user's API token, or a
// session cookie (writes must prove same origin). The studio reuses `resolveActor`.
import type { Hono, MiddlewareHandler } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import type { Actor } from '../services/access.ts';
import type { Accounts, ActorSource } from '../services/accounts/index.ts';
import { AUTH_BASE_PATH } from '../services/accounts/auth.ts';
import { csrfProblem } from './csrf.ts';
import { limitBody } from './body-limit.ts';
import './actor.ts';

/** Bodies of sign-in requests are small; anything larger is refused before better-auth reads it. */
const AUTH_BODY_LIMIT = 16 * 1024;

/** The actor for this request, or a 401/403 VitrineError saying what is missing. */
export async function resolveActor(actors: ActorSource, req: Request, trustedOrigins: readonly string[]): Promise<Actor> {
  const auth = req.headers.get('Authorization');
  if (auth !== null) {
    const m = /^Bearer\s+(\S+)\s*$/.exec(auth);
    if (!m) throw new VitrineError('unauthorized', 'Authorization: expected "Bearer <admin key or API token>"', 'Authorization');
    const actor = await actors.fromBearer(m[1]!);
    if (!actor) throw new VitrineError('unauthorized', 'Authorization: the bearer key or API token is not valid (unknown, revoked, or its user is disabled)', 'Authorization');
    return actor;
  }
  const actor = await actors.fromSession(req.headers);
  if (!actor) throw new VitrineError('unauthorized', `Authorization: sign in (POST ${AUTH_BASE_PATH}/sign-in/email) or send a bearer key or API token`, 'Authorization');
  const problem = csrfProblem(req, trustedOrigins);
  if (problem) throw new VitrineError('forbidden', problem, 'Origin');
  return actor;
}

/** Sets the `actor` variable or refuses the request. */
export function requireActor(actors: ActorSource, trustedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    c.set('actor', await resolveActor(actors, c.req.raw, trustedOrigins));
    await next();
  };
}

export function mountAuth(app: Hono, accounts: Accounts | null, trustedOrigins: readonly string[]): void {
  app.on(['GET', 'POST'], `${AUTH_BASE_PATH}/*`, limitBody(AUTH_BODY_LIMIT), async (c) => {
    if (!accounts) throw new VitrineError('unavailable', 'accounts: the database is not available', 'database');
    // A request carrying the session cookie (sign-out, …) proves its origin like any signed-in write.
    if (c.req.header('Cookie')) {
      const problem = csrfProblem(c.req.raw, trustedOrigins);
      if (problem) throw new VitrineError('forbidden', problem, 'Origin');
    }
    return accounts.auth.handler(c.req.raw);
  });
}
