// Blocked categories across IAB taxonomies. Campaigns are labelled in Content Taxonomy 1.0
// (`IAB18`); a request's `bcat` is in the taxonomy its `cattax` names. 1.0 ids are compared
// directly (a parent blocks its subcategories); 2.x ids through the IAB's own 1.0 → 2.0 mapping,
// where a blocked 2.x category also blocks everything below it. Pure.
import { CT1_TO_CT2, CT2_PARENT } from './taxonomy-data.ts';

/** OpenRTB `cattax` values Vitrine can compare: 1 = Content 1.0, 2 = Content 2.0, 5 = 2.1, 6 = 2.2 (2.x ids are stable). */
export const KNOWN_CATTAX: ReadonlySet<number> = new Set([1, 2, 5, 6]);

/** Content 2.x ids a 1.0 category stands for, with every ancestor. */
export function ct2Lineage(cat1: string): number[] {
  const out: number[] = [];
  // An unmapped 1.0 subcategory (e.g. IAB18-9) falls back to its parent's mapping.
  let id = CT1_TO_CT2.get(cat1) ?? CT1_TO_CT2.get(cat1.split('-')[0]!);
  for (let guard = 0; id !== undefined && id !== 0 && guard < 8; guard++) {
    out.push(id);
    id = CT2_PARENT.get(id);
  }
  return out;
}

/**
 * Why these campaign categories are blocked by `bcat` in taxonomy `cattax`, or null. An unknown
 * taxonomy with a non-empty block list blocks: no bid rather than a bid the publisher refused.
 */
export function blockedCategory(campaignCats: readonly string[], bcat: readonly string[] | undefined, cattax: number | undefined): string | null {
  if (!bcat || bcat.length === 0) return null;
  const tax = cattax ?? 1;
  if (!KNOWN_CATTAX.has(tax)) return `bcat in cattax ${tax}, a taxonomy Vitrine cannot compare`;
  const blocked = new Set(bcat.map((b) => String(b).trim()));
  for (const cat of campaignCats) {
    if (tax === 1) {
      if (blocked.has(cat) || blocked.has(cat.split('-')[0]!)) return `category ${cat} is blocked`;
      continue;
    }
    const hit = ct2Lineage(cat).find((id) => blocked.has(String(id)));
    if (hit !== undefined) return `category ${cat} (Content 2.x ${hit}) is blocked`;
  }
  return null;
}
