// GET/PUT /v1/admin/rates: the exchange rates prices are converted with (dated, audited).
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { VitrineError } from '../domain/errors.ts';
import { replaceRates, type RatesDeps } from '../services/rates.ts';
import { jsonBody } from '../services/validation.ts';
import { actorWith } from './actor.ts';

const MAX_BODY = 64 * 1024;

export function mountRates(app: Hono, deps: RatesDeps): void {
  app.get('/v1/admin/rates', async (c) => {
    actorWith(c, 'read');
    return c.json({ rates: await deps.store.listRates() });
  });
  app.put(
    '/v1/admin/rates',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new VitrineError('payload_too_large', `body: larger than ${MAX_BODY} bytes`, 'body');
      },
    }),
    async (c) => {
      const actor = actorWith(c, 'catalog.write');
      return c.json({ rates: await replaceRates(deps, actor, await jsonBody(c.req)) });
    },
  );
}
