// Authoring rows over drizzle (better-sqlite3 or D1). Every write is one atomic batch whose first
// statement is a guard: the row's `rev` must still be the one the writer read, else a NOT NULL
// violation aborts the batch (D1 batches cannot branch, so the guard makes the batch fail itself).
import { asc, eq, sql } from 'drizzle-orm';
import type { BrandKit, Campaign, Placement, Variant } from '../domain/types.ts';
import * as rows from './rows.ts';
import * as t from './schema.ts';
import type { Atomic, Db, Runnable } from './sql-store.ts';

export type VersionState = 'draft' | 'in_review' | 'approved' | 'rejected' | 'superseded';
export type StoredCampaignState = 'draft' | 'in_review' | 'approved' | 'paused' | 'archived';

export interface Review {
  /** submit | approve | reject */
  action: string;
  by: string;
  byLabel: string;
  at: string;
  comment: string | null;
  /** The content hash the action was bound to. */
  hash: string;
}

export interface DocRow {
  id: string;
  state: StoredCampaignState;
  head: number;
  serving: number | null;
  rev: number;
  updatedAt: string;
  updatedBy: string;
}

export interface VersionRow {
  campaignId: string;
  version: number;
  state: VersionState;
  doc: unknown;
  hash: string;
  createdBy: string;
  createdByLabel: string;
  createdAt: string;
  summary: string[];
  review: Review[] | null;
}

/** What one campaign write changes, committed all or nothing. */
export interface CampaignWrite {
  /** null = create (fails if the id exists). */
  expectRev: number | null;
  doc: Omit<DocRow, 'rev'>;
  insertVersion?: VersionRow;
  versionStates?: Array<{ version: number; state: VersionState; review?: Review[] }>;
  /** The serving projection the engine reads: replace it, or remove it (archive). */
  project?: { campaign: Campaign; variants: Variant[] } | 'remove';
}

export interface Revisioned<T> {
  value: T;
  rev: number;
  updatedAt: string;
  updatedBy: string;
}

/** A write lost a race (or the row exists / is gone): the caller re-reads and answers 409. */
export class StaleWrite extends Error {}

// drizzle wraps the driver's error: the refusal may sit in `cause`.
const isConstraint = (err: unknown) => /constraint/i.test(`${(err as Error)?.message ?? err} ${((err as { cause?: Error })?.cause)?.message ?? ''}`);

function guard(db: Db, table: typeof t.campaignDocs | typeof t.placements | typeof t.brandKits, id: string, rev: number): Runnable {
  return db
    .update(table)
    .set({ rev: sql`CASE WHEN ${table.rev} = ${rev} THEN ${table.rev} + 1 ELSE NULL END` })
    .where(eq(table.id, id));
}

const docOf = (r: typeof t.campaignDocs.$inferSelect): DocRow => ({ ...r, state: r.state as StoredCampaignState });
const versionOf = (r: typeof t.campaignVersions.$inferSelect): VersionRow => ({ ...r, state: r.state as VersionState, summary: r.summary as string[], review: (r.review as Review[] | null) ?? null });

export class AuthoringStore {
  private local = 0;

  constructor(
    private readonly db: Db,
    private readonly atomic: Atomic,
  ) {}

  /** Bumped after every committed write of this process: the config cache reloads when it moves. */
  configVersion(): number {
    return this.local;
  }

  private async commit(build: (db: Db) => Runnable[]): Promise<void> {
    try {
      await this.atomic(build);
    } catch (err) {
      if (isConstraint(err)) throw new StaleWrite(String((err as Error).message));
      throw err;
    }
    this.local++;
  }

  async getDoc(id: string): Promise<DocRow | null> {
    const [r] = await this.db.select().from(t.campaignDocs).where(eq(t.campaignDocs.id, id));
    return r ? docOf(r) : null;
  }

  async listDocs(): Promise<DocRow[]> {
    return (await this.db.select().from(t.campaignDocs).orderBy(asc(t.campaignDocs.id))).map(docOf);
  }

  async getVersion(id: string, version: number): Promise<VersionRow | null> {
    const [r] = await this.db.select().from(t.campaignVersions).where(sql`${t.campaignVersions.campaignId} = ${id} AND ${t.campaignVersions.version} = ${version}`);
    return r ? versionOf(r) : null;
  }

  async listVersions(id: string): Promise<VersionRow[]> {
    return (await this.db.select().from(t.campaignVersions).where(eq(t.campaignVersions.campaignId, id)).orderBy(asc(t.campaignVersions.version))).map(versionOf);
  }

  writeCampaign(w: CampaignWrite): Promise<void> {
    const d = t.campaignDocs;
    const v = t.campaignVersions;
    return this.commit((db) => {
      const out: Runnable[] = [];
      if (w.expectRev === null) out.push(db.insert(d).values({ ...w.doc, rev: 1 }));
      else out.push(guard(db, d, w.doc.id, w.expectRev), db.update(d).set(w.doc).where(eq(d.id, w.doc.id)));
      if (w.insertVersion) out.push(db.insert(v).values(w.insertVersion));
      for (const s of w.versionStates ?? []) {
        out.push(db.update(v).set({ state: s.state, ...(s.review ? { review: s.review } : {}) }).where(sql`${v.campaignId} = ${w.doc.id} AND ${v.version} = ${s.version}`));
      }
      if (w.project) {
        out.push(db.delete(t.variants).where(eq(t.variants.campaignId, w.doc.id)));
        if (w.project === 'remove') out.push(db.delete(t.campaigns).where(eq(t.campaigns.id, w.doc.id)));
        else {
          const row = rows.campaignToRow(w.project.campaign);
          out.push(db.insert(t.campaigns).values(row).onConflictDoUpdate({ target: t.campaigns.id, set: { status: row.status, data: row.data } }));
          for (const variant of w.project.variants) out.push(db.insert(t.variants).values(rows.variantToRow(variant)));
        }
      }
      return out;
    });
  }

  // Placements and brand kits: one revisioned JSON document per row.

  listPlacements(): Promise<Array<Revisioned<Placement>>> {
    return this.list(t.placements) as Promise<Array<Revisioned<Placement>>>;
  }

  getPlacement(id: string): Promise<Revisioned<Placement> | null> {
    return this.get(t.placements, id) as Promise<Revisioned<Placement> | null>;
  }

  listBrandKits(): Promise<Array<Revisioned<BrandKit>>> {
    return this.list(t.brandKits) as Promise<Array<Revisioned<BrandKit>>>;
  }

  getBrandKit(id: string): Promise<Revisioned<BrandKit> | null> {
    return this.get(t.brandKits, id) as Promise<Revisioned<BrandKit> | null>;
  }

  /** Insert (expectRev null), replace (the rev read), or delete (value null). */
  putDocument(kind: 'placement' | 'brand_kit', id: string, value: Placement | BrandKit | null, expectRev: number | null, at: string, by: string): Promise<void> {
    const table = kind === 'placement' ? t.placements : t.brandKits;
    return this.commit((db) => {
      if (expectRev === null) return [db.insert(table).values({ id, data: value, rev: 1, updatedAt: at, updatedBy: by })];
      if (value === null) return [guard(db, table, id, expectRev), db.delete(table).where(eq(table.id, id))];
      return [guard(db, table, id, expectRev), db.update(table).set({ data: value, updatedAt: at, updatedBy: by }).where(eq(table.id, id))];
    });
  }

  /** Content-addressed: the same bytes under the same key are stored once. */
  putAsset(key: string, contentType: string, bytes: Uint8Array): Promise<void> {
    // Buffer exists on Node and on Workers (nodejs_compat); better-sqlite3 binds only Buffers.
    return this.commit((db) => [db.insert(t.assets).values({ key, contentType, bytes: Buffer.from(bytes) }).onConflictDoNothing()]);
  }

  private async list(table: typeof t.placements | typeof t.brandKits): Promise<Array<Revisioned<unknown>>> {
    return (await this.db.select().from(table).orderBy(asc(table.id))).map((r) => ({ value: r.data, rev: r.rev, updatedAt: r.updatedAt, updatedBy: r.updatedBy }));
  }

  private async get(table: typeof t.placements | typeof t.brandKits, id: string): Promise<Revisioned<unknown> | null> {
    const [r] = await this.db.select().from(table).where(eq(table.id, id));
    return r ? { value: r.data, rev: r.rev, updatedAt: r.updatedAt, updatedBy: r.updatedBy } : null;
  }
}
