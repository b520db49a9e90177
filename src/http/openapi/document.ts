// The OpenAPI 3.1 document, generated from the route-schema registry with zod 4's JSON Schema
// output (OpenAPI 3.1 schemas are JSON Schema 2020-12). Built once per process: specs are static.
import { z } from 'zod';
import { routeSpecs, openApiPath, type AuthKind, type RouteSpec } from './registry.ts';
import './all.ts';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

const SECURITY: Record<AuthKind, Json[] | undefined> = {
  none: undefined,
  admin: [{ bearer: [] }, { session: [] }],
  merchant: [{ merchantKey: [] }],
  webhook: [{ shopifyHmac: [] }],
  session: [{ session: [] }],
};

function parameters(spec: RouteSpec): Json[] {
  const out: Json[] = [];
  const add = (where: 'path' | 'query', obj: z.ZodObject | undefined) => {
    for (const [name, field] of Object.entries(obj?.shape ?? {}) as Array<[string, z.ZodType]>) {
      const schema = schemaOf(field, 'input');
      const description = typeof schema.description === 'string' ? schema.description : undefined;
      out.push({ name, in: where, required: where === 'path' || !field.safeParse(undefined).success, schema, ...(description ? { description } : {}) });
    }
  };
  add('path', spec.params);
  add('query', spec.query);
  // Path parameters the spec did not describe are still required strings.
  for (const m of spec.path.matchAll(/:(\w+)/g)) if (!out.some((p) => p.in === 'path' && p.name === m[1])) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  return out;
}

function operation(spec: RouteSpec): Json {
  const responses: Json = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = { description: r.description, ...(r.schema ? { content: { [r.type ?? 'application/json']: { schema: schemaOf(r.schema, 'output') } } } : r.type ? { content: { [r.type]: {} } } : {}) };
  }
  if (spec.auth !== 'none' && !responses['401']) responses['401'] = { description: 'not signed in, or the key/token is not valid' };
  if (spec.permission && spec.permission !== 'read' && !responses['403']) responses['403'] = { description: `the role lacks "${spec.permission}"` };
  if (spec.body?.limit && !responses['413']) responses['413'] = { description: `body over ${spec.body.limit} bytes` };
  const security = SECURITY[spec.auth];
  return {
    operationId: `${spec.method}${spec.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    ...(security ? { security } : {}),
    ...(spec.permission ? { 'x-vitrine-permission': spec.permission } : {}),
    parameters: parameters(spec),
    ...(spec.body
      ? { requestBody: { required: true, ...(spec.body.description ? { description: spec.body.description } : {}), content: { [spec.body.type]: spec.body.schema ? { schema: schemaOf(spec.body.schema, 'input') } : {} } } }
      : {}),
    responses,
  };
}

let built: Json | null = null;

export function openApiDocument(): Json {
  if (built) return built;
  const paths: Record<string, Json> = {};
  for (const spec of routeSpecs()) (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation(spec);
  built = {
    openapi: '3.1.0',
    info: {
      title: 'Vitrine',
      version: '0.1.0',
      description: 'Dynamic creative optimization ad server. Admin routes take the bootstrap admin key or a user API token as a bearer, or a session cookie from /v1/auth/sign-in/email (writes with a cookie must come from the app’s own origin).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'VITRINE_ADMIN_KEY (acts as owner) or a user API token (vt_…)' },
        session: { type: 'apiKey', in: 'cookie', name: 'vitrine.session_token', description: 'Session cookie set by POST /v1/auth/sign-in/email' },
        merchantKey: { type: 'http', scheme: 'bearer', description: 'VITRINE_MERCHANT_KEY (or the admin key)' },
        shopifyHmac: { type: 'apiKey', in: 'header', name: 'X-Shopify-Hmac-Sha256', description: 'base64 HMAC-SHA-256 of the body under VITRINE_SHOPIFY_SECRET' },
      },
    },
  };
  return built;
}
