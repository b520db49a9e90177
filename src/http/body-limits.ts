// Request body limits for the authoring API (documented in the README): past them, 413 before any parsing.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';

/** Campaign, placement and brand kit documents. */
export const DOCUMENT_LIMIT = 256 * 1024;
/** Uploaded logos and fonts (each kind has its own, smaller bound, answered with 400). */
export const UPLOAD_LIMIT = 4 * 1024 * 1024;

export function limit(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new VitrineError('payload_too_large', `body: larger than ${maxSize} bytes`, 'body', undefined, [{ field: '(body)', reason: `larger than the ${maxSize}-byte limit` }]);
    },
  });
}
