// A server child for the HTTP benchmark: `vitrine` (demo store) or `bare` (Hono returning the
// bytes of a file: the very PNG Vitrine serves, since the load generator's cost depends on content).
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { buildNodeApp } from '../src/runtime/node/build.ts';

const [kind, portArg, bytesArg] = process.argv.slice(2);
const port = Number(portArg);
let fetcher: (req: Request) => Response | Promise<Response>;
if (kind === 'bare') {
  const body = new Uint8Array(readFileSync(bytesArg!));
  const app = new Hono();
  app.get('/bare', (c) => c.body(body, 200, { 'Content-Type': 'image/png' }));
  // The floor for a refused large POST: read the whole body as text, answer a small 400.
  app.post('/bare-post', async (c) => c.json({ error: { code: 'bad_request', bytes: (await c.req.text()).length } }, 400));
  fetcher = app.fetch;
} else {
  const v = await buildNodeApp({ db: ':memory:', demo: true, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
  fetcher = v.app.fetch;
}
serve({ fetch: fetcher, port, hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
setInterval(() => {
  if (process.argv.includes('--report-rss')) process.stderr.write(`rss ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
}, 1000).unref();
process.on('SIGINT', () => process.exit(0));
