// Event counters for /metrics (Prometheus text). Labels are event types from the allow-list and a
// fixed set of dead-letter reasons, so no request can mint a label.
import { EVENT_TYPES } from './event-validation.ts';

export type DeadReason = 'invalid' | 'store_refused';

export class EventMetrics {
  private readonly acceptedByType = new Map<string, number>();
  private readonly storedByType = new Map<string, number>();
  private readonly dead = new Map<DeadReason, number>([
    ['invalid', 0],
    ['store_refused', 0],
  ]);
  private failures = 0;
  private batches = 0;
  private batchEvents = 0;
  private commitSeconds = 0;

  private bump(m: Map<string, number>, type: unknown): void {
    const k = typeof type === 'string' && EVENT_TYPES.has(type) ? type : 'invalid';
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  accepted(type: unknown): void {
    this.bump(this.acceptedByType, type);
  }
  stored(type: unknown): void {
    this.bump(this.storedByType, type);
  }
  deadLettered(reason: DeadReason): void {
    this.dead.set(reason, (this.dead.get(reason) ?? 0) + 1);
  }
  failed(): void {
    this.failures++;
  }
  batch(events: number, seconds: number): void {
    this.batches++;
    this.batchEvents += events;
    this.commitSeconds += seconds;
  }

  snapshot(): { accepted: Map<string, number>; stored: Map<string, number>; deadLettered: Map<DeadReason, number>; failed: number; batches: number; batchEvents: number; commitSeconds: number } {
    return { accepted: new Map(this.acceptedByType), stored: new Map(this.storedByType), deadLettered: new Map(this.dead), failed: this.failures, batches: this.batches, batchEvents: this.batchEvents, commitSeconds: this.commitSeconds };
  }

  /** Prometheus text exposition format. */
  text(): string {
    const s = this.snapshot();
    const lines: string[] = [];
    const family = (name: string, help: string, type: 'counter' | 'gauge', rows: Array<[string, number]>) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of rows) lines.push(`${name}${labels} ${v}`);
    };
    family('vitrine_events_accepted_total', 'Events handed to the writer, by type.', 'counter', [...s.accepted].map(([t, n]) => [`{type="${t}"}`, n]));
    family('vitrine_events_stored_total', 'Events committed to the store, by type.', 'counter', [...s.stored].map(([t, n]) => [`{type="${t}"}`, n]));
    family('vitrine_events_dead_lettered_total', 'Events kept in event_dead_letters instead of events, by reason.', 'counter', [...s.deadLettered].map(([r, n]) => [`{reason="${r}"}`, n]));
    family('vitrine_events_failed_total', 'Events not stored because the store did not answer (never acknowledged).', 'counter', [['', s.failed]]);
    family('vitrine_event_batches_total', 'Event batches written (one transaction each).', 'counter', [['', s.batches]]);
    family('vitrine_event_batch_events_total', 'Events in written batches.', 'counter', [['', s.batchEvents]]);
    family('vitrine_event_commit_seconds_total', 'Time spent writing event batches.', 'counter', [['', Math.round(s.commitSeconds * 1e6) / 1e6]]);
    return lines.join('\n') + '\n';
  }
}
