// Bulk profiles as NDJSON (one `{ "uid": …, …profile }` per line), streamed: good lines are stored
// in batches (one transaction each), every rejected line is reported with its number and reason.
import { uidSchema, hashUid, parseProfile, productIdsOf, toProfile, type ProfileDeps, type ProfileInput } from './profiles.ts';
import type { Profile } from '../domain/types.ts';

export interface ProfileImportSummary {
  read: number;
  stored: number;
  rejected: number;
  problems: Array<{ line: number; field: string; reason: string }>;
  /** Lines whose profile names product ids the catalog does not know (stored all the same). */
  unknownProducts: Array<{ line: number; ids: string[] }>;
  expiredPurged: number;
  ms: number;
}

const BATCH = 1000;
/** A line longer than this is rejected unread (a profile is a few KB at most). */
const MAX_LINE = 256 * 1024;

/** Lines of a UTF-8 byte stream with their 1-based numbers; never holds more than one line. */
export async function* ndjsonLines(input: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; text: string | null }> {
  const dec = new TextDecoder();
  let buf = '';
  let n = 0;
  let skipping = false;
  for await (const chunk of input) {
    buf += dec.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      n++;
      const text = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (skipping) {
        skipping = false;
        yield { line: n, text: null };
      } else yield { line: n, text };
    }
    if (buf.length > MAX_LINE) {
      // Too long to be a profile: drop it and report it when its line ends.
      buf = '';
      skipping = true;
    }
  }
  buf += dec.decode();
  if (buf.length || skipping) yield { line: n + 1, text: skipping ? null : buf };
}

export async function importProfiles(deps: ProfileDeps, input: AsyncIterable<Uint8Array>): Promise<ProfileImportSummary> {
  const started = Date.now();
  const s: ProfileImportSummary = { read: 0, stored: 0, rejected: 0, problems: [], unknownProducts: [], expiredPurged: 0, ms: 0 };
  let batch: Array<{ line: number; uid: string; input: ProfileInput }> = [];
  const flush = async () => {
    if (!batch.length) return;
    const categories = await deps.store.productCategories(batch.flatMap((b) => productIdsOf(b.input)));
    const now = deps.clock();
    // Within one file the last line for a uid wins, as it would over the API.
    const byHash = new Map<string, { userHash: string; profile: Profile }>();
    for (const b of batch) {
      const userHash = await hashUid(deps, b.uid);
      byHash.set(userHash, { userHash, profile: toProfile(b.input, categories, now, deps.config.profileTtlDays) });
      const unknown = [...new Set(productIdsOf(b.input).filter((id) => !categories.has(id)))];
      if (unknown.length) s.unknownProducts.push({ line: b.line, ids: unknown });
    }
    await deps.store.putProfiles([...byHash.values()]);
    s.stored += batch.length;
    batch = [];
  };
  const reject = (line: number, field: string, reason: string) => {
    s.rejected++;
    s.problems.push({ line, field, reason });
  };
  for await (const { line, text } of ndjsonLines(input)) {
    if (text === null) {
      s.read++;
      reject(line, '(line)', `longer than ${MAX_LINE} bytes`);
      continue;
    }
    if (!text.trim()) continue;
    s.read++;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      reject(line, '(line)', 'not valid JSON');
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      reject(line, '(line)', 'expected a JSON object');
      continue;
    }
    const { uid, ...rest } = obj as Record<string, unknown>;
    const u = uidSchema.safeParse(uid);
    if (!u.success) {
      reject(line, 'uid', typeof uid === 'string' ? u.error.issues[0]!.message : 'required (a string)');
      continue;
    }
    const p = parseProfile(rest);
    if (!p.ok) {
      // One rejected line, every problem on it listed.
      s.rejected++;
      for (const pr of p.problems) s.problems.push({ line, field: pr.field, reason: pr.reason });
      continue;
    }
    batch.push({ line, uid: u.data, input: p.input });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  s.expiredPurged = await deps.store.purgeExpiredProfiles(new Date(deps.clock()).toISOString());
  s.ms = Date.now() - started;
  return s;
}
