// The two runtimes the HTTP contract runs against: the Node server (better-sqlite3, sharp) on a
// free port, and the worker under `wrangler dev` (workerd, local D1 with migrations applied and
// the demo store seeded, no network). Both hold the same demo data generated for the same clock.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ServerType } from '@hono/node-server';
import { serveNode } from '../../src/runtime/node/serve.ts';
import { stampArrivals } from '../../src/runtime/node/arrival.ts';
import { loadDemo } from '../../src/demo/seed.ts';
import { parseActorKeys } from '../../src/services/actor-keys.ts';
import { buildNodeApp } from '../../src/runtime/node/build.ts';
import { sharpRasterizer } from '../../src/runtime/node/rasterizer.ts';
import { demoSql } from '../../scripts/worker-seed.ts';

export const ADMIN_KEY = 'contract-admin-key-0123456789';
export const SECRET = 'contract-secret-0123456789abcdef';
export const MERCHANT_KEY = 'contract-merchant-key-0123456789';
/** Interim per-role keys on both runtimes (the authoring contract's editor, approver and viewer). */
export const ACTOR_KEYS = {
  editor: 'contract-editor-key-0123456789',
  approver: 'contract-approver-key-0123456789',
  viewer: 'contract-viewer-key-0123456789',
} as const;
const ACTOR_KEYS_ENV = `ed@example.com/editor/${ACTOR_KEYS.editor},ap@example.com/approver/${ACTOR_KEYS.approver},vi@example.com/viewer/${ACTOR_KEYS.viewer}`;
/** Vitrine's IAB vendor id on both runtimes (the consent fixtures' vendor). */
export const GVL_ID = 1234;
/** The demo data's clock on both runtimes, and the `at` replayed decisions use. */
export const DATA_CLOCK = '2026-11-24T15:00:00Z';
/** The exchange both runtimes answer no-bids to as 200 `{"id","seatbid":[],"nbr"}` (VITRINE_NBR_EXCHANGES). */
export const NBR_EXCHANGE = 'pbs.nbr-contract.example';
/** What the worker's `request.cf` says in these tests (wrangler dev reads it from a file). */
export const CF = { country: 'SA', regionCode: '01', timezone: 'Asia/Riyadh', city: 'Riyadh', colo: 'RUH' };

export interface Target {
  name: 'node' | 'worker';
  url: string;
  /** Events recorded for a decision, once the runtime has written what it queued. */
  countEvents(decisionId: string): Promise<number>;
  /** Audit actions recorded for an entity id, oldest first, with who (`action by label`). */
  auditTrail(entityId: string): Promise<string[]>;
  /** The server's output so far (the worker's console lines). */
  log(): string;
  /** Process group of the server's processes (the worker's wrangler and workerd), when it has its own. */
  pgid?: number;
  /** Worker: `wrangler d1 migrations apply --local` on its database while it runs. */
  migrate?(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startNode(opts: { renderCacheBytes?: number } = {}): Promise<Target> {
  const v = await buildNodeApp({ db: ':memory:', demo: false, config: { adminKey: ADMIN_KEY, secret: SECRET, merchantKey: MERCHANT_KEY, gvlVendorId: GVL_ID, nbrExchanges: [NBR_EXCHANGE] }, actorKeys: parseActorKeys(ACTOR_KEYS_ENV), ...opts });
  await loadDemo(v.store, sharpRasterizer(), new Date(DATA_CLOCK), v.authoring!);
  const port = await freePort();
  const server: ServerType = await new Promise((resolve) => {
    // The server `npm start` runs (buffered small bodies, arrivals stamped), so the contract covers it.
    const s = serveNode({ fetch: v.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    stampArrivals(s);
  });
  return {
    name: 'node',
    url: `http://127.0.0.1:${port}`,
    log: () => '',
    async auditTrail(entityId) {
      return (await v.audit.list({ entityId, limit: 500 })).reverse().map((e) => `${e.action} by ${e.actor.label}`);
    },
    async countEvents(decisionId) {
      await v.flush();
      return v.store.countEvents({ decisionId });
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await v.close();
    },
  };
}

/** Wrangler without the network: no metrics, no `request.cf` download (read from a file instead). */
function wranglerEnv(dir: string): NodeJS.ProcessEnv {
  const cfPath = join(dir, 'cf.json');
  writeFileSync(cfPath, JSON.stringify(CF));
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_PATH: cfPath, CI: '1', NO_COLOR: '1', WRANGLER_LOG_PATH: join(dir, 'logs') };
}

async function wrangler(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [WRANGLER, ...args, '--persist-to', join(dir, 'state')], { cwd: ROOT, env: wranglerEnv(dir), maxBuffer: 64 << 20 });
  return stdout;
}

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`wrangler dev did not answer ${url} within ${ms} ms:\n${log()}`);
}

/** `wrangler dev --local` on a fresh local D1: migrated and seeded unless told otherwise. */
export async function startWorker(opts: { migrate?: boolean; seed?: boolean; vars?: Record<string, string> } = {}): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-worker-'));
  if (opts.migrate !== false) await wrangler(dir, ['d1', 'migrations', 'apply', 'vitrine', '--local']);
  if (opts.migrate !== false && opts.seed !== false) {
    writeFileSync(join(dir, 'seed.sql'), await demoSql(new Date(DATA_CLOCK)));
    await wrangler(dir, ['d1', 'execute', 'vitrine', '--local', '--file', join(dir, 'seed.sql')]);
  }
  const port = await freePort();
  const vars = { VITRINE_ACTOR_KEYS: ACTOR_KEYS_ENV, VITRINE_ADMIN_KEY: ADMIN_KEY, VITRINE_SECRET: SECRET, VITRINE_MERCHANT_KEY: MERCHANT_KEY, VITRINE_GVL_ID: String(GVL_ID), VITRINE_NBR_EXCHANGES: NBR_EXCHANGE, ...opts.vars };
  const args = [WRANGLER, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--persist-to', join(dir, 'state'), '--show-interactive-dev-session=false', '--log-level', 'log'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: wranglerEnv(dir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/healthz`, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    name: 'worker',
    url,
    pgid: child.pid!,
    migrate: async () => void (await wrangler(dir, ['d1', 'migrations', 'apply', 'vitrine', '--local'])),
    log: () => output,
    async auditTrail(entityId) {
      if (!/^[\w.-]+$/.test(entityId)) throw new Error(`not an id: ${entityId}`);
      const out = await wrangler(dir, ['d1', 'execute', 'vitrine', '--local', '--json', '--command', `SELECT action, actor_label FROM audit_log WHERE entity_id = '${entityId}' ORDER BY id`]);
      return (JSON.parse(out) as Array<{ results: Array<{ action: string; actor_label: string }> }>)[0]!.results.map((r) => `${r.action} by ${r.actor_label}`);
    },
    async countEvents(decisionId) {
      if (!/^d_[0-9a-f]+$/.test(decisionId)) throw new Error(`not a decision id: ${decisionId}`);
      // The worker writes events after the response (ctx.waitUntil); give it a moment.
      await new Promise((r) => setTimeout(r, 300));
      const out = await wrangler(dir, ['d1', 'execute', 'vitrine', '--local', '--json', '--command', `SELECT count(*) AS n FROM events WHERE decision_id = '${decisionId}'`]);
      return (JSON.parse(out) as Array<{ results: Array<{ n: number }> }>)[0]!.results[0]!.n;
    },
    stop,
  };
}
