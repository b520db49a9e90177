// Photo derivatives (schema-photos.ts): the serving read is one prepared join (the smallest
// derivative at least as large as the drawn side, with its bytes); ingest replaces a link's rows
// and adds its assets in one transaction. Driver-free, like SqlStore.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { chunks } from './chunks.ts';
import type { PhotoDerivative, StoredDerivative } from './port.ts';
import * as t from './schema.ts';
import type { Atomic, Db } from './sql-store.ts';

const d = t.photoDerivatives;

export class PhotoStore {
  private readonly nearest;
  private readonly asset;

  constructor(
    private readonly db: Db,
    private readonly atomic: Atomic,
    private readonly maxParams: number,
  ) {
    this.nearest = db
      .select({ side: d.side, width: d.width, height: d.height, contentType: t.assets.contentType, bytes: t.assets.bytes })
      .from(d)
      .innerJoin(t.assets, eq(t.assets.key, d.assetKey))
      .where(and(eq(d.link, sql.placeholder('link')), gte(d.side, sql.placeholder('side'))))
      .orderBy(asc(d.side))
      .limit(1)
      .prepare();
    this.asset = db.select({ contentType: t.assets.contentType, bytes: t.assets.bytes }).from(t.assets).where(eq(t.assets.key, sql.placeholder('key'))).prepare();
  }

  async derivative(link: string, side: number): Promise<StoredDerivative | null> {
    const [r] = await this.nearest.all({ link, side });
    return r ? { side: r.side, width: r.width, height: r.height, contentType: r.contentType, bytes: asBytes(r.bytes) } : null;
  }

  async getAsset(key: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
    const [r] = await this.asset.all({ key });
    return r ? { contentType: r.contentType, bytes: asBytes(r.bytes) } : null;
  }

  /** Product image links with a stored original and no derivatives (stored before ingest made them). */
  async linksWithout(limit: number): Promise<string[]> {
    const p = t.products;
    const rows = await this.db
      .selectDistinct({ link: p.imageLink })
      .from(p)
      .innerJoin(t.assets, eq(t.assets.key, p.imageLink))
      .where(sql`NOT EXISTS (SELECT 1 FROM ${d} WHERE ${d.link} = ${p.imageLink})`)
      .limit(limit);
    return rows.map((r) => r.link);
  }

  /** The link's derivatives become exactly `list` (older sides are dropped); equal assets are stored once. */
  async put(link: string, list: PhotoDerivative[]): Promise<void> {
    // ≤ 100 bound parameters per statement (D1): 3 per asset row, 5 per index row.
    const max = Math.min(this.maxParams, 100);
    const assets = [...new Map(list.map((x) => [x.key, { key: x.key, contentType: x.contentType, bytes: toBuffer(x.bytes) }])).values()];
    const index = list.map((x) => ({ link, side: x.side, assetKey: x.key, width: x.width, height: x.height }));
    await this.atomic((db) => [
      ...chunks(assets, Math.floor(max / 3)).map((c) => db.insert(t.assets).values(c).onConflictDoNothing()),
      db.delete(d).where(eq(d.link, link)),
      ...chunks(index, Math.floor(max / 5)).map((c) => db.insert(d).values(c)),
    ]);
  }
}

/** A blob column as bytes without a copy (better-sqlite3 hands a Buffer, D1 an ArrayBuffer or array). */
function asBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return new Uint8Array(v as ArrayLike<number>);
}

// Buffer exists on Node and on Workers (nodejs_compat); better-sqlite3 binds only Buffers.
const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
