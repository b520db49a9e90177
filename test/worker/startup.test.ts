// The worker's startup check: a missing D1 binding or unapplied migrations become one clear
// message (logged, and the body of /healthz's 503). D1 is faked with the answers it gives.
import { describe, expect, it } from 'vitest';
import type { D1Database } from '../../src/runtime/worker/cf-types.ts';
import { EXPECTED_MIGRATIONS, startupProblem } from '../../src/runtime/worker/startup.ts';

function fakeD1(answer: () => Promise<{ results: Array<{ name: string }> }>): D1Database {
  const stmt = { bind: () => stmt, first: async () => null, all: answer, run: async () => ({}) };
  return { prepare: () => stmt, batch: async () => [], exec: async () => ({}) } as unknown as D1Database;
}

describe('worker startup check', () => {
  it('expects every migration in migrations/ (the journal), in order', () => {
    expect(EXPECTED_MIGRATIONS[0]).toBe('0000_init.sql');
    expect(EXPECTED_MIGRATIONS.length).toBeGreaterThanOrEqual(3);
  });

  it('names the missing binding and how to add it', async () => {
    expect(await startupProblem(undefined)).toMatch(/D1 binding "DB" is missing.*wrangler\.toml/);
  });

  it('names the migrations not applied, whether the table is absent or behind', async () => {
    const none = await startupProblem(fakeD1(() => Promise.reject(new Error('D1_ERROR: no such table: d1_migrations'))));
    expect(none).toContain(`D1 migrations not applied (${EXPECTED_MIGRATIONS.join(', ')})`);
    const behind = await startupProblem(fakeD1(async () => ({ results: EXPECTED_MIGRATIONS.slice(0, 1).map((name) => ({ name })) })));
    expect(behind).toContain(`(${EXPECTED_MIGRATIONS.slice(1).join(', ')})`);
    expect(behind).toContain('wrangler d1 migrations apply vitrine');
  });

  it('passes when all are applied, and reports an unreachable database as such', async () => {
    expect(await startupProblem(fakeD1(async () => ({ results: EXPECTED_MIGRATIONS.map((name) => ({ name })) })))).toBeNull();
    expect(await startupProblem(fakeD1(() => Promise.reject(new Error('network connection lost'))))).toMatch(/D1 is not reachable: .*network connection lost/);
  });
});
