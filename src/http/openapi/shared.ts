// Pieces several route-spec files share: the one error body (VitrineError.toJSON).
import { z } from 'zod';
import type { ResponseSpec } from './registry.ts';

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'unprocessable', 'unavailable', 'internal']),
    message: z.string(),
    field: z.string().optional(),
    accepted: z.array(z.string()).optional(),
    details: z.unknown().optional(),
  }),
});

export const errorBody = (description: string): ResponseSpec => ({ description, schema: errorSchema });
