// What an approver reviews: a version as the engine would serve it (its bundle, brand kit
// resolved), the field-level diff from the previous approved version, and the campaign's history
// of versions with their submit notes and review comments. Pure data for the API and the studio.
import type { CampaignBundle, Region } from '../../domain/types.ts';
import type { AuthoringStore, VersionRow } from '../../storage/authoring-store.ts';
import { docOf, type AuthoringDeps } from './context.ts';
import { canonicalJson, project } from './documents.ts';
import type { CampaignDoc } from './schemas.ts';

/** A version projected as if it served (status active), with its brand kit, for pre-flight and preview. */
export async function versionBundle(d: AuthoringDeps, id: string, v: VersionRow): Promise<CampaignBundle> {
  const snap = await d.configCache.get();
  const bundle = project(id, v.version, v.hash, docOf(v), 'active', snap.regionByCode);
  if (bundle.campaign.brandKitId) bundle.campaign.brandKit = (await d.authoring.getBrandKit(bundle.campaign.brandKitId))?.value ?? null;
  return bundle;
}

/** Campaigns written through the authoring API that serve no version yet (draft, in review): the head version as a bundle, with its state. */
export async function unservedCampaigns(authoring: AuthoringStore, regions: ReadonlyMap<string, Region>, served: ReadonlySet<string>): Promise<Array<{ bundle: CampaignBundle; state: string }>> {
  const out: Array<{ bundle: CampaignBundle; state: string }> = [];
  for (const row of await authoring.listDocs()) {
    if (served.has(row.id) || row.state === 'archived') continue;
    const v = await authoring.getVersion(row.id, row.head);
    if (v) out.push({ bundle: project(row.id, v.version, v.hash, docOf(v), 'active', regions), state: row.state });
  }
  return out;
}

export interface FieldChange {
  /** Dotted path: `bidCpm`, `regions`, `copy.ar.headline`, `conditions`… */
  field: string;
  before: string | null;
  after: string | null;
}

export interface VariantDiff {
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

export interface DocDiff {
  /** The version compared against (the previous approved one), or null for a first version. */
  base: number | null;
  campaign: FieldChange[];
  variants: VariantDiff[];
}

/** A value as one readable line (strings as written, everything else as compact JSON). */
function show(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ');
  return canonicalJson(v);
}

/** Leaf-level changes of two plain values; arrays of scalars and arrays of objects compare whole. */
function changes(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(before) && isObj(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) changes(before[k], after[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) out.push({ field: path, before: show(before), after: show(after) });
}

const VARIANT_FIELDS = ['name', 'template', 'copy', 'conditions', 'productSource', 'productIds', 'prior'] as const;

/** Field by field: campaign fields, then each variant added, removed or changed (copy per language, conditions, template, product source). */
export function docDiff(before: CampaignDoc | null, after: CampaignDoc, base: number | null): DocDiff {
  const campaign: FieldChange[] = [];
  const variants: VariantDiff[] = [];
  const { variants: va, ...ca } = after;
  if (!before) {
    for (const v of va) variants.push({ id: v.id, name: v.name, change: 'added', fields: [] });
    return { base, campaign, variants };
  }
  const { variants: vb, ...cb } = before;
  changes(cb, ca, '', campaign);
  const old = new Map(vb.map((v) => [v.id, v]));
  const now = new Map(va.map((v) => [v.id, v]));
  for (const v of va) {
    const was = old.get(v.id);
    if (!was) {
      variants.push({ id: v.id, name: v.name, change: 'added', fields: [] });
      continue;
    }
    const fields: FieldChange[] = [];
    for (const k of VARIANT_FIELDS) {
      if (k === 'conditions') {
        const text = (cs: typeof v.conditions) => cs.map((c) => `${c.signal} ${c.op} ${Array.isArray(c.value) ? c.value.join('|') : String(c.value)}`).join('; ') || null;
        if (text(was.conditions) !== text(v.conditions)) fields.push({ field: 'conditions', before: text(was.conditions), after: text(v.conditions) });
      } else changes(was[k], v[k], k, fields);
    }
    if (fields.length) variants.push({ id: v.id, name: v.name, change: 'changed', fields });
  }
  for (const v of vb) if (!now.has(v.id)) variants.push({ id: v.id, name: v.name, change: 'removed', fields: [] });
  return { base, campaign, variants };
}

/** The approved version a review compares with: the latest approved (or once approved) version before `version`. */
export function previousApproved(versions: readonly VersionRow[], version: number): VersionRow | null {
  const approvedOnce = (v: VersionRow) => v.state === 'approved' || (v.review ?? []).some((r) => r.action === 'approve');
  return [...versions].filter((v) => v.version < version && approvedOnce(v)).sort((a, b) => b.version - a.version)[0] ?? null;
}

export interface HistoryEntry {
  version: number;
  state: VersionRow['state'];
  createdBy: string;
  createdAt: string;
  summary: string[];
  /** Submit notes and review comments, oldest first: who, when, what. */
  events: Array<{ action: string; by: string; at: string; comment: string | null }>;
}

/** Newest version first. */
export function history(versions: readonly VersionRow[]): HistoryEntry[] {
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({ version: v.version, state: v.state, createdBy: v.createdByLabel, createdAt: v.createdAt, summary: v.summary, events: (v.review ?? []).map((r) => ({ action: r.action, by: r.byLabel, at: r.at, comment: r.comment })) }));
}
