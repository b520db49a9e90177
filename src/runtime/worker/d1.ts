// D1 behind the same drizzle store as Node: the schema and migrations are shared, a D1 batch
// (transactional: all statements commit or none) is the `atomic` runner.
import { drizzle } from 'drizzle-orm/d1';
import type { BatchItem } from 'drizzle-orm/batch';
import * as schema from '../../storage/schema.ts';
import { SqlStore, type Atomic, type Db } from '../../storage/sql-store.ts';
import type { D1Database } from './cf-types.ts';

/** D1 refuses statements with more than 100 bound parameters. */
export const D1_MAX_PARAMS = 100;

export function openD1Store(d1: D1Database): SqlStore {
  return openD1(d1).store;
}

/** The store and the drizzle database under it (the audit trail and accounts share it). */
export function openD1(d1: D1Database): { store: SqlStore; db: Db } {
  const db = drizzle(d1 as never, { schema });
  const atomic: Atomic = async (build) => {
    const statements = build(db as unknown as Db) as unknown as BatchItem<'sqlite'>[];
    if (statements.length === 0) return;
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  };
  return { store: new SqlStore(db as unknown as Db, atomic, D1_MAX_PARAMS, { prepared: false }), db: db as unknown as Db };
}
