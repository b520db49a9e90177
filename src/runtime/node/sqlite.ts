// better-sqlite3 behind the drizzle store: file or :memory:, WAL, migrations applied on open.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../storage/schema.ts';
import { SqlStore, type Atomic, type Db } from '../../storage/sql-store.ts';

export const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

/**
 * `synchronous=NORMAL` in WAL mode: a commit is in the WAL file (the OS's page cache) when it
 * returns, so a process crash (SIGKILL) loses nothing committed; only a power loss or kernel crash
 * can roll back the last commits. FULL adds an fsync per commit (VITRINE_SQLITE_SYNC=FULL).
 */
export function openNodeStore(path: string, opts: { synchronous?: 'NORMAL' | 'FULL' } = {}): { store: SqlStore; db: Db; close(): void } {
  const memory = path === ':memory:' || path === '';
  if (!memory) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created owner-only (catalog, profiles, keys live here); SQLite gives its -wal and -shm files the same mode.
    if (!existsSync(path)) {
      closeSync(openSync(path, 'a', 0o600));
      chmodSync(path, 0o600);
    }
  }
  const sqlite = new Database(memory ? ':memory:' : path);
  if (!memory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
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
  // Moves when another connection (a CLI import on the same file) commits: the store's cached candidate lists are dropped then.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  return { store: new SqlStore(db as unknown as Db, atomic, undefined, { prepared: true, dataVersion: () => dataVersion.get() as number }), db: db as unknown as Db, close: () => sqlite.close() };
}
