// The beacon soak's section of BENCHMARKS.md (issue 14): group commit against the old buffered
// path in the same run, each ended by a SIGKILL and by a SIGTERM right after the last answer.
import type { SoakRun } from './soak.ts';

const MAX = 512;

export interface SoakPart {
  runs: SoakRun[];
}

export function soakSection(s: SoakPart): string[] {
  const row = (r: SoakRun) =>
    `| ${r.mode === 'commit' ? 'group commit (default)' : 'buffered (old path)'} | ${r.signal} | ${r.seconds} s × ${r.targetRate.toLocaleString('en')}/s | ${r.acked.toLocaleString('en')}${r.shed ? ` (${r.shed.toLocaleString('en')} not sent: ${MAX} answers behind)` : ''} | ${r.stored.toLocaleString('en')} | ${r.lost === 0 ? '0' : `**${r.lost.toLocaleString('en')}**`} | ${r.achievedRate.toLocaleString('en')}/s | ${r.p50} ms | ${r.p99} ms |`;
  const commitLost = s.runs.filter((r) => r.mode === 'commit').reduce((n, r) => n + r.lost, 0);
  return [
    '## Beacon soak (issue 14)',
    '',
    '`bench/soak.ts`: the Node server as a child process on loopback (demo store, WAL), impression beacons sent open-loop at the target rate by the same machine, then the signal the moment the last answer is in; afterwards the database file is counted. Lost = answered 200 but not in the file.',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| 0 acknowledged beacons lost across SIGTERM and SIGKILL | ${commitLost} with group commit | ${commitLost === 0 ? 'met' : '**not met**'} |`,
    '',
    '| event writes | ended by | load | answered 200 | in the database | lost | answered/s | p50 | p99 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...s.runs.map(row),
    '',
  ];
}
