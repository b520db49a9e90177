// Runs the engine for every tearsheet cell (scenario × size) under the simulation and keeps what
// the page shows: the winner, the one-line reason, and why each other variant did or did not qualify.
import type { CampaignBundle, Region, TraceEntry } from '../domain/types.ts';
import type { DecideDeps } from '../services/decide-request.ts';
import { simulateDecision } from '../services/simulate.ts';
import { cellParams, scenarios, simulationOf, type Scenario, type TearsheetSpec } from './tearsheet-spec.ts';

export interface Cell {
  size: string;
  variantId: string | null;
  reason: string;
}

export interface ScenarioResult {
  index: number;
  scenario: Scenario;
  cells: Cell[];
  /** Per variant under this scenario (first size): eligible, or the reason it was excluded. */
  variants: Array<{ id: string; name: string; status: 'wins' | 'eligible' | 'excluded'; why: string }>;
}

function reasonOf(trace: readonly TraceEntry[]): string {
  const chose = trace.find((e) => e.stage === 'decision' && e.outcome === 'choose');
  if (chose) return chose.detail;
  const excl = [...trace].reverse().find((e) => e.outcome === 'exclude');
  const fb = trace.find((e) => e.rule === 'fallback');
  return [fb?.detail, excl?.detail].filter(Boolean).join(' — ') || 'nothing eligible';
}

function variantStatus(b: CampaignBundle, trace: readonly TraceEntry[], winner: string | null): ScenarioResult['variants'] {
  const campaignEx = trace.find((e) => e.stage === 'campaign' && e.outcome === 'exclude');
  return b.variants.map((v) => {
    if (v.id === winner) return { id: v.id, name: v.name, status: 'wins' as const, why: '' };
    const mine = (e: TraceEntry) => e.subject === v.id || e.subject.startsWith(`${v.id}/`);
    if (trace.some((e) => e.stage === 'score' && mine(e))) return { id: v.id, name: v.name, status: 'eligible' as const, why: '' };
    // The reason that excluded it with the most products is the one to show.
    const excl = trace.filter((e) => e.stage === 'variant' && e.outcome === 'exclude' && mine(e));
    const byRule = new Map<string, TraceEntry[]>();
    for (const e of excl) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
    const top = [...byRule.values()].sort((a, z) => z.length - a.length)[0]?.[0];
    return { id: v.id, name: v.name, status: 'excluded' as const, why: top?.detail ?? campaignEx?.detail ?? 'no eligible product' };
  });
}

/** `unserved`: `b` is a version under review, decided as handed (not what the campaign serves). */
export async function runTearsheet(deps: DecideDeps, b: CampaignBundle, spec: TearsheetSpec, regions: ReadonlyMap<string, Region>, unserved = false): Promise<{ results: ScenarioResult[]; total: number }> {
  const { list, total } = scenarios(spec, regions);
  const results: ScenarioResult[] = [];
  for (const [index, sc] of list.entries()) {
    const sim = simulationOf(spec, sc);
    const cells: Cell[] = [];
    let variants: ScenarioResult['variants'] = [];
    for (const size of spec.z) {
      const rd = await simulateDecision(deps, { ...cellParams(spec, sc, size), format: 'json' }, sim, unserved ? [b] : undefined);
      const r = rd.result;
      const trace = r.kind === 'decision' ? r.decision.trace : r.none.trace;
      const winner = r.kind === 'decision' ? r.decision.variant.id : null;
      cells.push({ size, variantId: winner, reason: reasonOf(trace) });
      if (variants.length === 0) variants = variantStatus(b, trace, winner);
    }
    results.push({ index, scenario: sc, cells, variants });
  }
  return { results, total };
}
