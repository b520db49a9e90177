// GET /v1/admin/audit: the append-only audit trail, newest first; filters by actor, entity,
// entity id, action and time; pages backwards with `before` (the previous page's next_before).
import type { Hono } from 'hono';
import type { AuditLog } from '../services/audit.ts';
import { parseOrThrow } from '../services/validation.ts';
import { AUDIT_PAGE_DEFAULT } from '../storage/audit-store.ts';
import { actorWith } from './actor.ts';
import { auditQuery } from './openapi/specs-accounts.ts';

export function mountAudit(app: Hono, audit: AuditLog): void {
  app.get('/v1/admin/audit', async (c) => {
    actorWith(c, 'read');
    const q = parseOrThrow(auditQuery, c.req.query(), 'query');
    const limit = q.limit ?? AUDIT_PAGE_DEFAULT;
    const entries = await audit.list({
      ...(q.actor !== undefined ? { actorId: q.actor } : {}),
      ...(q.entity !== undefined ? { entity: q.entity } : {}),
      ...(q.entity_id !== undefined ? { entityId: q.entity_id } : {}),
      ...(q.action !== undefined ? { action: q.action } : {}),
      ...(q.since !== undefined ? { since: new Date(q.since).toISOString() } : {}),
      ...(q.until !== undefined ? { until: new Date(q.until).toISOString() } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
      limit,
    });
    return c.json({ entries, next_before: entries.length === limit ? entries[entries.length - 1]!.id : null });
  });
}
