// Signing people in through the real routes, for the accounts, audit and OpenAPI tests.
import type { Hono } from 'hono';
import type { Role } from '../../src/services/access.ts';
import { admin } from './app.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery staple';

export async function createUser(app: Hono, email: string, role: Role, headers: Record<string, string> = admin): Promise<{ id: string }> {
  const res = await app.request(`${ORIGIN}/v1/admin/users`, { method: 'POST', headers, body: JSON.stringify({ email, role, password: PASSWORD }) });
  if (res.status !== 201) throw new Error(`create ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { user: { id: string } }).user;
}

/** Signs in and returns the `name=value` of the session cookie. */
export async function signIn(app: Hono, email: string, password = PASSWORD): Promise<string> {
  const res = await app.request(`${ORIGIN}/v1/auth/sign-in/email`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign in ${email}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Headers of a signed-in browser on the app's own page. */
export const browser = (cookie: string): Record<string, string> => ({ Cookie: cookie, Origin: ORIGIN, 'Content-Type': 'application/json' });

export async function newToken(app: Hono, headers: Record<string, string>, body: Record<string, unknown> = { name: 'ci' }): Promise<{ secret: string; token: { id: string } }> {
  const res = await app.request(`${ORIGIN}/v1/admin/tokens`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { secret: string; token: { id: string } };
}

export const bearer = (secret: string): Record<string, string> => ({ Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' });
