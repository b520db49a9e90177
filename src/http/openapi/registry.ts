// One schema entry per mounted route (method + path): what it takes (path params, query, body)
// and answers, who may call it, and the permission a write needs. The OpenAPI document and the
// docs page are generated from these entries; a test fails when a mounted route has none.
// Areas register in their own files (specs-*.ts) so parallel work never edits one list.
import type { z } from 'zod';
import type { Permission } from '../../services/access.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** none: public; admin: /v1/admin (admin key, API token or session); merchant: merchant key; webhook: signed body; session: better-auth. */
export type AuthKind = 'none' | 'admin' | 'merchant' | 'webhook' | 'session';

export interface BodySpec {
  /** The media type; JSON bodies give a zod schema, others (feeds, images) a description. */
  type: string;
  schema?: z.ZodType;
  description?: string;
  /** Bytes accepted (413 beyond). */
  limit?: number;
}

export interface ResponseSpec {
  description: string;
  /** application/json unless given. */
  type?: string;
  schema?: z.ZodType;
}

export interface RouteSpec {
  method: Method;
  /** The Hono path (`/v1/admin/promos/:id`); the document shows it as `/v1/admin/promos/{id}`. */
  path: string;
  summary: string;
  tag: string;
  auth: AuthKind;
  /** What an /v1/admin actor's role must grant (403 naming it otherwise). */
  permission?: Permission;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: BodySpec;
  responses: Record<number, ResponseSpec>;
}

const routes: RouteSpec[] = [];
const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const byKey = new Map<string, RouteSpec>();

/** Registers route schemas (module load time). A second entry for one method + path is a bug. */
export function defineRoutes(specs: RouteSpec[]): void {
  for (const s of specs) {
    const k = keyOf(s.method, s.path);
    if (byKey.has(k)) throw new Error(`openapi: route ${k} is described twice`);
    byKey.set(k, s);
    routes.push(s);
  }
}

export function routeSpecs(): readonly RouteSpec[] {
  return routes;
}

export function routeSpec(method: string, path: string): RouteSpec | undefined {
  return byKey.get(keyOf(method, path));
}

/** `/v1/admin/promos/:id` → `/v1/admin/promos/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');
