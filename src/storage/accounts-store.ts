// Reads and writes on the accounts tables that better-auth does not own: the user list and its
// roles/disabled flag (an operator's decisions), sessions to end on disable, and API tokens.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Role } from '../services/access.ts';
import { apiTokens, sessions, users } from './schema-accounts.ts';
import type { Db } from './sql-store.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type UserRow = typeof users.$inferSelect;
const toUser = (r: UserRow): UserRecord => ({ id: r.id, email: r.email, name: r.name, role: r.role as Role, disabled: r.disabled, createdAt: r.createdAt.toISOString() });
const tokenColumns = { id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt };

export class AccountsStore {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(users);
    return r?.n ?? 0;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.select().from(users).orderBy(asc(users.createdAt), asc(users.email))).map(toUser);
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const [r] = await this.db.select().from(users).where(eq(users.id, id));
    return r ? toUser(r) : null;
  }

  async getUserByEmail(email: string): Promise<UserRecord | null> {
    const [r] = await this.db.select().from(users).where(eq(users.email, email));
    return r ? toUser(r) : null;
  }

  async updateUser(id: string, patch: { role?: Role; disabled?: boolean }, at: Date): Promise<UserRecord | null> {
    const [r] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: at })
      .where(eq(users.id, id))
      .returning();
    return r ? toUser(r) : null;
  }

  /** Signs the user out everywhere. */
  async endSessions(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  async insertToken(t: { id: string; userId: string; name: string; prefix: string; hash: string; createdAt: string }): Promise<TokenRecord> {
    await this.db.insert(apiTokens).values(t);
    return { id: t.id, userId: t.userId, name: t.name, prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: null, revokedAt: null };
  }

  async listTokens(userId?: string): Promise<TokenRecord[]> {
    return this.db
      .select(tokenColumns)
      .from(apiTokens)
      .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
      .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  }

  async getToken(id: string): Promise<TokenRecord | null> {
    const [r] = await this.db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.id, id));
    return r ?? null;
  }

  /** The live token with this hash and its user (revoked tokens are not found). */
  async tokenByHash(hash: string): Promise<{ token: TokenRecord; user: UserRecord } | null> {
    const [r] = await this.db
      .select({ token: tokenColumns, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.hash, hash), isNull(apiTokens.revokedAt)));
    return r ? { token: r.token, user: toUser(r.user) } : null;
  }

  async revokeToken(id: string, at: string): Promise<TokenRecord | null> {
    const [r] = await this.db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning(tokenColumns);
    return r ?? null;
  }

  async revokeUserTokens(userId: string, at: string): Promise<number> {
    const r = await this.db.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
    return r.length;
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
  }
}
