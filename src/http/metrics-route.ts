// GET /metrics (Prometheus text) and GET /v1/admin/events/dead-letters: how event recording is
// doing. Both need an actor with `read` (or the admin bearer key): volumes are merchant data.
import type { Hono } from 'hono';
import { VitrineError } from '../domain/errors.ts';
import type { EventBuffer } from '../services/events.ts';
import type { Store } from '../storage/port.ts';
import { internalReader } from './internal-access.ts';

export interface MetricsDeps {
  events: EventBuffer;
  store: Pick<Store, 'listDeadLetters' | 'countDeadLetters'>;
  adminKey: string | null;
}

const deny = () => new VitrineError('unauthorized', 'Authorization: an admin bearer key or a user with the read permission is required', 'Authorization');

export function mountMetrics(app: Hono, deps: MetricsDeps): void {
  app.get('/metrics', async (c) => {
    if (!(await internalReader(c, deps.adminKey))) throw deny();
    const dead = await deps.store.countDeadLetters().catch(() => null);
    const extra = [
      '# HELP vitrine_events_pending Events waiting for their batch.',
      '# TYPE vitrine_events_pending gauge',
      `vitrine_events_pending ${deps.events.size}`,
      ...(dead === null ? [] : ['# HELP vitrine_event_dead_letters Rows in event_dead_letters.', '# TYPE vitrine_event_dead_letters gauge', `vitrine_event_dead_letters ${dead}`]),
    ];
    return c.body(deps.events.metrics.text() + extra.join('\n') + '\n', 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
  });

  app.get('/v1/admin/events/dead-letters', async (c) => {
    if (!(await internalReader(c, deps.adminKey))) throw deny();
    const raw = c.req.query('limit') ?? '100';
    if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) throw new VitrineError('bad_request', 'limit: expected an integer 1..1000', 'limit');
    const [rows, total] = await Promise.all([deps.store.listDeadLetters(Number(raw)), deps.store.countDeadLetters()]);
    return c.json({ total, dead_letters: rows });
  });
}
