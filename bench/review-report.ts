// The review part of BENCHMARKS.md (bench/review.ts).
import type { ReviewPart } from './review.ts';

const ms = (x: number) => `${x.toFixed(1)} ms`;

export function reviewSection(r: ReviewPart): string[] {
  const row = (name: string, x: { n: number; p50: number; p99: number }) => `| ${name} | ${x.n} | ${ms(x.p50)} | ${ms(x.p99)} |`;
  return [
    '',
    '## Review: pre-flight and approval (demo store, Node, in-memory SQLite)',
    '',
    '| operation | n | p50 | p99 |',
    '|---|---|---|---|',
    ...r.preflight.map((p) => row(`pre-flight ${p.campaign} (${p.layouts} layouts, ${p.findings} findings)`, p.ms)),
    row('approve with the pre-flight gate', r.approveGated),
    row('approve without it (same run, alternating)', r.approveUngated),
    row('background pre-render after an approval (not waited for)', r.prerenderAfterApprove),
  ];
}
