// Placements and brand kits: revisioned documents (a write names the revision it read; stale →
// 409 naming who changed it and when), audited, and read by the config cache after every write.
import { VitrineError } from '../../domain/errors.ts';
import type { BrandKit, Placement } from '../../domain/types.ts';
import { StaleWrite, type Revisioned } from '../../storage/authoring-store.ts';
import type { Actor } from '../access.ts';
import { nowIso, type AuthoringDeps } from './context.ts';
import { parseDocument } from './problems.ts';
import { brandKitSchema, placementSchema, resourceId } from './schemas.ts';
import { checkFont, checkLogo, type CheckedAsset, type Script } from './uploads.ts';
import { z } from 'zod';

type Kind = 'placement' | 'brand_kit';
const LABEL: Record<Kind, string> = { placement: 'placement', brand_kit: 'brand kit' };

export interface RevisionedView<T> {
  revision: number;
  updatedAt: string;
  updatedBy: string;
  document: T;
}

const view = <T>(r: Revisioned<T>): RevisionedView<T> => ({ revision: r.rev, updatedAt: r.updatedAt, updatedBy: r.updatedBy, document: r.value });

async function read(d: AuthoringDeps, kind: Kind, id: string): Promise<Revisioned<Placement | BrandKit>> {
  const r = kind === 'placement' ? await d.authoring.getPlacement(id) : await d.authoring.getBrandKit(id);
  if (!r) throw new VitrineError('not_found', `${LABEL[kind]}: unknown ${LABEL[kind]} "${id}"`, 'id');
  return r;
}

function stale(kind: Kind, id: string, given: number, cur: Revisioned<unknown> | null): VitrineError {
  return new VitrineError('conflict', `${LABEL[kind]} ${id}: revision ${given} is stale; ${cur?.updatedBy ?? 'someone'} changed it at ${cur?.updatedAt ?? 'just now'} (current revision ${cur?.rev ?? 'none'})`, 'revision', undefined, { current: cur?.rev ?? null, changedBy: cur?.updatedBy ?? null, changedAt: cur?.updatedAt ?? null });
}

async function write(d: AuthoringDeps, actor: Actor, kind: Kind, id: string, before: Revisioned<Placement | BrandKit> | null, after: Placement | BrandKit | null, given: number | null, action: string, note?: string) {
  if (before && given !== null && given !== before.rev) throw stale(kind, id, given, before);
  try {
    await d.authoring.putDocument(kind, id, after, before ? before.rev : null, nowIso(d), actor.label);
  } catch (err) {
    if (!(err instanceof StaleWrite)) throw err;
    if (!before) throw new VitrineError('conflict', `${LABEL[kind]}: "${id}" already exists`, 'id');
    throw stale(kind, id, given ?? before.rev, kind === 'placement' ? await d.authoring.getPlacement(id) : await d.authoring.getBrandKit(id));
  }
  await d.audit.record({ actor, action: `${kind}.${action}`, entity: kind, entityId: id, before: before?.value ?? null, after, ...(note ? { note } : {}) });
}

const revisionField = { revision: z.number().int().positive() };
const created = { id: resourceId };

export async function createPlacement(d: AuthoringDeps, actor: Actor, body: unknown): Promise<RevisionedView<Placement>> {
  const { id, ...p } = parseDocument(placementSchema.extend(created), body, 'placement');
  if (await d.authoring.getPlacement(id)) throw new VitrineError('conflict', `placement: "${id}" already exists; change it with PUT`, 'id');
  await write(d, actor, 'placement', id, null, { id, ...p }, null, 'create');
  return view((await d.authoring.getPlacement(id))!);
}

export async function updatePlacement(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<RevisionedView<Placement>> {
  const before = await read(d, 'placement', id);
  const { revision, ...p } = parseDocument(placementSchema.extend(revisionField), body, `placement ${id}`);
  await write(d, actor, 'placement', id, before, { id, ...p }, revision, 'update');
  return view((await d.authoring.getPlacement(id))!);
}

export async function deletePlacement(d: AuthoringDeps, actor: Actor, id: string, revision: number): Promise<void> {
  const before = await read(d, 'placement', id);
  const booked = (await d.configCache.get()).bundles.filter((b) => b.campaign.placements.includes(id)).map((b) => b.campaign.id);
  if (booked.length) throw new VitrineError('conflict', `placement ${id} is booked by ${booked.join(', ')}; remove it from those campaigns first`, 'id');
  await write(d, actor, 'placement', id, before, null, revision, 'delete');
}

export async function createBrandKit(d: AuthoringDeps, actor: Actor, body: unknown): Promise<RevisionedView<BrandKit>> {
  const { id, ...k } = parseDocument(brandKitSchema.extend(created), body, 'brand kit');
  if (await d.authoring.getBrandKit(id)) throw new VitrineError('conflict', `brand kit: "${id}" already exists; change it with PUT`, 'id');
  await write(d, actor, 'brand_kit', id, null, { id, ...k, logoAssetId: null, fonts: { latin: null, arabic: null } }, null, 'create');
  return view((await d.authoring.getBrandKit(id))!);
}

export async function updateBrandKit(d: AuthoringDeps, actor: Actor, id: string, body: unknown): Promise<RevisionedView<BrandKit>> {
  const before = (await read(d, 'brand_kit', id)) as Revisioned<BrandKit>;
  const { revision, ...k } = parseDocument(brandKitSchema.extend(revisionField), body, `brand kit ${id}`);
  await write(d, actor, 'brand_kit', id, before, { ...before.value, ...k, id }, revision, 'update');
  return view((await d.authoring.getBrandKit(id))!);
}

/** Where templates and the studio fetch an uploaded asset. */
export const assetPath = (key: string) => `/v1/assets/${key}`;

async function storeAsset(d: AuthoringDeps, a: CheckedAsset): Promise<string> {
  // Content-addressed (Web Crypto on both runtimes): the same bytes are stored once.
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', a.bytes as Uint8Array<ArrayBuffer>));
  const key = `brand/${[...bytes].slice(0, 16).map((x) => x.toString(16).padStart(2, '0')).join('')}.${a.ext}`;
  await d.authoring.putAsset(key, a.contentType, a.bytes);
  return key;
}

/** A logo (PNG/SVG) or a font for one script, checked, stored content-addressed, and named by the kit. */
export async function uploadBrandAsset(d: AuthoringDeps, actor: Actor, id: string, what: { logo: true } | { font: Script }, contentType: string, bytes: Uint8Array, revision: number): Promise<RevisionedView<BrandKit> & { asset: { key: string; url: string; contentType: string; info: CheckedAsset['info'] } }> {
  const before = (await read(d, 'brand_kit', id)) as Revisioned<BrandKit>;
  if (revision !== before.rev) throw stale('brand_kit', id, revision, before);
  const checked = 'logo' in what ? checkLogo(contentType, bytes) : checkFont(what.font, contentType, bytes);
  const key = await storeAsset(d, checked);
  const kit = before.value;
  const after: BrandKit = 'logo' in what ? { ...kit, logoAssetId: key } : { ...kit, fonts: { ...kit.fonts, [what.font]: key } };
  await write(d, actor, 'brand_kit', id, before, after, revision, 'logo' in what ? 'logo' : 'font', `${key} (${checked.contentType}, ${bytes.length} bytes)`);
  return { ...view((await d.authoring.getBrandKit(id))!), asset: { key, url: assetPath(key), contentType: checked.contentType, info: checked.info } };
}

export const listPlacementViews = async (d: AuthoringDeps) => (await d.authoring.listPlacements()).map(view);
export const listBrandKitViews = async (d: AuthoringDeps) => (await d.authoring.listBrandKits()).map(view);
export const placementView = async (d: AuthoringDeps, id: string) => view((await read(d, 'placement', id)) as Revisioned<Placement>);
export const brandKitView = async (d: AuthoringDeps, id: string) => view((await read(d, 'brand_kit', id)) as Revisioned<BrandKit>);
