// The API description: every mounted route has a schema entry, the generated document validates
// as OpenAPI 3 (a maintained validator, offline), /docs renders it without scripts or CDNs, and a
// viewer gets 403 naming the permission on every admin write (table-driven over the registry).
import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { routeSpec, routeSpecs } from '../src/http/openapi/registry.ts';
import { fixtureApp } from './helpers/app.ts';
import { bearer, createUser, newToken, ORIGIN } from './helpers/accounts.ts';

let v: NodeVitrine;
beforeAll(async () => {
  v = await fixtureApp();
});
afterAll(() => v.close());

const HTTP = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

describe('route schemas', () => {
  it('every route mounted on the app has a schema entry, and every entry is mounted', () => {
    const mounted = [...new Set(v.app.routes.filter((r) => HTTP.has(r.method)).map((r) => `${r.method} ${r.path}`))];
    const missing = mounted.filter((k) => {
      const [method, path] = k.split(' ') as [string, string];
      // A wildcard mount (better-auth under /v1/auth/*) is described by the endpoints it serves.
      if (path.endsWith('/*')) return !routeSpecs().some((s) => s.method.toUpperCase() === method && s.path.startsWith(path.slice(0, -1)));
      return !routeSpec(method, path);
    });
    expect(missing).toEqual([]);
    const wildcards = mounted.filter((k) => k.endsWith('/*'));
    const stale = routeSpecs()
      .map((s) => `${s.method.toUpperCase()} ${s.path}`)
      .filter((k) => !mounted.includes(k) && !wildcards.some((w) => w.split(' ')[0] === k.split(' ')[0] && k.split(' ')[1]!.startsWith(w.split(' ')[1]!.slice(0, -1))));
    expect(stale).toEqual([]);
    expect(mounted.length).toBeGreaterThan(40);
  });
});

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3 document listing every route', async () => {
    const res = await v.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { parameters: Array<{ name: string }>; 'x-vitrine-permission'?: string }>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    for (const s of routeSpecs()) expect(doc.paths[s.path.replace(/:(\w+)/g, '{$1}')]?.[s.method], `${s.method} ${s.path}`).toBeDefined();
    expect(doc.paths['/v1/admin/promos/{id}']!.put!['x-vitrine-permission']).toBe('catalog.write');
    expect(doc.paths['/v1/creative']!.get!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['campaign', 'size', 'format', 'region', 'gdpr_consent']));
  });

  it('the validator refuses a broken document (the check can fail)', async () => {
    const res = await v.app.request('/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, { parameters: Array<{ in: string }> }>> };
    doc.paths['/v1/admin/audit']!.get!.parameters[0]!.in = 'body';
    expect((await validate(doc as never)).valid).toBe(false);
  });
});

describe('GET /docs', () => {
  it('renders every operation from the app’s own bytes: no script, nothing from another host', async () => {
    const res = await v.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    for (const s of routeSpecs()) expect(html, s.path).toContain(`<code>${s.path.replace(/:(\w+)/g, '{$1}')}</code>`);
    expect(html).toContain('permission <code>users.manage</code>');
  });
});

describe('a viewer', () => {
  const writes = routeSpecs().filter((s) => s.auth === 'admin' && s.method !== 'get' && s.permission !== undefined && s.permission !== 'read');

  it('is refused (403 naming the permission) on every admin write, and nothing is audited', async () => {
    expect(writes.length).toBeGreaterThanOrEqual(9);
    const { id } = await createUser(v.app, 'viewer@example.com', 'viewer');
    const { secret } = await newToken(v.app, { Authorization: 'Bearer test-admin-key-0123456789', 'Content-Type': 'application/json' }, { name: 'viewer token', user_id: id });
    const before = (await v.audit.list({ actorId: id })).length;
    for (const s of writes) {
      const path = s.path.replace(/:(\w+)/g, (_, name: string) => (name === 'kind' ? 'products' : 'x'));
      const headers = { ...bearer(secret), 'Content-Type': s.body?.type ?? 'application/json' };
      const res = await v.app.request(`${ORIGIN}${path}`, { method: s.method.toUpperCase(), headers, ...(s.method === 'delete' ? {} : { body: s.body?.type === 'application/json' ? '{}' : 'id\ttitle\n' }) });
      expect(res.status, `${s.method} ${s.path}`).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string; details: { missing: string } } };
      expect(body.error.details.missing, `${s.method} ${s.path}`).toBe(s.permission);
      expect(body.error.message).toContain(`"${s.permission}"`);
    }
    expect((await v.audit.list({ actorId: id })).length).toBe(before);
  });
});
