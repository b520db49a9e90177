// First start on Node: with no user yet, an owner is created so someone can sign in. The email is
// VITRINE_OWNER_EMAIL (default owner@vitrine.local); the password is VITRINE_OWNER_PASSWORD or a
// generated one written once to a 0600 file beside the database (printed to the console for :memory:).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../services/access.ts';
import type { Accounts } from '../../services/accounts/index.ts';

export interface BootstrapResult {
  email: string;
  /** Where the generated password was written, or null when it came from the environment or is printed. */
  file: string | null;
  /** Only when there is no file to hold it (in-memory database). */
  password: string | null;
}

export async function bootstrapOwner(accounts: Accounts, db: string, env: { email?: string | undefined; password?: string | undefined }): Promise<BootstrapResult | null> {
  const email = env.email || 'owner@vitrine.local';
  if (!z.email().safeParse(email).success) throw new Error(`VITRINE_OWNER_EMAIL: "${email}" is not an email address`);
  const made = await accounts.users.bootstrapOwner(SYSTEM_ACTOR, email, env.password || undefined);
  if (!made) return null;
  if (env.password) return { email: made.user.email, file: null, password: null };
  if (db === ':memory:' || db === '') return { email: made.user.email, file: null, password: made.password };
  const file = join(dirname(db), 'owner-password.txt');
  writeFileSync(file, `${made.password}\n`, { mode: 0o600, flag: 'w' });
  return { email: made.user.email, file, password: null };
}
