// The interim role keys wrap the accounts' actor source without losing its prototype methods:
// a request with no bearer still reaches the session lookup (it answered 500 when they were lost).
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/services/access.ts';
import { parseActorKeys, withActorKeys } from '../src/services/actor-keys.ts';

class Source {
  readonly sessionActor: Actor = { id: 'u1', label: 'u1@example.com', role: 'viewer', via: 'session' };
  async fromBearer(secret: string): Promise<Actor | null> {
    return secret === 'account-token-0123456789' ? { id: 'u2', label: 'u2', role: 'editor', via: 'token' } : null;
  }
  async fromSession(headers: Headers): Promise<Actor | null> {
    return headers.get('cookie') ? this.sessionActor : null;
  }
}

describe('withActorKeys', () => {
  it('adds the role keys and keeps the base source’s own methods', async () => {
    const wrapped = withActorKeys(new Source(), parseActorKeys('ed@example.com/editor/editor-key-0123456789'));
    expect((await wrapped.fromBearer('editor-key-0123456789'))?.role).toBe('editor');
    expect((await wrapped.fromBearer('account-token-0123456789'))?.id).toBe('u2');
    expect(await wrapped.fromBearer('nope-nope-nope-nope')).toBeNull();
    expect((await wrapped.fromSession(new Headers({ cookie: 'a=b' })))?.id).toBe('u1');
    expect(await wrapped.fromSession(new Headers())).toBeNull();
  });
});
