// better-sqlite3 behind the drizzle store: file or :memory:, WAL, migrations applied on open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../storage/schema.ts';
import { SqlStore, type Atomic, type Db } from '../../storage/sql-store.ts';

export const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

export function openNodeStore(path: string): { store: SqlStore; db: Db; close(): void } {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(memory ? ':memory:' : path);
  if (!memory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  // better-sqlite3 is synchronous: the statements run back to back inside one transaction,
  // so nothing else can interleave and a failure rolls the whole batch back.
  const atomic: Atomic = async (build) => {
    sqlite.transaction(() => {
      for (const q of build(db as unknown as Db)) q.run();
    })();
  };
  return { store: new SqlStore(db as unknown as Db, atomic), db: db as unknown as Db, close: () => sqlite.close() };
}
