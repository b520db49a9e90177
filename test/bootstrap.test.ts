// First start on Node: an owner is created once, its generated password written to a 0600 file
// beside the database, and that password signs in as owner.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapOwner } from '../src/runtime/node/bootstrap.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { ORIGIN } from './helpers/accounts.ts';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('first start', () => {
  it('creates the owner once and writes the generated password to a 0600 file', async () => {
    const db = join(dir, 'data', 'vitrine.db');
    const v = await buildNodeApp({ db, demo: false, config: { adminKey: 'boot-admin-key-0123456789', secret: 'boot-secret-0123456789abcdef' } });
    try {
      const first = await bootstrapOwner(v.accounts, db, {});
      expect(first).toEqual({ email: 'owner@vitrine.local', file: join(dir, 'data', 'owner-password.txt'), password: null });
      expect(statSync(first!.file!).mode & 0o777).toBe(0o600);
      const password = readFileSync(first!.file!, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(await bootstrapOwner(v.accounts, db, {})).toBeNull();

      const res = await v.app.request(`${ORIGIN}/v1/auth/sign-in/email`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'owner@vitrine.local', password }) });
      expect(res.status).toBe(200);
      const me = await v.app.request(`${ORIGIN}/v1/admin/me`, { headers: { Cookie: res.headers.get('set-cookie')!.split(';')[0]! } });
      expect(await me.json()).toMatchObject({ label: 'owner@vitrine.local', role: 'owner', via: 'session' });
      const [entry] = await v.audit.list({ entity: 'user' });
      expect(entry).toMatchObject({ action: 'user.create', actor: { id: 'system' }, note: 'bootstrap owner', after: { role: 'owner' } });
    } finally {
      await v.close();
    }
  });
});
