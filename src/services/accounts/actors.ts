// Who is acting, from what a request carries: the bootstrap admin key (acts as owner), a user's
// API token, or a better-auth session cookie. The admin API and the studio both resolve through here.
import { ADMIN_KEY_ACTOR, isRole, type Actor } from '../access.ts';
import type { Digest } from '../../security/digest.ts';
import type { AccountsStore, UserRecord } from '../../storage/accounts-store.ts';
import type { Auth } from './auth.ts';
import { secretsEqual, sha256Hex, TOKEN_PREFIX } from './secrets.ts';

/** A token's last use is written at most this often (a read path should not write on every call). */
const TOUCH_MS = 60_000;

export class ActorResolver {
  constructor(
    private readonly auth: Auth,
    private readonly store: AccountsStore,
    private readonly digest: Digest,
    private readonly adminKey: string | null,
    private readonly clock: () => number,
  ) {}

  /** The actor for a bearer secret, or null when it is neither the admin key nor a live token of an enabled user. */
  async fromBearer(secret: string): Promise<Actor | null> {
    if (this.adminKey && (await secretsEqual(this.digest, secret, this.adminKey))) return ADMIN_KEY_ACTOR;
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const found = await this.store.tokenByHash(await sha256Hex(this.digest, secret));
    if (!found || found.user.disabled || !isRole(found.user.role)) return null;
    const now = this.clock();
    if (!found.token.lastUsedAt || now - Date.parse(found.token.lastUsedAt) > TOUCH_MS) await this.store.touchToken(found.token.id, new Date(now).toISOString());
    return userActor(found.user, 'token');
  }

  /** The actor for a session cookie in these headers, or null (no cookie, expired, disabled user). */
  async fromSession(headers: Headers): Promise<Actor | null> {
    if (!headers.get('cookie')) return null;
    const s = await this.auth.api.getSession({ headers, query: { disableRefresh: true } });
    if (!s) return null;
    const u = s.user as typeof s.user & { role?: unknown; disabled?: unknown };
    if (u.disabled === true || !isRole(u.role)) return null;
    return { id: u.id, label: u.email, role: u.role, via: 'session' };
  }
}

export function userActor(u: UserRecord, via: Actor['via']): Actor {
  return { id: u.id, label: u.email, role: u.role, via };
}
