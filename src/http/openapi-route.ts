// GET /openapi.json and GET /docs: the API described by its own route schemas.
import type { Hono } from 'hono';
import { openApiDocument } from './openapi/document.ts';
import { docsPage } from './openapi/docs-page.ts';

export function mountOpenApi(app: Hono): void {
  let page: string | null = null;
  app.get('/openapi.json', (c) => c.json(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }));
  app.get('/docs', (c) => {
    page ??= docsPage(openApiDocument());
    return c.html(page, 200, { 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
  });
}
