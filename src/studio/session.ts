// The studio's sign-in session: a sealed, expiring cookie (HttpOnly, SameSite=Strict, Secure on
// https) naming the actor. Until the accounts work (better-auth, email + password) is merged, the
// one way in is the bootstrap admin key, which acts as the owner — as it does on /v1/admin.
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { ADMIN_KEY_ACTOR, isRole, type Actor } from '../services/access.ts';
import type { Sealer } from '../security/sealed.ts';
import type { KeyCompare } from '../security/compare.ts';
import { isStudioLang, type StudioLang } from './i18n.ts';

export const SESSION_COOKIE = 'vitrine_studio';
export const LANG_COOKIE = 'vitrine_lang';
const SESSION_HOURS = 12;

/** The actor a sign-in form names, or null (wrong or missing key); compared through the runtime's constant-time port. */
export async function actorForKey(key: string, adminKey: string | null, compare: KeyCompare): Promise<Actor | null> {
  return adminKey && key && (await compare(key, adminKey)) ? ADMIN_KEY_ACTOR : null;
}

export async function startSession(c: Context, sealer: Sealer, actor: Actor, now: number): Promise<void> {
  const value = await sealer.seal('studio-session', { id: actor.id, label: actor.label, role: actor.role, via: actor.via }, now + SESSION_HOURS * 3600_000);
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path: '/studio', secure: new URL(c.req.url).protocol === 'https:', maxAge: SESSION_HOURS * 3600 });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/studio' });
}

export async function sessionActor(c: Context, sealer: Sealer, now: number): Promise<Actor | null> {
  const raw = getCookie(c, SESSION_COOKIE);
  if (!raw) return null;
  const r = await sealer.open<{ id?: unknown; label?: unknown; role?: unknown; via?: unknown }>('studio-session', raw, now);
  if (!r.ok) return null;
  const p = r.payload;
  if (typeof p.id !== 'string' || typeof p.label !== 'string' || !isRole(p.role)) return null;
  const via = p.via === 'session' || p.via === 'token' || p.via === 'admin_key' ? p.via : 'session';
  return { id: p.id, label: p.label, role: p.role, via };
}

/** `?lang=` wins, then the cookie, then Accept-Language, then English. */
export function langOf(c: Context): StudioLang {
  const q = c.req.query('lang');
  if (isStudioLang(q)) return q;
  const cookie = getCookie(c, LANG_COOKIE);
  if (isStudioLang(cookie)) return cookie;
  return /^\s*ar\b/i.test(c.req.header('Accept-Language') ?? '') ? 'ar' : 'en';
}

export function setLang(c: Context, lang: StudioLang): void {
  setCookie(c, LANG_COOKIE, lang, { sameSite: 'Lax', path: '/studio', maxAge: 365 * 86400 });
}

/** Only a path inside the studio may be returned to (no open redirect). */
export function safeBack(raw: string | undefined): string {
  return raw && /^\/studio(\/|\?|$)/.test(raw) && !raw.startsWith('//') ? raw : '/studio/campaigns';
}
