// The studio's routes (/studio, server-rendered HTML for people in a browser; its actions call the
// same services as the admin API). Listed so /openapi.json describes every mounted route.
import { z } from 'zod';
import { defineRoutes, type RouteSpec } from './registry.ts';
import { errorBody } from './shared.ts';

const html = { description: 'an HTML page', type: 'text/html' };
const id = z.object({ id: z.string() });
const page = (path: string, summary: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({ method: 'get', path, summary, tag: 'Studio', auth: 'session', permission: 'read', responses: { 200: html, 302: { description: 'signed out: to /studio/signin?next=…' } }, ...extra });
const form = (path: string, summary: string, permission: RouteSpec['permission'], extra: Partial<RouteSpec> = {}): RouteSpec => ({
  method: 'post', path, summary, tag: 'Studio', auth: 'session', ...(permission ? { permission } : {}),
  body: { type: 'application/x-www-form-urlencoded', description: 'the page’s form', limit: 64 * 1024 },
  responses: { 200: html, 303: { description: 'done: to the next page' }, 403: errorBody('not from the studio’s own origin, or the role lacks the permission') }, ...extra,
});

defineRoutes([
  { ...page('/studio', 'The studio: redirects to the campaign list'), permission: undefined, auth: 'none', responses: { 302: { description: 'to /studio/campaigns' } } },
  { method: 'get', path: '/studio/assets/:name', summary: 'Studio stylesheet, script and chart library (uPlot), served from the app', tag: 'Studio', auth: 'none', params: z.object({ name: z.string() }), responses: { 200: { description: 'the file', type: 'text/plain' }, 404: errorBody('unknown asset') } },
  { method: 'get', path: '/studio/lang', summary: 'Switch the studio language (en or ar) and return to the page', tag: 'Studio', auth: 'none', query: z.object({ to: z.enum(['en', 'ar']), back: z.string().optional() }), responses: { 302: { description: 'back to the page' } } },
  { method: 'get', path: '/studio/signin', summary: 'Sign-in page (email and password, or the admin key)', tag: 'Studio', auth: 'none', query: z.object({ next: z.string().optional() }), responses: { 200: html } },
  { ...form('/studio/signin', 'Sign in (email + password through /v1/auth, or the admin key); the form comes back with its error', undefined), auth: 'none' },
  { ...form('/studio/signout', 'Sign out', undefined) },
  page('/studio/campaigns', 'Campaign list with status, flight, regions and a 7-day sparkline', { query: z.object({ status: z.string().optional(), brand: z.string().optional() }) }),
  page('/studio/campaigns/:id/tearsheet', 'Tearsheet over simulated signals; share=N makes an N-day read-only link', { params: id }),
  { method: 'get', path: '/studio/share/:token', summary: 'Shared read-only tearsheet (signed, expiring)', tag: 'Studio', auth: 'none', params: z.object({ token: z.string() }), responses: { 200: html, 410: { description: 'expired or tampered', type: 'text/html' } } },
  { method: 'get', path: '/studio/ts/:token/:i/:file', summary: 'One tearsheet cell’s creative (PNG) under its sealed simulation', tag: 'Studio', auth: 'none', params: z.object({ token: z.string(), i: z.string(), file: z.string() }), responses: { 200: { description: 'the creative', type: 'image/png' }, 404: errorBody('bad token or cell') } },
  page('/studio/campaigns/:id/report', 'Report with charts over time, tables by dimension, lift and probability of being best', { params: id, query: z.object({ days: z.string().optional() }) }),
  { ...page('/studio/campaigns/:id/report.csv', 'CSV of one report table', { params: id, query: z.object({ by: z.string().optional(), days: z.string().optional() }) }), responses: { 200: { description: 'RFC 4180 CSV', type: 'text/csv' }, 404: errorBody('unknown campaign') } },
  page('/studio/catalog', 'Products with stock by region and store', { query: z.object({ q: z.string().optional(), offset: z.string().optional() }) }),
  { method: 'post', path: '/studio/catalog/feed', summary: 'Feed upload from the studio (the same import as /v1/admin/feeds/:kind)', tag: 'Studio', auth: 'session', permission: 'catalog.write', query: z.object({ kind: z.string() }), body: { type: 'text/tab-separated-values', description: 'TSV or RSS XML feed', limit: 64 * 1024 * 1024 }, responses: { 200: { description: 'import summary with every rejected row' }, 400: errorBody('bad kind or content type') } },
  page('/studio/promos', 'Promos with each region’s local window, and the create form'),
  page('/studio/promos/:id', 'Edit one promo', { params: id }),
  form('/studio/promos', 'Create a promo (field errors shown next to the fields)', 'catalog.write'),
  form('/studio/promos/:id', 'Save a promo', 'catalog.write', { params: id }),
]);
