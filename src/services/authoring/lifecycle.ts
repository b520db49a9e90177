// The campaign lifecycle: draft → in_review → approved (live) → paused → ended | archived.
// Only an approved version serves; an approval is bound to the content hash of the version it
// approves (versions are immutable, and the hash is checked again when it is published).
import { VitrineError } from '../../domain/errors.ts';
import type { Review, VersionRow } from '../../storage/authoring-store.ts';
import type { Actor } from '../access.ts';
import { committing, docOf, docOrThrow, nowIso, requireHead, versionOrThrow, who, type AuthoringDeps } from './context.ts';
import { campaignView, type CampaignView } from './campaigns.ts';
import { contentHash, project } from './documents.ts';
import { parseDocument } from './problems.ts';
import { operateSchema, rejectSchema, reviewActionSchema } from './schemas.ts';
import { versionBundle } from './review.ts';
import { findingLine } from '../preflight-run.ts';

function review(d: AuthoringDeps, actor: Actor, action: string, v: VersionRow, comment: string | undefined): Review[] {
  return [...(v.review ?? []), { action, by: actor.id, byLabel: actor.label, at: nowIso(d), comment: comment ?? null, hash: v.hash }];
}

function wrongState(id: string, v: VersionRow, action: string, needs: string): VitrineError {
  return new VitrineError('conflict', `campaign ${id}: cannot ${action} version ${v.version}: it is ${v.state} (needs ${needs})`, 'version', undefined, { state: v.state });
}

async function notArchived(d: AuthoringDeps, id: string) {
  const row = await docOrThrow(d, id);
  if (row.state === 'archived') throw new VitrineError('conflict', `campaign ${id} is archived`, 'state', undefined, { state: row.state });
  return row;
}

export async function submitCampaign(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<CampaignView> {
  const { version, comment } = parseDocument(reviewActionSchema, body ?? {}, `campaign ${id} submit`);
  const row = await notArchived(d, id);
  await requireHead(d, row, version);
  const v = await versionOrThrow(d, id, version);
  if (v.state !== 'draft') throw wrongState(id, v, 'submit', 'draft; a rejected version is edited into a new draft');
  const state = row.serving === null ? 'in_review' : row.state;
  await committing(d, id, version, () => d.authoring.writeCampaign({ expectRev: row.rev, doc: { ...row, state, updatedAt: nowIso(d), updatedBy: who(actor) }, versionStates: [{ version, state: 'in_review', review: review(d, actor, 'submit', v, comment) }] }));
  await d.audit.record({ actor, action: 'campaign.submit', entity: 'campaign', entityId: id, before: { version, state: 'draft' }, after: { version, state: 'in_review', hash: v.hash }, ...(comment ? { note: comment } : {}) });
  return campaignView(d, id);
}

/** 422 naming every blocking pre-flight finding of this version (the fix is a new version). */
async function requirePreflight(d: AuthoringDeps, id: string, v: VersionRow): Promise<void> {
  if (!d.preflight) return;
  const report = await d.preflight(await versionBundle(d, id, v));
  const blocking = report.findings.filter((f) => f.severity === 'blocking');
  if (!blocking.length) return;
  const shown = blocking.slice(0, 5).map(findingLine).join('; ');
  const more = blocking.length > 5 ? `; and ${blocking.length - 5} more` : '';
  throw new VitrineError('unprocessable', `campaign ${id}: version ${v.version} cannot be approved while ${blocking.length} blocking pre-flight finding(s) stand: ${shown}${more}; fix them in a new version`, 'preflight', undefined, { findings: blocking });
}

export async function approveCampaign(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<CampaignView> {
  const { version, comment } = parseDocument(reviewActionSchema, body ?? {}, `campaign ${id} approve`);
  const row = await notArchived(d, id);
  await requireHead(d, row, version);
  const v = await versionOrThrow(d, id, version);
  if (v.createdBy === actor.id) throw new VitrineError('forbidden', `campaign ${id}: ${actor.label} made version ${version} and cannot approve it; another approver must`, 'version', undefined, { reason: 'own_version' });
  if (v.state !== 'in_review') throw wrongState(id, v, 'approve', 'in_review');
  // The approval binds to this content: the document is hashed again, and must be what was submitted.
  const hash = await contentHash(d.digest, docOf(v));
  const submitted = v.review?.findLast((r) => r.action === 'submit')?.hash;
  if (hash !== v.hash || (submitted && submitted !== hash)) throw new VitrineError('conflict', `campaign ${id}: version ${version} changed after it was submitted; submit it again`, 'version');
  await requirePreflight(d, id, v);
  const snap = await d.configCache.get();
  const status = row.state === 'paused' ? 'paused' : 'active';
  const served = project(id, version, hash, docOf(v), status, snap.regionByCode);
  const previous = row.serving;
  const states = [{ version, state: 'approved' as const, review: review(d, actor, 'approve', v, comment) }, ...(previous !== null ? [{ version: previous, state: 'superseded' as const }] : [])];
  await committing(d, id, version, () =>
    d.authoring.writeCampaign({ expectRev: row.rev, doc: { ...row, state: row.state === 'paused' ? 'paused' : 'approved', serving: version, updatedAt: nowIso(d), updatedBy: who(actor) }, versionStates: states, project: served }),
  );
  await d.audit.record({ actor, action: 'campaign.approve', entity: 'campaign', entityId: id, before: { version, state: 'in_review', servingVersion: previous }, after: { version, state: 'approved', servingVersion: version, hash }, ...(comment ? { note: comment } : {}) });
  d.approved?.(id, version);
  return campaignView(d, id);
}

export async function rejectCampaign(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<CampaignView> {
  const { version, comment } = parseDocument(rejectSchema, body ?? {}, `campaign ${id} reject`);
  const row = await docOrThrow(d, id);
  await requireHead(d, row, version);
  const v = await versionOrThrow(d, id, version);
  if (v.state !== 'in_review') throw wrongState(id, v, 'reject', 'in_review');
  const state = row.serving === null ? 'draft' : row.state;
  await committing(d, id, version, () => d.authoring.writeCampaign({ expectRev: row.rev, doc: { ...row, state, updatedAt: nowIso(d), updatedBy: who(actor) }, versionStates: [{ version, state: 'rejected', review: review(d, actor, 'reject', v, comment) }] }));
  await d.audit.record({ actor, action: 'campaign.reject', entity: 'campaign', entityId: id, before: { version, state: 'in_review' }, after: { version, state: 'rejected' }, note: comment });
  return campaignView(d, id);
}

type Operation = 'pause' | 'resume' | 'archive';
const FROM: Record<Operation, ReadonlyArray<string>> = { pause: ['approved'], resume: ['paused'], archive: ['draft', 'in_review', 'approved', 'paused'] };

/** pause / resume / archive: the serving projection follows in the same write. */
export async function operateCampaign(d: AuthoringDeps, actor: Actor, id: string, op: Operation, body: unknown): Promise<CampaignView> {
  const { comment } = parseDocument(operateSchema, body ?? {}, `campaign ${id} ${op}`);
  const row = await docOrThrow(d, id);
  if (!FROM[op].includes(row.state)) throw new VitrineError('conflict', `campaign ${id}: cannot ${op} a campaign that is ${row.state} (needs ${FROM[op].join(' or ')})`, 'state', undefined, { state: row.state });
  const state = op === 'pause' ? 'paused' : op === 'resume' ? 'approved' : 'archived';
  let projection: Parameters<AuthoringDeps['authoring']['writeCampaign']>[0]['project'];
  if (op === 'archive') projection = row.serving !== null ? 'remove' : undefined;
  else {
    const v = await versionOrThrow(d, id, row.serving!);
    projection = project(id, v.version, v.hash, docOf(v), op === 'pause' ? 'paused' : 'active', (await d.configCache.get()).regionByCode);
  }
  await committing(d, id, row.head, () => d.authoring.writeCampaign({ expectRev: row.rev, doc: { ...row, state, updatedAt: nowIso(d), updatedBy: who(actor) }, ...(projection ? { project: projection } : {}) }));
  await d.audit.record({ actor, action: `campaign.${op}`, entity: 'campaign', entityId: id, before: { state: row.state, servingVersion: row.serving }, after: { state, servingVersion: row.serving }, ...(comment ? { note: comment } : {}) });
  return campaignView(d, id);
}
