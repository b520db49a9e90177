// People on the admin API and the studio: create (with a role and a password shown once), change a
// role, disable and enable. Owners and admins manage users; only an owner grants or removes the
// owner role, and the last enabled owner can be neither demoted nor disabled. Every change is audited.
import { VitrineError } from '../../domain/errors.ts';
import type { AccountsStore, UserRecord } from '../../storage/accounts-store.ts';
import { requireCan, type Actor, type Role } from '../access.ts';
import type { AuditLog } from '../audit.ts';
import type { Auth } from './auth.ts';
import { newPassword } from './secrets.ts';

export interface NewUser {
  email: string;
  name?: string | undefined;
  role: Role;
  /** Absent: one is generated and returned once. */
  password?: string | undefined;
}

export class UserAdmin {
  constructor(
    private readonly auth: Auth,
    private readonly store: AccountsStore,
    private readonly audit: AuditLog,
    private readonly clock: () => number,
  ) {}

  list(actor: Actor): Promise<UserRecord[]> {
    requireCan(actor, 'users.manage');
    return this.store.listUsers();
  }

  async get(actor: Actor, id: string): Promise<UserRecord> {
    requireCan(actor, 'users.manage');
    return this.must(id);
  }

  /** Creates a user who signs in with email + password. Returns the password only when generated. */
  async create(actor: Actor, input: NewUser): Promise<{ user: UserRecord; password?: string }> {
    requireCan(actor, 'users.manage');
    if (input.role === 'owner') this.requireOwner(actor, 'grant the owner role');
    const { user, password } = await this.insert(input);
    await this.audit.record({ actor, action: 'user.create', entity: 'user', entityId: user.id, before: null, after: user });
    return input.password ? { user } : { user, password };
  }

  /** The first owner on an empty database (no actor exists yet, so the system records it). */
  async bootstrapOwner(system: Actor, email: string, password?: string): Promise<{ user: UserRecord; password: string } | null> {
    if ((await this.store.countUsers()) > 0) return null;
    const made = await this.insert({ email, name: 'Owner', role: 'owner', password });
    await this.audit.record({ actor: system, action: 'user.create', entity: 'user', entityId: made.user.id, before: null, after: made.user, note: 'bootstrap owner' });
    return made;
  }

  async setRole(actor: Actor, id: string, role: Role): Promise<UserRecord> {
    requireCan(actor, 'users.manage');
    const before = await this.must(id);
    if (before.role === role) return before;
    if (role === 'owner' || before.role === 'owner') this.requireOwner(actor, before.role === 'owner' ? 'change an owner’s role' : 'grant the owner role');
    if (before.role === 'owner') await this.keepAnOwner(before);
    const after = (await this.store.updateUser(id, { role }, new Date(this.clock())))!;
    await this.audit.record({ actor, action: 'user.role', entity: 'user', entityId: id, before, after });
    return after;
  }

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<UserRecord> {
    requireCan(actor, 'users.manage');
    const before = await this.must(id);
    if (before.disabled === disabled) return before;
    if (before.role === 'owner') this.requireOwner(actor, `${disabled ? 'disable' : 'enable'} an owner`);
    if (disabled && before.role === 'owner') await this.keepAnOwner(before);
    if (disabled && actor.id === id) throw new VitrineError('conflict', 'disabled: you cannot disable your own account', 'disabled');
    const after = (await this.store.updateUser(id, { disabled }, new Date(this.clock())))!;
    // Signed out everywhere at once; tokens stop working because the user is disabled.
    if (disabled) await this.store.endSessions(id);
    await this.audit.record({ actor, action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: id, before, after });
    return after;
  }

  private async insert(input: NewUser): Promise<{ user: UserRecord; password: string }> {
    const email = input.email.trim().toLowerCase();
    if (await this.store.getUserByEmail(email)) throw new VitrineError('conflict', `email: a user with email "${email}" already exists`, 'email');
    const password = input.password ?? newPassword();
    const ctx = await this.auth.$context;
    const hash = await ctx.password.hash(password);
    const created = await ctx.internalAdapter.createUser({ email, name: input.name?.trim() || email, emailVerified: true, role: input.role, disabled: false }, { method: 'admin' });
    await ctx.internalAdapter.linkAccount({ userId: created.id, providerId: 'credential', accountId: created.id, password: hash });
    return { user: (await this.store.getUser(created.id))!, password };
  }

  private async must(id: string): Promise<UserRecord> {
    const u = await this.store.getUser(id);
    if (!u) throw new VitrineError('not_found', `user: unknown user "${id}"`, 'id');
    return u;
  }

  private requireOwner(actor: Actor, what: string): void {
    if (actor.role !== 'owner') throw new VitrineError('forbidden', `role: only an owner may ${what}`, 'role', undefined, { missing: 'owner', role: actor.role });
  }

  private async keepAnOwner(leaving: UserRecord): Promise<void> {
    const owners = (await this.store.listUsers()).filter((u) => u.role === 'owner' && !u.disabled && u.id !== leaving.id);
    if (owners.length === 0) throw new VitrineError('conflict', `role: ${leaving.email} is the last enabled owner; make someone else owner first`, 'role');
  }
}
