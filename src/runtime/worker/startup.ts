// What the worker checks before serving from D1: the binding exists and every migration in
// migrations/ has been applied (wrangler records them in `d1_migrations`).
import journal from '../../../migrations/meta/_journal.json';
import type { D1Database } from './cf-types.ts';

export const EXPECTED_MIGRATIONS: string[] = journal.entries.map((e) => `${e.tag}.sql`);

/** Null when D1 is ready; otherwise what is wrong and how to fix it. */
export async function startupProblem(db: D1Database | undefined): Promise<string | null> {
  if (!db || typeof db.prepare !== 'function') {
    return 'D1 binding "DB" is missing: add a [[d1_databases]] entry with binding = "DB" to wrangler.toml (wrangler d1 create vitrine prints it)';
  }
  let applied: Set<string>;
  try {
    const { results } = await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
    applied = new Set(results.map((r) => r.name));
  } catch (err) {
    if (!/no such table/i.test(String(err))) return `D1 is not reachable: ${String(err)}`;
    applied = new Set();
  }
  const missing = EXPECTED_MIGRATIONS.filter((m) => !applied.has(m));
  if (missing.length === 0) return null;
  return `D1 migrations not applied (${missing.join(', ')}): run \`wrangler d1 migrations apply vitrine --remote\` (or --local for wrangler dev)`;
}
