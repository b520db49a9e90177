// Interim per-role bearer keys (VITRINE_ACTOR_KEYS), until signed-in users and per-user API tokens
// (the accounts work) replace them: `label/role/key` entries, comma-separated. A key shorter than
// 16 characters or an unknown role is a startup error naming the entry.
import { isRole, type Actor } from './access.ts';
import { webKeyCompare, type KeyCompare } from '../security/compare.ts';

export interface ActorKey {
  key: string;
  actor: Actor;
}

export function parseActorKeys(raw: string | undefined): ActorKey[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((entry, i) => {
    const [label, role, key, ...rest] = entry.trim().split('/');
    if (!label || !key || rest.length || !isRole(role)) throw new Error(`VITRINE_ACTOR_KEYS entry ${i + 1}: expected label/role/key with role owner|admin|approver|editor|viewer`);
    if (key.length < 16) throw new Error(`VITRINE_ACTOR_KEYS entry ${i + 1} (${label}): the key must be at least 16 characters`);
    return { key, actor: { id: label, label, role, via: 'token' as const } };
  });
}

/** The accounts' actor source, plus the interim per-role keys (bearer only). */
export function withActorKeys<T extends { fromBearer(secret: string): Promise<Actor | null>; fromSession(headers: Headers): Promise<Actor | null> }>(base: T, keys: readonly ActorKey[], compare: KeyCompare = webKeyCompare()): T {
  if (!keys.length) return base;
  // Every key is compared (no early exit), each over equal-length digests through the runtime's constant-time port.
  const fromBearer = async (secret: string) => {
    const found = await base.fromBearer(secret);
    if (found) return found;
    const same = await Promise.all(keys.map((k) => compare(secret, k.key)));
    return keys[same.indexOf(true)]?.actor ?? null;
  };
  // A proxy, not a spread: the base may be a class instance whose methods (fromSession) live on its prototype.
  return new Proxy(base, {
    get(target, prop) {
      if (prop === 'fromBearer') return fromBearer;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
