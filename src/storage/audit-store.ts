// The AuditLog port over drizzle (better-sqlite3 or D1). Append-only by construction: this module
// only inserts and selects, and the database refuses UPDATE/DELETE on the table (triggers).
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Actor, Role } from '../services/access.ts';
import type { AuditEntry, AuditFilter, AuditInput, AuditLog } from '../services/audit.ts';
import { auditLog } from './schema-audit.ts';
import type { Db } from './sql-store.ts';

export const AUDIT_PAGE_MAX = 500;
export const AUDIT_PAGE_DEFAULT = 50;

type Row = typeof auditLog.$inferSelect;

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const unjson = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function toEntry(r: Row): AuditEntry {
  const actor: Actor = { id: r.actorId, label: r.actorLabel, role: r.actorRole as Role, via: r.actorVia as Actor['via'] };
  return {
    id: r.id,
    at: r.at,
    actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: unjson(r.before),
    after: unjson(r.after),
    ...(r.note !== null ? { note: r.note } : {}),
  };
}

export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
  ) {}

  async record(e: AuditInput): Promise<AuditEntry> {
    const at = new Date(this.clock()).toISOString();
    const [row] = await this.db
      .insert(auditLog)
      .values({
        at,
        actorId: e.actor.id,
        actorLabel: e.actor.label,
        actorRole: e.actor.role,
        actorVia: e.actor.via,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        before: json(e.before),
        after: json(e.after),
        note: e.note ?? null,
      })
      .returning();
    return toEntry(row!);
  }

  async list(f: AuditFilter): Promise<AuditEntry[]> {
    const where: SQL[] = [];
    if (f.actorId !== undefined) where.push(eq(auditLog.actorId, f.actorId));
    if (f.entity !== undefined) where.push(eq(auditLog.entity, f.entity));
    if (f.entityId !== undefined) where.push(eq(auditLog.entityId, f.entityId));
    if (f.action !== undefined) where.push(eq(auditLog.action, f.action));
    if (f.since !== undefined) where.push(gte(auditLog.at, f.since));
    if (f.until !== undefined) where.push(lte(auditLog.at, f.until));
    if (f.before !== undefined) where.push(lt(auditLog.id, f.before));
    const limit = Math.min(Math.max(1, f.limit ?? AUDIT_PAGE_DEFAULT), AUDIT_PAGE_MAX);
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return rows.map(toEntry);
  }
}
