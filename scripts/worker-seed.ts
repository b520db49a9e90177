// Writes the demo store as SQL for D1: `tsx scripts/worker-seed.ts demo.sql [clock ISO]`, then
// `wrangler d1 execute vitrine --local --file demo.sql` (or --remote). The rows come from the
// same generator and store code as Node's first start (product photos drawn with sharp), so a
// worker seeded with the same clock decides exactly as a Node server does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadDemo } from '../src/demo/seed.ts';
import { loadNodeFonts } from '../src/runtime/node/fonts.ts';
import { sharpRasterizer } from '../src/runtime/node/rasterizer.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { standaloneAuthoring } from '../src/services/authoring/context.ts';
import { SqlAuditLog } from '../src/storage/audit-store.ts';

// Left out: migration bookkeeping (wrangler keeps its own) and settings (secrets stay per deployment).
const SKIP = new Set(['__drizzle_migrations', 'd1_migrations', 'settings']);
// Rows per INSERT: D1 caps one statement at 100 KB of SQL.
const MAX_STATEMENT = 90_000;

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
function referencedFirst(db: Database.Database): string[] {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  const refs = new Map(names.map((n) => [n, (db.prepare(`PRAGMA foreign_key_list("${n}")`).all() as Array<{ table: string }>).map((f) => f.table).filter((t) => t !== n)]));
  const done: string[] = [];
  while (done.length < names.length) {
    const next = names.find((n) => !done.includes(n) && refs.get(n)!.every((r) => done.includes(r) || !names.includes(r)));
    if (!next) throw new Error('seed: foreign keys form a cycle');
    done.push(next);
  }
  return done;
}

/** Every data table as INSERT statements, referenced tables first. */
export function dumpSql(file: string): string {
  const db = new Database(file, { readonly: true });
  const out: string[] = [];
  for (const name of referencedFirst(db)) {
    if (SKIP.has(name)) continue;
    const rows = db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][];
    if (rows.length === 0) continue;
    const cols = (db.prepare(`SELECT * FROM "${name}"`).columns() as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ');
    const head = `INSERT INTO "${name}" (${cols}) VALUES\n`;
    let values: string[] = [];
    let size = head.length;
    const emit = () => {
      if (values.length) out.push(`${head}${values.join(',\n')};`);
      values = [];
      size = head.length;
    };
    for (const r of rows) {
      const tuple = `(${r.map(literal).join(', ')})`;
      if (size + tuple.length > MAX_STATEMENT) emit();
      values.push(tuple);
      size += tuple.length + 2;
    }
    emit();
  }
  db.close();
  return `${out.join('\n')}\n`;
}

export async function demoSql(now: Date): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-seed-'));
  try {
    const file = join(dir, 'demo.db');
    const { store, db, close } = openNodeStore(file);
    await loadDemo(store, sharpRasterizer(), now, standaloneAuthoring(store, new SqlAuditLog(db, () => now.getTime()), () => now.getTime()), await loadNodeFonts());
    close();
    return dumpSql(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [outFile, clock] = process.argv.slice(2);
  if (!outFile) {
    process.stderr.write('usage: tsx scripts/worker-seed.ts <out.sql> [clock ISO, default now]\n');
    process.exit(2);
  }
  const now = clock ? new Date(clock) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`clock: not an ISO instant: "${clock}"`);
  const sql = await demoSql(now);
  writeFileSync(outFile, sql);
  process.stdout.write(`${outFile}: demo store at ${now.toISOString()}, ${(sql.length / 1024).toFixed(0)} KiB of SQL\n`);
}
