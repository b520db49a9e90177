// Campaigns as versioned documents: create and edit (each edit is a new immutable draft version),
// and the views the admin API and the studio read. The lifecycle actions are in lifecycle.ts.
import { VitrineError } from '../../domain/errors.ts';
import type { DocRow, VersionRow } from '../../storage/authoring-store.ts';
import type { Actor } from '../access.ts';
import type { FieldProblem } from '../validation.ts';
import { committing, docOf, docOrThrow, nowIso, requireHead, versionOrThrow, who, type AuthoringDeps } from './context.ts';
import { contentHash, diffSummary, flightBounds } from './documents.ts';
import { parseDocument, throwUnprocessable } from './problems.ts';
import { campaignCreateSchema, campaignUpdateSchema, type CampaignDoc } from './schemas.ts';

/** What a campaign is doing now: the stored state, with live/ended read from the flight. */
export type CampaignStatus = 'draft' | 'in_review' | 'approved' | 'live' | 'paused' | 'ended' | 'archived';

/** Every reference a document makes must exist: 422 listing each that does not. */
async function checkReferences(d: AuthoringDeps, id: string, doc: CampaignDoc): Promise<void> {
  const snap = await d.configCache.get();
  const problems: FieldProblem[] = [];
  doc.regions.forEach((r, i) => {
    if (!snap.regionByCode.has(r)) problems.push({ field: `regions.${i}`, reason: `unknown region "${r}"` });
  });
  const placements = new Set((await d.authoring.listPlacements()).map((p) => p.value.id));
  doc.placements.forEach((p, i) => {
    if (!placements.has(p)) problems.push({ field: `placements.${i}`, reason: `unknown placement "${p}" (create it under /v1/admin/placements)` });
  });
  if (doc.brandKitId && !(await d.authoring.getBrandKit(doc.brandKitId))) problems.push({ field: 'brandKitId', reason: `unknown brand kit "${doc.brandKitId}"` });
  const named = doc.variants.flatMap((v, i) => (v.productIds ?? []).map((p, j) => ({ p, field: `variants.${i}.productIds.${j}` })));
  const explicit = [...named.map((n) => n.p), ...(doc.selector.productIds ?? [])];
  const known = explicit.length ? await d.store.existingProductIds(explicit) : new Set<string>();
  for (const n of named) if (!known.has(n.p)) problems.push({ field: n.field, reason: `unknown product "${n.p}"` });
  (doc.selector.productIds ?? []).forEach((p, i) => {
    if (!known.has(p)) problems.push({ field: `selector.productIds.${i}`, reason: `unknown product "${p}"` });
  });
  // Variant ids are global (events and reports key on them): one campaign's id cannot be another's.
  doc.variants.forEach((v, i) => {
    const owner = snap.bundles.find((b) => b.campaign.id !== id && b.variants.some((x) => x.id === v.id));
    if (owner) problems.push({ field: `variants.${i}.id`, reason: `variant id "${v.id}" belongs to campaign ${owner.campaign.id}` });
  });
  throwUnprocessable(`campaign ${id}`, problems);
}

async function newVersion(d: AuthoringDeps, actor: Actor, id: string, version: number, doc: CampaignDoc, previous: CampaignDoc | null): Promise<VersionRow> {
  return { campaignId: id, version, state: 'draft', doc, hash: await contentHash(d.digest, doc), createdBy: actor.id, createdByLabel: actor.label, createdAt: nowIso(d), summary: diffSummary(previous, doc), review: null };
}

export async function createCampaign(d: AuthoringDeps, actor: Actor, body: unknown): Promise<CampaignView> {
  const { id, ...doc } = parseDocument(campaignCreateSchema, body, 'campaign');
  if (await d.authoring.getDoc(id)) throw new VitrineError('conflict', `campaign: "${id}" already exists; edit it with PUT /v1/admin/campaigns/${id}`, 'id');
  if ((await d.configCache.get()).bundleById.has(id)) throw new VitrineError('conflict', `campaign: "${id}" is already served (seeded outside the authoring API)`, 'id');
  await checkReferences(d, id, doc);
  const v = await newVersion(d, actor, id, 1, doc, null);
  const row = { id, state: 'draft' as const, head: 1, serving: null, updatedAt: v.createdAt, updatedBy: who(actor) };
  await committing(d, id, 1, () => d.authoring.writeCampaign({ expectRev: null, doc: row, insertVersion: v }));
  await d.audit.record({ actor, action: 'campaign.create', entity: 'campaign', entityId: id, before: null, after: { version: 1, state: 'draft', hash: v.hash, document: doc } });
  return campaignView(d, id);
}

/** An edit: a new draft version from the head the writer read; a serving approved version keeps serving. */
export async function updateCampaign(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<CampaignView> {
  const row = await docOrThrow(d, id);
  const { version: given, ...doc } = parseDocument(campaignUpdateSchema, body, `campaign ${id}`);
  if (row.state === 'archived') throw new VitrineError('conflict', `campaign ${id} is archived and cannot be edited`, 'state');
  await requireHead(d, row, given);
  await checkReferences(d, id, doc);
  const head = await versionOrThrow(d, id, row.head);
  const v = await newVersion(d, actor, id, row.head + 1, doc, docOf(head));
  // A newer edit withdraws an unapproved head (it can no longer be approved).
  const withdrawn = head.state === 'draft' || head.state === 'in_review' ? [{ version: head.version, state: 'superseded' as const }] : [];
  const state = row.serving === null ? 'draft' : row.state;
  await committing(d, id, given, () => d.authoring.writeCampaign({ expectRev: row.rev, doc: { ...row, state, head: v.version, updatedAt: v.createdAt, updatedBy: who(actor) }, insertVersion: v, versionStates: withdrawn }));
  await d.audit.record({
    actor,
    action: 'campaign.update',
    entity: 'campaign',
    entityId: id,
    before: { version: head.version, state: head.state, hash: head.hash, document: head.doc },
    after: { version: v.version, state: 'draft', hash: v.hash, document: doc },
    note: v.summary.join('; '),
  });
  return campaignView(d, id);
}

export function statusOf(row: DocRow, doc: CampaignDoc | null, now: number, regions: Parameters<typeof flightBounds>[1]): CampaignStatus {
  if (row.state !== 'approved' || !doc) return row.state;
  const { startsAt, endsAt } = flightBounds(doc, regions);
  if (now >= Date.parse(endsAt)) return 'ended';
  return now >= Date.parse(startsAt) ? 'live' : 'approved';
}

export interface VersionView {
  version: number;
  state: VersionRow['state'];
  hash: string;
  createdBy: { id: string; label: string };
  createdAt: string;
  summary: string[];
  review: VersionRow['review'];
}

export interface CampaignView {
  id: string;
  status: CampaignStatus;
  /** The latest version (what an edit must name) and its state. */
  version: number;
  versionState: VersionRow['state'];
  /** The approved version serving, if any. */
  servingVersion: number | null;
  updatedAt: string;
  updatedBy: string;
  document: CampaignDoc;
}

export const versionView = (v: VersionRow): VersionView => ({ version: v.version, state: v.state, hash: v.hash, createdBy: { id: v.createdBy, label: v.createdByLabel }, createdAt: v.createdAt, summary: v.summary, review: v.review });

export async function campaignView(d: AuthoringDeps, id: string): Promise<CampaignView> {
  const row = await docOrThrow(d, id);
  const head = await versionOrThrow(d, id, row.head);
  const serving = row.serving === null ? null : row.serving === head.version ? head : await versionOrThrow(d, id, row.serving);
  const snap = await d.configCache.get();
  return {
    id,
    status: statusOf(row, serving ? docOf(serving) : null, d.clock(), snap.regionByCode),
    version: head.version,
    versionState: head.state,
    servingVersion: row.serving,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    document: docOf(head),
  };
}

export async function listCampaignViews(d: AuthoringDeps): Promise<CampaignView[]> {
  return Promise.all((await d.authoring.listDocs()).map((r) => campaignView(d, r.id)));
}
