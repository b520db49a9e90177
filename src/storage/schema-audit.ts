// The audit trail: one row per write, append-only (the migration's triggers refuse UPDATE and
// DELETE on both SQLite and D1). before/after are JSON text; bulk writes store a summary.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    actorRole: text('actor_role').notNull(),
    actorVia: text('actor_via').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    note: text('note'),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId, t.id), index('audit_actor').on(t.actorId, t.id), index('audit_at').on(t.at)],
);
