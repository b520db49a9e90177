// Campaign-level eligibility: status, flight, region, size. Returns reasons, never throws.
import { sizeKey } from './sizes.ts';
import type { Campaign, Signals, TraceEntry } from './types.ts';

export function campaignExclusion(c: Campaign, s: Signals): { rule: string; detail: string } | null {
  if (c.status !== 'active') return { rule: 'campaign_paused', detail: `campaign ${c.id} is ${c.status}` };
  // A local flight is read in the viewer's region's own time zone, like a promo window.
  if (c.startsLocal && c.endsLocal) {
    if (s.local.wall < c.startsLocal || s.local.wall >= c.endsLocal) {
      return { rule: 'campaign_flight', detail: `campaign ${c.id} flies ${c.startsLocal} to ${c.endsLocal} local time; it is ${s.local.wall} in ${s.region}` };
    }
  } else if (s.now < Date.parse(c.startsAt) || s.now >= Date.parse(c.endsAt)) {
    return { rule: 'campaign_flight', detail: `campaign ${c.id} flies ${c.startsAt} to ${c.endsAt}; now is ${new Date(s.now).toISOString()}` };
  }
  if (c.regions.length > 0 && !c.regions.includes(s.region)) {
    return { rule: 'campaign_region', detail: `campaign ${c.id} targets ${c.regions.join(', ')}, not ${s.region}` };
  }
  const size = sizeKey(s.size);
  if (c.sizes.length > 0 && !c.sizes.includes(size)) {
    return { rule: 'campaign_size', detail: `campaign ${c.id} does not book size ${size}` };
  }
  return null;
}

export function campaignTrace(c: Campaign, s: Signals): TraceEntry {
  const ex = campaignExclusion(c, s);
  return ex
    ? { stage: 'campaign', subject: c.id, outcome: 'exclude', rule: ex.rule, detail: ex.detail }
    : {
        stage: 'campaign',
        subject: c.id,
        outcome: 'include',
        rule: 'campaign_eligible',
        detail: `campaign ${c.id} is active, in flight and targets ${s.region} at ${sizeKey(s.size)}`,
      };
}
