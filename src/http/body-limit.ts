// A body limit that answers with the one error type (413 naming the limit).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';

export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new VitrineError('payload_too_large', `body: larger than ${maxSize} bytes`, 'body');
    },
  });
}
