// Who may do what on the admin API and the studio. Roles grant permissions; routes ask for a
// permission, never for a role, so a 403 can name exactly what is missing.
import { VitrineError } from '../domain/errors.ts';

export const ROLES = ['owner', 'admin', 'approver', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read', // see campaigns, catalog, reports, audit
  'campaign.edit', // create and change drafts (campaigns, variants)
  'campaign.submit', // send a draft to review
  'campaign.approve', // approve or reject a version in review (never one's own)
  'campaign.operate', // pause, resume, archive
  'catalog.write', // feeds, stock, promos, regions, rates
  'brand.write', // brand kits and their assets
  'placement.write',
  'users.manage', // invite, change roles, revoke tokens
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EDITOR: Permission[] = ['read', 'campaign.edit', 'campaign.submit', 'brand.write'];
const GRANTS: ReadonlyMap<Role, ReadonlySet<Permission>> = new Map<Role, ReadonlySet<Permission>>([
  ['owner', new Set(PERMISSIONS)],
  ['admin', new Set(PERMISSIONS)],
  ['approver', new Set<Permission>([...EDITOR, 'campaign.approve', 'campaign.operate'])],
  ['editor', new Set<Permission>(EDITOR)],
  ['viewer', new Set<Permission>(['read'])],
]);

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function can(role: Role, perm: Permission): boolean {
  return GRANTS.get(role)?.has(perm) ?? false;
}

/** Who is acting: a signed-in person, a per-user API token, the bootstrap admin key, or the system (seed, cron). */
export interface Actor {
  id: string;
  /** Shown in the audit trail and version history (an email, `admin-key`, `system`). */
  label: string;
  role: Role;
  via: 'session' | 'token' | 'admin_key' | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: 'system', label: 'system', role: 'owner', via: 'system' };
export const ADMIN_KEY_ACTOR: Actor = { id: 'admin-key', label: 'admin-key', role: 'owner', via: 'admin_key' };

/** Throws 403 naming the missing permission. */
export function requireCan(actor: Actor, perm: Permission): void {
  if (!can(actor.role, perm)) {
    throw new VitrineError('forbidden', `permission "${perm}" is required (role ${actor.role} does not have it)`, 'permission', undefined, { missing: perm, role: actor.role });
  }
}
