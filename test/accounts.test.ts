// Accounts through app.request(): sign-in sessions (cookie attributes, CSRF proof), API tokens
// (shown once, hashed at rest, revocable), the admin key as owner, users and roles.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { admin, fixtureApp } from './helpers/app.ts';
import { bearer, browser, createUser, newToken, ORIGIN, PASSWORD, signIn } from './helpers/accounts.ts';

const promo = (id: string) => ({ id, name: 'Evening deal', regions: ['SA-01'], startsLocal: '2026-11-24T17:30', endsLocal: '2026-11-24T20:00', discount: { kind: 'percent', value: 25 }, copy: { en: '{discount} off tonight' } });

let v: NodeVitrine;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vitrine-accounts-'));
  v = await fixtureApp({ db: join(dir, 'v.db') });
  await createUser(v.app, 'ann@example.com', 'admin');
  await createUser(v.app, 'ed@example.com', 'editor');
  await createUser(v.app, 'vi@example.com', 'viewer');
});
afterAll(async () => {
  await v.close();
  rmSync(dir, { recursive: true, force: true });
});
const req = (path: string, init: RequestInit = {}) => v.app.request(`${ORIGIN}${path}`, init);

describe('sign-in sessions', () => {
  it('sets an HttpOnly SameSite=Strict session cookie that authenticates admin calls, and sign-out ends it', async () => {
    const res = await req('/v1/auth/sign-in/email', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: 'ANN@example.com', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^vitrine\.session_token=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;

    const me = await req('/v1/admin/me', { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ label: 'ann@example.com', role: 'admin', via: 'session' });
    const write = await req('/v1/admin/promos', { method: 'POST', headers: browser(cookie), body: JSON.stringify(promo('by-session')) });
    expect(write.status, await write.clone().text()).toBe(201);

    expect((await req('/v1/auth/sign-out', { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN } })).status).toBe(200);
    expect((await req('/v1/admin/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown email alike (401), and offers no self sign-up', async () => {
    const bad = await req('/v1/auth/sign-in/email', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'ann@example.com', password: 'not the password!' }) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const unknown = await req('/v1/auth/sign-in/email', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'nobody@example.com', password: PASSWORD }) });
    expect(unknown.status).toBe(401);
    const signUp = await req('/v1/auth/sign-up/email', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'mallory@example.com', password: PASSWORD, name: 'M' }) });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect((await v.accounts.store.getUserByEmail('mallory@example.com'))).toBeNull();
  });

  it('CSRF: a cookie-authenticated write without a same-origin proof is refused; bearer requests are exempt', async () => {
    const cookie = await signIn(v.app, 'ann@example.com');
    const json = { Cookie: cookie, 'Content-Type': 'application/json' };
    const none = await req('/v1/admin/promos', { method: 'POST', headers: json, body: JSON.stringify(promo('csrf-1')) });
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ error: { code: 'forbidden', field: 'Origin' } });
    const foreign = await req('/v1/admin/promos', { method: 'POST', headers: { ...json, Origin: 'https://evil.example' }, body: JSON.stringify(promo('csrf-2')) });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain('"https://evil.example" is not this app');
    expect(await v.store.getPromo('csrf-1')).toBeNull();
    expect(await v.store.getPromo('csrf-2')).toBeNull();
    // Fetch Metadata from a browser that sends no Origin is proof too; reads need none.
    expect((await req('/v1/admin/promos', { method: 'POST', headers: { ...json, 'Sec-Fetch-Site': 'same-origin' }, body: JSON.stringify(promo('csrf-3')) })).status).toBe(201);
    expect((await req('/v1/admin/promos', { headers: { Cookie: cookie } })).status).toBe(200);
    // Sign-out with the cookie from another site is refused as well.
    expect((await req('/v1/auth/sign-out', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await req('/v1/admin/promos', { method: 'POST', headers: admin, body: JSON.stringify(promo('csrf-4')) })).status).toBe(201);
  });

  it('a disabled user cannot sign in, and their open session stops working at once', async () => {
    const { id } = await createUser(v.app, 'leaver@example.com', 'editor');
    const cookie = await signIn(v.app, 'leaver@example.com');
    const { secret } = await newToken(v.app, browser(cookie));
    const off = await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ disabled: true }) });
    expect(off.status).toBe(200);
    expect((await req('/v1/admin/me', { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await req('/v1/admin/me', { headers: bearer(secret) })).status).toBe(401);
    const again = await req('/v1/auth/sign-in/email', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'leaver@example.com', password: PASSWORD }) });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie') ?? '').not.toMatch(/session_token=[^;]/);
  });
});

describe('API tokens', () => {
  it('are shown once, listed without the secret, act as their user, and answer 401 once revoked', async () => {
    const cookie = await signIn(v.app, 'ed@example.com');
    const made = await req('/v1/admin/tokens', { method: 'POST', headers: browser(cookie), body: JSON.stringify({ name: 'ci pipeline' }) });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const { secret, token } = (await made.json()) as { secret: string; token: { id: string; prefix: string } };
    expect(secret).toMatch(/^vt_[\w-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);

    const list = await req('/v1/admin/tokens', { headers: bearer(secret) });
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(token.id);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(12));

    const me = await req('/v1/admin/me', { headers: bearer(secret) });
    expect(await me.json()).toMatchObject({ label: 'ed@example.com', role: 'editor', via: 'token' });
    // Bearer requests need no Origin: scripts are not browsers.
    const denied = await req('/v1/admin/promos', { method: 'POST', headers: bearer(secret), body: JSON.stringify(promo('by-editor')) });
    expect(denied.status).toBe(403);

    const revoked = await req(`/v1/admin/tokens/${token.id}`, { method: 'DELETE', headers: browser(cookie) });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { token: { revokedAt: string | null } }).token.revokedAt).not.toBeNull();
    const after = await req('/v1/admin/me', { headers: bearer(secret) });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'unauthorized', field: 'Authorization' } });
  });

  it('take the user’s current role: a role change applies to existing tokens at once', async () => {
    const { id } = await createUser(v.app, 'promoted@example.com', 'viewer');
    const { secret } = await newToken(v.app, admin, { name: 'for promoted', user_id: id });
    expect((await req('/v1/admin/promos', { method: 'POST', headers: bearer(secret), body: JSON.stringify(promo('promoted-1')) })).status).toBe(403);
    expect((await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ role: 'admin' }) })).status).toBe(200);
    expect((await req('/v1/admin/promos', { method: 'POST', headers: bearer(secret), body: JSON.stringify(promo('promoted-1')) })).status).toBe(201);
  });

  it('are hashed at rest: the database files never contain a token secret', async () => {
    const { secret } = await newToken(v.app, browser(await signIn(v.app, 'vi@example.com')), { name: 'at rest' });
    expect((await req('/v1/admin/me', { headers: bearer(secret) })).status).toBe(200);
    const files = readdirSync(dir).filter((f) => f.startsWith('v.db'));
    expect(files).toContain('v.db');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    expect(bytes.includes(Buffer.from(createHash('sha256').update(secret).digest('hex')))).toBe(true);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from(secret.slice(10)))).toBe(false);
  });
});

describe('the bootstrap admin key', () => {
  it('still works and acts as owner; a wrong key or a malformed header is 401', async () => {
    const me = await req('/v1/admin/me', { headers: admin });
    expect(await me.json()).toEqual({ id: 'admin-key', label: 'admin-key', role: 'owner', via: 'admin_key' });
    expect((await req('/v1/admin/campaigns', { headers: admin })).status).toBe(200);
    expect((await req('/v1/admin/me', { headers: { Authorization: 'Bearer test-admin-key-0123456788' } })).status).toBe(401);
    expect((await req('/v1/admin/me', { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await req('/v1/admin/me')).status).toBe(401);
  });

  it('cannot create a token for itself (it is no user) but can for a named user', async () => {
    const res = await req('/v1/admin/tokens', { method: 'POST', headers: admin, body: JSON.stringify({ name: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: 'user_id' } });
  });
});

describe('users', () => {
  it('only owners and admins manage users; the 403 names the missing permission', async () => {
    const ed = browser(await signIn(v.app, 'ed@example.com'));
    const res = await req('/v1/admin/users', { headers: ed });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden', details: { missing: 'users.manage', role: 'editor' } } });
    expect((await req('/v1/admin/users', { method: 'POST', headers: ed, body: JSON.stringify({ email: 'x@example.com', role: 'viewer' }) })).status).toBe(403);
    const list = await req('/v1/admin/users', { headers: admin });
    expect(((await list.json()) as { users: Array<{ email: string; role: string }> }).users).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'ann@example.com', role: 'admin' })]));
  });

  it('an invite without a password gets a generated one, shown once, that signs in', async () => {
    const res = await req('/v1/admin/users', { method: 'POST', headers: admin, body: JSON.stringify({ email: 'new@example.com', role: 'approver', name: 'New Person' }) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { user: { role: string; name: string }; password: string };
    expect(body.user).toMatchObject({ role: 'approver', name: 'New Person' });
    expect(body.password.length).toBeGreaterThanOrEqual(20);
    expect(await signIn(v.app, 'new@example.com', body.password)).toMatch(/^vitrine\.session_token=/);
    const listed = await (await req('/v1/admin/users', { headers: admin })).text();
    expect(listed).not.toContain(body.password);
  });

  it('validates the whole body: unknown fields, bad role, short password, taken email', async () => {
    const bad = await req('/v1/admin/users', { method: 'POST', headers: admin, body: JSON.stringify({ email: 'not-an-email', role: 'king', password: 'short', extra: 1 }) });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'password', '(body)']));
    const taken = await req('/v1/admin/users', { method: 'POST', headers: admin, body: JSON.stringify({ email: 'ann@example.com', role: 'viewer' }) });
    expect(taken.status).toBe(409);
  });

  it('an admin cannot grant the owner role; the last owner cannot be demoted or disabled', async () => {
    const ann = browser(await signIn(v.app, 'ann@example.com'));
    const ed = (await v.accounts.store.getUserByEmail('ed@example.com'))!;
    const grant = await req(`/v1/admin/users/${ed.id}`, { method: 'PATCH', headers: ann, body: JSON.stringify({ role: 'owner' }) });
    expect(grant.status).toBe(403);
    const { id } = await createUser(v.app, 'own@example.com', 'owner');
    const own = browser(await signIn(v.app, 'own@example.com'));
    const demote = await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: own, body: JSON.stringify({ role: 'viewer' }) });
    expect(demote.status).toBe(409);
    const disable = await req(`/v1/admin/users/${id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ disabled: true }) });
    expect(disable.status).toBe(409);
  });
});
