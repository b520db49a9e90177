// /v1/admin/users, /v1/admin/tokens, /v1/admin/me: people and their API tokens. Thin: validate
// with the route schemas, call the accounts services (which check permissions and audit).
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import type { Accounts } from '../services/accounts/index.ts';
import { jsonBody, parseOrThrow } from '../services/validation.ts';
import { actorOf, actorWith } from './actor.ts';
import { limitBody } from './body-limit.ts';
import { ACCOUNTS_BODY_LIMIT, newTokenBody, newUserBody, tokensQuery, userPatchBody } from './openapi/specs-accounts.ts';

export function mountUsers(app: Hono, accounts: Accounts | null): void {
  const need = (): Accounts => {
    if (!accounts) throw new VitrineError('unavailable', 'accounts: the database is not available', 'database');
    return accounts;
  };
  const limit = limitBody(ACCOUNTS_BODY_LIMIT);

  app.get('/v1/admin/me', (c) => c.json(actorWith(c, 'read')));

  app.get('/v1/admin/users', async (c) => c.json({ users: await need().users.list(actorOf(c)) }));

  // The permission is checked before the body is read: a viewer learns nothing from validation.
  app.post('/v1/admin/users', limit, async (c) => {
    const actor = actorWith(c, 'users.manage');
    const body = parseOrThrow(newUserBody, await jsonBody(c.req), 'user');
    return c.json(await need().users.create(actor, body), 201);
  });

  app.get('/v1/admin/users/:id', async (c) => c.json(await need().users.get(actorOf(c), c.req.param('id'))));

  app.patch('/v1/admin/users/:id', limit, async (c) => {
    const actor = actorWith(c, 'users.manage');
    const body = parseOrThrow(userPatchBody, await jsonBody(c.req), 'user');
    const id = c.req.param('id');
    let user = body.role !== undefined ? await need().users.setRole(actor, id, body.role) : null;
    if (body.disabled !== undefined) user = await need().users.setDisabled(actor, id, body.disabled);
    return c.json(user);
  });

  app.get('/v1/admin/tokens', async (c) => {
    const q = parseOrThrow(tokensQuery, c.req.query(), 'query');
    return c.json({ tokens: await need().tokens.list(actorWith(c, 'read'), q.user_id) });
  });

  app.post('/v1/admin/tokens', limit, async (c) => {
    const body = parseOrThrow(newTokenBody, await jsonBody(c.req), 'token');
    const made = await need().tokens.create(actorWith(c, 'read'), { name: body.name, userId: body.user_id });
    return c.json(made, 201, { 'Cache-Control': 'no-store' });
  });

  app.delete('/v1/admin/tokens/:id', async (c) => c.json({ token: await need().tokens.revoke(actorWith(c, 'read'), c.req.param('id')) }));
}
