// The beacon soak's section of BENCHMARKS.md (issue 14): group commit against the old buffered
// path in the same run, each ended by a SIGKILL and by a SIGTERM the moment the schedule ends.
import type { SoakRun } from './soak.ts';

export interface SoakPart {
  connections: number;
  pipelining: number;
  loadAverage: number[];
  runs: SoakRun[];
}

const n = (x: number) => x.toLocaleString('en');

export function soakSection(s: SoakPart): string[] {
  const row = (r: SoakRun) =>
    `| ${r.mode === 'commit' ? 'group commit (default)' : 'buffered (old path)'} | ${r.signal} | ${r.seconds} s × ${n(r.targetRate)}/s | ${n(r.sent)} (${n(r.skipped)} skipped, ${n(r.lateSends)} late) | ${n(r.acked)} | ${n(r.inFlightAtSignal)} | ${n(r.stored)} | ${r.lost === 0 ? '0' : `**${n(r.lost)}**`} | ${n(r.achievedRate)}/s | ${r.p50} ms | ${r.p99} ms | ${r.eventsPerBatch} | ${r.commitMsPerBatch} ms (${Math.round(r.commitShare * 100)}% of wall) | ${r.serverCpuMsPerBeacon ?? '–'} ms | ${r.generatorCpuMsPerBeacon} ms |`;
  const commit = s.runs.filter((r) => r.mode === 'commit');
  const commitLost = commit.reduce((x, r) => x + r.lost, 0);
  const full = commit.filter((r) => r.achievedRate >= r.targetRate * 0.99 && r.skipped === 0);
  return [
    '## Beacon soak (issue 14)',
    '',
    `\`bench/soak.ts\`: the Node server as a child process on loopback (demo store, WAL, synchronous=NORMAL), impression beacons sent open-loop at the target rate by one generator process (undici pool, ${s.connections} keep-alive connections × pipelining ${s.pipelining}; a due send is skipped, and counted, when every slot is waiting), then the signal the moment the schedule ends with answers still in flight; afterwards the database file is counted. Lost = answered 200 but not in the file. Load average at the end: ${s.loadAverage.join(', ')}.`,
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| 2,000 beacons/s for 60 s, 0 acknowledged beacons lost across SIGTERM and SIGKILL | ${commitLost} lost with group commit; ${commit.map((r) => `${r.signal} ${n(r.achievedRate)}/s, ${n(r.skipped)} skipped`).join('; ')} | ${commitLost === 0 && full.length === commit.length ? 'met' : '**not met**'} |`,
    '',
    '| event writes | ended by | load | sent | answered 200 | in flight at the signal | in the database | lost | answered/s | p50 | p99 | events per batch | commit per batch | server CPU per beacon | generator CPU per beacon |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...s.runs.map(row),
    '',
    'Acknowledged = committed: an event route answers only after the transaction holding its event committed (WAL, `synchronous=NORMAL`). A process crash (SIGKILL) loses nothing committed in WAL mode whatever the `synchronous` setting, because committed frames are in the WAL file (the OS page cache) when the commit returns; `synchronous=FULL` would add an fsync per commit, which only matters for power loss or a kernel crash.',
    '',
  ];
}
