// The audit trail's port: every write (campaigns, variants, placements, brand kits, promos, stock,
// feeds, users, approvals) appends who, when, what and the before/after. Append-only: entries are
// never updated or deleted. The store behind it is built by the accounts work; writers only call record().
import type { Actor } from './access.ts';

export interface AuditInput {
  actor: Actor;
  /** Verb, e.g. `campaign.create`, `campaign.approve`, `promo.update`, `stock.bulk`, `user.role`. */
  action: string;
  /** Resource kind, e.g. `campaign`, `variant`, `placement`, `brand_kit`, `promo`, `stock`, `feed`, `user`. */
  entity: string;
  entityId: string;
  before: unknown | null;
  after: unknown | null;
  /** A comment (approval, rejection, submit note) or a summary of a bulk write. */
  note?: string;
}

export interface AuditEntry extends AuditInput {
  id: number;
  /** ISO instant. */
  at: string;
}

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
  /** Entries with id < before (paging backwards, newest first). */
  before?: number;
}

export interface AuditLog {
  record(entry: AuditInput): Promise<AuditEntry>;
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}
