// Schemas of the event-health routes (issue 14): Prometheus metrics and the dead-letter list.
import { z } from 'zod';
import { defineRoutes } from './registry.ts';
import { errorBody } from './shared.ts';

defineRoutes([
  { method: 'get', path: '/metrics', tag: 'Operations', auth: 'admin', summary: 'Prometheus text: events accepted, stored, dead-lettered (by reason), failed; batches and commit time', responses: { 200: { description: 'Prometheus text exposition', type: 'text/plain' }, 401: errorBody('no admin key or user with read') } },
  { method: 'get', path: '/v1/admin/events/dead-letters', tag: 'Operations', auth: 'admin', summary: 'Events the store refused or that failed validation, newest first, with the reason', query: z.object({ limit: z.string().optional().describe('1..1000, default 100') }), responses: { 200: { description: 'total and rows { id, at, reason, payload }' }, 400: errorBody('bad limit'), 401: errorBody('no credential') } },
]);
