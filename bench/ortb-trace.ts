// Why an auction answer was late: the client's send/receive times set against the server's trace
// (bench/server.ts --trace): when the handler started and ended, GC pauses and event-loop stalls
// overlapping the request, and the render-on-fetch units the server was answering meanwhile.

export interface ServerTrace {
  requests: Array<{ id: string | null; path: string; start: number; end: number; status: number }>;
  gc: Array<{ start: number; ms: number; kind: number }>;
  stalls: Array<{ end: number; ms: number }>;
  loop: Record<string, number>;
}

export interface ClientRecord {
  id: string;
  send: number;
  recv: number;
  ms: number;
  status: number;
}

export interface LateAnswer {
  id: string;
  ms: number;
  status: number;
  /** From the client's send to the server's handler starting (socket + waiting for the thread). */
  waitMs: number | null;
  /** Inside the handler. */
  handlerMs: number | null;
  /** From the handler's end to the client's receipt. */
  afterMs: number | null;
  gcMs: number;
  majorGc: boolean;
  /** The longest event-loop stall overlapping the request. */
  stallMs: number;
  /** /v1/unit requests (render on fetch) the server was in while this one waited or ran. */
  unitsMeanwhile: number;
  /** The auctions before it in the process: a late one among the first few is a cold start. */
  index: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function explainLate(client: ClientRecord[], trace: ServerTrace, late: (c: ClientRecord) => boolean): LateAnswer[] {
  const byId = new Map(trace.requests.filter((r) => r.id).map((r) => [r.id!, r]));
  const units = trace.requests.filter((r) => r.path.startsWith('/v1/unit/'));
  const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;
  return client.flatMap((c, index) => {
    if (!late(c)) return [];
    const s = byId.get(c.id);
    const gcs = trace.gc.filter((g) => overlaps(c.send, c.recv, g.start, g.start + g.ms));
    // GC kinds (perf_hooks constants): 1 minor (scavenge), 2 major (mark-sweep-compact), 4 incremental, 8 weak callbacks.
    return [
      {
        id: c.id,
        ms: r1(c.ms),
        status: c.status,
        waitMs: s ? r1(s.start - c.send) : null,
        handlerMs: s ? r1(s.end - s.start) : null,
        afterMs: s ? r1(c.recv - s.end) : null,
        gcMs: r1(gcs.reduce((n, g) => n + g.ms, 0)),
        majorGc: gcs.some((g) => g.kind === 2),
        stallMs: r1(Math.max(0, ...trace.stalls.filter((st) => overlaps(c.send, c.recv, st.end - st.ms, st.end)).map((st) => st.ms))),
        unitsMeanwhile: units.filter((u) => overlaps(c.send, c.recv, u.start, u.end)).length,
        index,
      },
    ];
  });
}
