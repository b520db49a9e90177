// Issue 14, durability: one bad row never blocks its batch (dead-lettered with the reason and
// counted), and an acknowledged event survives a SIGKILL of the Node server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { EventBuffer } from '../src/services/events.ts';
import { silentLogger } from '../src/services/deps.ts';
import type { EventRecord, Store } from '../src/storage/port.ts';
import { ADMIN_KEY, fixtureApp } from './helpers/app.ts';
import { NOW } from './helpers/fixture.ts';

const ev = (i: number, over: Partial<EventRecord> = {}): EventRecord => ({
  id: `e-${i}-${Math.random().toString(36).slice(2)}`,
  type: 'impression',
  decisionId: `d-${i}`,
  campaignId: 'c-run',
  variantId: 'v-default',
  productId: 'p1',
  region: 'GB-LND',
  at: new Date(NOW).toISOString(),
  test: false,
  ...over,
});

describe('a bad row in a batch', () => {
  it('is dead-lettered with its reason while the other rows are committed; the metrics count it', async () => {
    const v = await fixtureApp();
    try {
      // A store that refuses any batch holding the poison row (as a constraint would).
      const refusing = new Proxy(v.store, {
        get(target, prop, recv) {
          if (prop === 'recordEvents') {
            return (events: EventRecord[], ...rest: unknown[]) => {
              if (events.some((e) => e.decisionId === 'poison')) return Promise.reject(new Error('CHECK constraint failed: poison'));
              return (target.recordEvents as (...a: unknown[]) => Promise<void>).call(target, events, ...rest);
            };
          }
          return Reflect.get(target, prop, recv) as unknown;
        },
      }) as Store;
      const buf = new EventBuffer(refusing, silentLogger, { maxBatch: 64 });
      const outcomes = await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => buf.record(ev(i))),
        buf.record(ev(99, { decisionId: 'poison' })),
        // Invalid before it reaches the store: a type no allow-list knows.
        buf.record(ev(98, { type: 'toString' as never })),
        ...Array.from({ length: 20 }, (_, i) => buf.record(ev(100 + i))),
      ]);
      expect(outcomes.filter((o) => o === 'stored')).toHaveLength(60);
      expect(outcomes.filter((o) => o === 'dead_lettered')).toHaveLength(2);
      expect(await v.store.countEvents({ type: 'impression', campaignId: 'c-run' })).toBe(60);
      const dead = await v.store.listDeadLetters(10);
      expect(dead.map((d) => d.reason).sort()).toEqual([expect.stringMatching(/^invalid event: type: not an event type/), expect.stringMatching(/^store refused the event: Error: CHECK constraint failed: poison/)]);
      expect(dead.some((d) => JSON.parse(d.payload).decisionId === 'poison')).toBe(true);
      const text = buf.metrics.text();
      expect(text).toContain('vitrine_events_dead_lettered_total{reason="invalid"} 1');
      expect(text).toContain('vitrine_events_dead_lettered_total{reason="store_refused"} 1');
      expect(text).toContain('vitrine_events_stored_total{type="impression"} 60');
      // The next batch is not blocked by anything left over.
      expect(await buf.record(ev(500))).toBe('stored');
    } finally {
      await v.close();
    }
  });

  it('GET /metrics needs a credential and counts events', async () => {
    const v = await fixtureApp();
    try {
      expect((await v.app.request('/metrics')).status).toBe(401);
      const res = await v.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^# HELP vitrine_events_accepted_total/m);
    } finally {
      await v.close();
    }
  });
});

describe('SIGKILL after acknowledgement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-kill-'));
  const db = join(dir, 'kill.db');
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function start(): Promise<{ base: string; creative: string }> {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VITRINE_DB: db, VITRINE_DEMO: '1', VITRINE_ADMIN_KEY: ADMIN_KEY, VITRINE_SECRET: 'kill-test-secret-0123456789' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      child!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const base = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        const creative = /Creative: (\S+)/.exec(out)?.[1];
        if (base && creative) {
          clearTimeout(timer);
          resolve({ base, creative });
        }
      });
      child!.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  }

  it('every event answered 2xx is in the database after a SIGKILL and a restart on the same file', async () => {
    const { base, creative } = await start();
    const json = (await (await fetch(creative.replace('format=png', 'format=json'))).json()) as { decision: { id: string }; urls: { impression: string; click: string } };
    const imp = json.urls.impression;
    let acked = 0;
    let clicks = 0;
    // 400 beacons and player pings, 25 at a time; kill the moment the last answer is in.
    for (let round = 0; round < 16; round++) {
      const last = round === 15;
      const [answers, click] = await Promise.all([
        Promise.all(Array.from({ length: 25 }, (_, i) => fetch(i % 5 === 4 ? `${imp}?e=creativeView` : imp).then((r) => r.status))),
        last ? fetch(json.urls.click, { redirect: 'manual' }).then((r) => r.status) : Promise.resolve(0),
      ]);
      acked += answers.filter((s) => s === 200).length;
      if (click === 302) clicks++;
    }
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    expect(acked).toBe(400);
    expect(base).toMatch(/^http:\/\/localhost:\d+$/);
    const again = await buildNodeApp({ db, demo: false, config: { adminKey: ADMIN_KEY, secret: 'kill-test-secret-0123456789' } });
    try {
      const stored = (await again.store.countEvents({ type: 'impression', decisionId: json.decision.id })) + (await again.store.countEvents({ type: 'creative_view', decisionId: json.decision.id }));
      expect(stored).toBe(acked);
      expect(await again.store.countEvents({ type: 'click', decisionId: json.decision.id })).toBe(clicks);
    } finally {
      await again.close();
    }
  }, 120_000);
});
