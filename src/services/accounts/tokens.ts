// Per-user API tokens for machines: created for the acting user (or, by a user manager, for
// someone else), shown once, kept only as a SHA-256 hash, listed without the secret, revocable.
// A token acts with its user's current role; a disabled user's tokens stop working.
import { VitrineError } from '../../domain/errors.ts';
import type { Digest } from '../../security/digest.ts';
import type { AccountsStore, TokenRecord } from '../../storage/accounts-store.ts';
import { requireCan, type Actor } from '../access.ts';
import type { AuditLog } from '../audit.ts';
import { newApiToken, randomSecret, sha256Hex } from './secrets.ts';

/** Live and revoked tokens one user may hold. */
export const MAX_TOKENS_PER_USER = 50;

export class TokenAdmin {
  constructor(
    private readonly store: AccountsStore,
    private readonly audit: AuditLog,
    private readonly digest: Digest,
    private readonly clock: () => number,
  ) {}

  /** Creates a token; the returned `secret` is the only time it is ever shown. */
  async create(actor: Actor, input: { name: string; userId?: string | undefined }): Promise<{ token: TokenRecord; secret: string }> {
    const userId = await this.owner(actor, input.userId);
    if ((await this.store.listTokens(userId)).length >= MAX_TOKENS_PER_USER) throw new VitrineError('conflict', `tokens: a user holds at most ${MAX_TOKENS_PER_USER} tokens; revoke unused ones`, 'name');
    const secret = newApiToken();
    const token = await this.store.insertToken({
      id: `tok_${randomSecret(9)}`,
      userId,
      name: input.name,
      prefix: secret.slice(0, 10),
      hash: await sha256Hex(this.digest, secret),
      createdAt: new Date(this.clock()).toISOString(),
    });
    await this.audit.record({ actor, action: 'token.create', entity: 'token', entityId: token.id, before: null, after: token });
    return { token, secret };
  }

  /** The actor's own tokens; a user manager may list anyone's (or everyone's, with no user). */
  async list(actor: Actor, userId?: string): Promise<TokenRecord[]> {
    if (userId !== undefined && userId !== actor.id) requireCan(actor, 'users.manage');
    if (userId === undefined && !isUser(actor)) {
      requireCan(actor, 'users.manage');
      return this.store.listTokens();
    }
    return this.store.listTokens(userId ?? actor.id);
  }

  async revoke(actor: Actor, id: string): Promise<TokenRecord> {
    const before = await this.store.getToken(id);
    if (!before) throw new VitrineError('not_found', `token: unknown token "${id}"`, 'id');
    if (before.userId !== actor.id) requireCan(actor, 'users.manage');
    if (before.revokedAt) return before;
    const after = (await this.store.revokeToken(id, new Date(this.clock()).toISOString())) ?? before;
    await this.audit.record({ actor, action: 'token.revoke', entity: 'token', entityId: id, before, after });
    return after;
  }

  /** Whose token: the actor's own, or (with users.manage) the named user's. The admin key is no user and must name one. */
  private async owner(actor: Actor, userId: string | undefined): Promise<string> {
    if (userId === undefined || userId === actor.id) {
      if (!isUser(actor)) throw new VitrineError('bad_request', 'user_id: the admin key is not a user; name the user the token is for', 'user_id');
      return actor.id;
    }
    requireCan(actor, 'users.manage');
    const u = await this.store.getUser(userId);
    if (!u) throw new VitrineError('bad_request', `user_id: unknown user "${userId}"`, 'user_id');
    if (u.disabled) throw new VitrineError('conflict', `user_id: user "${u.email}" is disabled`, 'user_id');
    return userId;
  }
}

const isUser = (a: Actor) => a.via === 'session' || a.via === 'token';
