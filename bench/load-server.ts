// The server child for bench/load.ts: the demo store in a SQLite file (WAL, as `npm start` runs).
import { serve } from '@hono/node-server';
import { buildNodeApp } from '../src/runtime/node/build.ts';

const [db, portArg] = process.argv.slice(2);
const v = await buildNodeApp({ db: db!, demo: true, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' } });
serve({ fetch: v.app.fetch, port: Number(portArg), hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
process.on('SIGINT', () => void v.close().then(() => process.exit(0)));
