// Schemas of the accounts routes: sign-in (better-auth), users, API tokens, the audit trail.
// The routes validate with these same schemas.
import { z } from 'zod';
import { ROLES } from '../../services/access.ts';
import { AUDIT_PAGE_MAX } from '../../storage/audit-store.ts';
import { MAX_PASSWORD, MIN_PASSWORD } from '../../services/accounts/auth.ts';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

export const ACCOUNTS_BODY_LIMIT = 16 * 1024;

const role = z.enum(ROLES);
const email = z.email({ message: 'expected an email address' }).max(254);
const password = z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(MAX_PASSWORD, `at most ${MAX_PASSWORD} characters`);

export const user = z.object({ id: z.string(), email: z.string(), name: z.string(), role, disabled: z.boolean(), createdAt: z.string() });
export const newUserBody = z.strictObject({ email, name: z.string().trim().min(1).max(200).optional(), role, password: password.optional() });
export const userPatchBody = z.strictObject({ role: role.optional(), disabled: z.boolean().optional() }).refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'give role and/or disabled', path: ['role'] });
export const token = z.object({ id: z.string(), userId: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
export const newTokenBody = z.strictObject({ name: z.string().trim().min(1, 'required').max(100), user_id: z.string().min(1).optional() });
export const tokensQuery = z.strictObject({ user_id: z.string().min(1).optional() });
const idParam = z.object({ id: z.string() });

const iso = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' });
export const auditQuery = z.strictObject({
  actor: z.string().min(1).optional().describe('actor id (a user id, `admin-key` or `system`)'),
  entity: z.string().min(1).optional().describe('campaign, variant, placement, brand_kit, promo, stock, feed, store, user, token …'),
  entity_id: z.string().min(1).optional(),
  action: z.string().min(1).optional().describe('e.g. promo.update, user.role'),
  since: iso.optional(),
  until: iso.optional(),
  limit: z.coerce.number().int('expected an integer').min(1).max(AUDIT_PAGE_MAX).optional(),
  before: z.coerce.number().int('expected an integer').min(1).optional().describe('entries with id below this (the previous page’s next_before)'),
});
const actor = z.object({ id: z.string(), label: z.string(), role, via: z.enum(['session', 'token', 'admin_key', 'system']) });
export const auditEntry = z.object({ id: z.number().int(), at: z.string(), actor, action: z.string(), entity: z.string(), entityId: z.string(), before: z.unknown(), after: z.unknown(), note: z.string().optional() });

const signIn = z.object({ email, password: z.string(), rememberMe: z.boolean().optional() });
const session = z.object({ session: z.object({ id: z.string(), userId: z.string(), expiresAt: z.string() }).passthrough(), user: z.object({ id: z.string(), email: z.string(), name: z.string(), role, disabled: z.boolean() }).passthrough() }).nullable();

const admin = { tag: 'Users and tokens', auth: 'admin' as const };
const json = (schema: z.ZodType) => ({ type: 'application/json', schema, limit: ACCOUNTS_BODY_LIMIT });

defineRoutes([
  { method: 'post', path: '/v1/auth/sign-in/email', tag: 'Sign-in', auth: 'none', summary: 'Sign in with email and password; sets the HttpOnly, SameSite=Strict session cookie', body: json(signIn), responses: { 200: { description: 'signed in (Set-Cookie)' }, 401: { description: 'wrong email or password', schema: z.object({ message: z.string() }).passthrough() }, 403: { description: 'the account is disabled, or the Origin is not trusted' } } },
  { method: 'post', path: '/v1/auth/sign-out', tag: 'Sign-in', auth: 'session', summary: 'End the session and clear the cookie (same-origin requests only)', responses: { 200: { description: 'signed out' } } },
  { method: 'get', path: '/v1/auth/get-session', tag: 'Sign-in', auth: 'session', summary: 'The signed-in user and session, or null', responses: { 200: { description: 'session or null', schema: session } } },

  { ...admin, method: 'get', path: '/v1/admin/me', permission: 'read', summary: 'Who is acting: the actor this request resolved to', responses: { 200: { description: 'the actor', schema: actor } } },
  { ...admin, method: 'get', path: '/v1/admin/users', permission: 'users.manage', summary: 'List users', responses: { 200: { description: 'users', schema: z.object({ users: z.array(user) }) }, 403: errorBody('missing users.manage') } },
  { ...admin, method: 'post', path: '/v1/admin/users', permission: 'users.manage', summary: 'Create (invite) a user with a role; a generated password is returned once', body: json(newUserBody), responses: { 201: { description: 'created', schema: z.object({ user, password: z.string().optional().describe('only when generated; shown once') }) }, 400: errorBody('invalid field(s)'), 409: errorBody('email taken') } },
  { ...admin, method: 'get', path: '/v1/admin/users/:id', permission: 'users.manage', summary: 'One user', params: idParam, responses: { 200: { description: 'the user', schema: user }, 404: errorBody('unknown user') } },
  { ...admin, method: 'patch', path: '/v1/admin/users/:id', permission: 'users.manage', summary: 'Change a user’s role and/or disable or enable them (disabling ends their sessions)', params: idParam, body: json(userPatchBody), responses: { 200: { description: 'the user after', schema: user }, 409: errorBody('the last owner') } },
  { ...admin, method: 'get', path: '/v1/admin/tokens', permission: 'read', summary: 'API tokens (never their secrets): one’s own, or a user’s with users.manage', query: tokensQuery, responses: { 200: { description: 'tokens', schema: z.object({ tokens: z.array(token) }) } } },
  { ...admin, method: 'post', path: '/v1/admin/tokens', permission: 'read', summary: 'Create an API token for oneself (or, with users.manage, for user_id); the secret is shown once', body: json(newTokenBody), responses: { 201: { description: 'created', schema: z.object({ token, secret: z.string().describe('Bearer secret; shown only now') }) } } },
  { ...admin, method: 'delete', path: '/v1/admin/tokens/:id', permission: 'read', summary: 'Revoke an API token (one’s own, or any with users.manage)', params: idParam, responses: { 200: { description: 'revoked', schema: z.object({ token }) }, 404: errorBody('unknown token') } },
  { method: 'get', path: '/v1/admin/audit', tag: 'Audit', auth: 'admin', permission: 'read', summary: 'The audit trail, newest first, filtered and paged', query: auditQuery, responses: { 200: { description: 'entries', schema: z.object({ entries: z.array(auditEntry), next_before: z.number().int().nullable() }) }, 400: errorBody('bad filter') } },
]);
