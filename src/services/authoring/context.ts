// What the authoring services are handed, and the checks they share.
import { VitrineError } from '../../domain/errors.ts';
import type { Digest } from '../../security/digest.ts';
import type { AuthoringStore, DocRow, VersionRow } from '../../storage/authoring-store.ts';
import { StaleWrite } from '../../storage/authoring-store.ts';
import type { Store } from '../../storage/port.ts';
import type { Actor } from '../access.ts';
import type { AuditLog } from '../audit.ts';
import { ConfigCache } from '../config-cache.ts';
import { webDigest } from '../../security/digest.ts';
import type { SqlStore } from '../../storage/sql-store.ts';
import type { CampaignDoc } from './schemas.ts';
import type { CampaignBundle } from '../../domain/types.ts';
import type { PreflightReport } from '../preflight-run.ts';

export interface AuthoringDeps {
  authoring: AuthoringStore;
  store: Store;
  audit: AuditLog;
  configCache: ConfigCache;
  clock: () => number;
  digest: Digest;
  /** Pre-flight of a version's bundle (the app wires the real renderer in); approval refuses while a blocking finding stands. */
  preflight?: (bundle: CampaignBundle) => Promise<PreflightReport>;
  /** Told after an approval committed (the app pre-renders in the background); never awaited by the caller. */
  approved?: (id: string, version: number) => void;
}

export const nowIso = (d: AuthoringDeps) => new Date(d.clock()).toISOString();

export async function docOrThrow(d: AuthoringDeps, id: string): Promise<DocRow> {
  const doc = await d.authoring.getDoc(id);
  if (!doc) throw new VitrineError('not_found', `campaign: unknown campaign "${id}"`, 'id');
  return doc;
}

export async function versionOrThrow(d: AuthoringDeps, id: string, version: number): Promise<VersionRow> {
  const v = await d.authoring.getVersion(id, version);
  if (!v) throw new VitrineError('not_found', `campaign ${id}: no version ${version}`, 'version');
  return v;
}

/** 409 naming who made the current version and when. */
export async function staleVersion(d: AuthoringDeps, id: string, given: number): Promise<VitrineError> {
  const doc = await d.authoring.getDoc(id);
  const head = doc ? await d.authoring.getVersion(id, doc.head) : null;
  const who = doc?.updatedBy ?? head?.createdByLabel ?? 'someone';
  const when = doc?.updatedAt ?? head?.createdAt ?? 'just now';
  return new VitrineError('conflict', `campaign ${id}: version ${given} is stale; ${who} changed it at ${when} (current version ${doc?.head ?? '?'}); reload and edit the current version`, 'version', undefined, {
    current: doc?.head ?? null,
    changedBy: who,
    changedAt: when,
  });
}

/** The writer named the head version, or 409. */
export async function requireHead(d: AuthoringDeps, doc: DocRow, given: number): Promise<void> {
  if (given !== doc.head) throw await staleVersion(d, doc.id, given);
}

/** Runs a store write; a lost race becomes the same 409. */
export async function committing(d: AuthoringDeps, id: string, given: number, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (err instanceof StaleWrite) throw await staleVersion(d, id, given);
    throw err;
  }
}

export const docOf = (v: VersionRow) => v.doc as CampaignDoc;

export function who(actor: Actor): string {
  return actor.label;
}

/** Authoring outside a running app (seed scripts, tests): the store's own authoring rows and a fresh config cache. */
export function standaloneAuthoring(store: SqlStore, audit: AuditLog, clock: () => number = Date.now): AuthoringDeps {
  const authoring = store.authoring();
  return { authoring, store, audit, configCache: new ConfigCache(store, 0, clock, authoring), clock, digest: webDigest() };
}
