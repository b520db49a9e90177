// better-auth, configured once for both runtimes: email + password only (no self sign-up: an owner
// or admin creates people), sessions in an HttpOnly SameSite=Strict cookie, the drizzle adapter
// over the same database as everything else (better-sqlite3 on Node, D1 on Workers).
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { betterAuth } from 'better-auth/minimal';
import { authAccounts, sessions, users, verifications } from '../../storage/schema-accounts.ts';
import type { Db } from '../../storage/sql-store.ts';

export const AUTH_BASE_PATH = '/v1/auth';
export const SESSION_DAYS = 7;
export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 128;

export interface AuthSettings {
  db: Db;
  /** The app's secret; better-auth signs its cookies with a key derived from it. */
  secret: string;
  /** Absolute origin the app is served from, when known (config publicUrl). */
  publicUrl: string | null;
  /** Further origins the studio may be served from (VITRINE_TRUSTED_ORIGINS). */
  trustedOrigins: string[];
  /** Whether the disabled flag blocks this user (read fresh at sign-in). */
  isDisabled(userId: string): Promise<boolean>;
}

export function createAuth(s: AuthSettings) {
  const secure = s.publicUrl?.startsWith('https://') ?? false;
  return betterAuth({
    appName: 'Vitrine',
    basePath: AUTH_BASE_PATH,
    ...(s.publicUrl ? { baseURL: s.publicUrl } : {}),
    // Distinct from the link-signing key, though derived from the same configured secret.
    secret: `vitrine-auth:${s.secret}`,
    // The request's own origin is trusted (same-origin studio); others only when configured.
    trustedOrigins: (req) => [...s.trustedOrigins, ...(req ? [new URL(req.url).origin] : [])],
    database: drizzleAdapter(s.db, { provider: 'sqlite', schema: { user: users, session: sessions, account: authAccounts, verification: verifications } }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD, maxPasswordLength: MAX_PASSWORD },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400 },
    advanced: {
      cookiePrefix: 'vitrine',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
    },
    telemetry: { enabled: false },
    // Without a configured public URL the origin comes from each request (documented); no warning per start.
    logger: { level: 'error' },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            if (await s.isDisabled(session.userId)) throw new APIError('FORBIDDEN', { message: 'this account is disabled' });
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
