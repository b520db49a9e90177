// The accounts module, built once per app from the shared database: better-auth (sign-in,
// sessions), the actor resolver (admin key, API tokens, session cookies), users and tokens.
import type { Digest } from '../../security/digest.ts';
import { AccountsStore } from '../../storage/accounts-store.ts';
import type { Db } from '../../storage/sql-store.ts';
import { ADMIN_KEY_ACTOR, type Actor } from '../access.ts';
import type { AuditLog } from '../audit.ts';
import { ActorResolver } from './actors.ts';
import { createAuth, type Auth } from './auth.ts';
import { secretsEqual } from './secrets.ts';
import { TokenAdmin } from './tokens.ts';
import { UserAdmin } from './users.ts';

/** Where an actor comes from; the admin API's middleware and the studio both ask it. */
export interface ActorSource {
  fromBearer(secret: string): Promise<Actor | null>;
  fromSession(headers: Headers): Promise<Actor | null>;
}

export interface Accounts {
  auth: Auth;
  actors: ActorSource;
  users: UserAdmin;
  tokens: TokenAdmin;
  store: AccountsStore;
}

export interface AccountsSettings {
  db: Db;
  audit: AuditLog;
  digest: Digest;
  clock: () => number;
  secret: string;
  adminKey: string | null;
  publicUrl: string | null;
  trustedOrigins: string[];
}

export function createAccounts(s: AccountsSettings): Accounts {
  const store = new AccountsStore(s.db);
  const auth = createAuth({ db: s.db, secret: s.secret, publicUrl: s.publicUrl, trustedOrigins: s.trustedOrigins, isDisabled: async (id) => (await store.getUser(id))?.disabled ?? true });
  return {
    auth,
    store,
    actors: new ActorResolver(auth, store, s.digest, s.adminKey, s.clock),
    users: new UserAdmin(auth, store, s.audit, s.clock),
    tokens: new TokenAdmin(store, s.audit, s.digest, s.clock),
  };
}

/** Without an accounts database (a worker whose D1 is unusable): only the admin key, if any. */
export function keyOnlyActors(adminKey: string | null, digest: Digest): ActorSource {
  return {
    fromBearer: async (secret) => (adminKey && (await secretsEqual(digest, secret, adminKey)) ? ADMIN_KEY_ACTOR : null),
    fromSession: async () => null,
  };
}
