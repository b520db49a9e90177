// Cost of one group-commit batch by size (Node, WAL, synchronous=NORMAL vs FULL): what a beacon
// pays for its transaction, and how batching spreads it. Alone: `npx tsx bench/event-batch.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import type { EventRecord } from '../src/storage/port.ts';

const SIZES = [1, 4, 16, 64, 256];
const EVENTS = Number(process.env.BENCH_BATCH_EVENTS ?? 20_000);

function event(i: number): EventRecord {
  return { id: crypto.randomUUID(), type: 'impression', decisionId: `d-${i % 500}`, campaignId: 'c-winter-style', variantId: `v-${i % 4}`, productId: `p${i % 240}`, region: 'SA-01', at: new Date(1_795_000_000_000 + i).toISOString(), test: false, bucket: 'SA-01|evening|mobile', holdout: false, userHash: null, segments: null, value: null, currency: null, tokenId: null };
}

async function run(sync: 'NORMAL' | 'FULL') {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-batch-'));
  const out: Array<{ batch: number; msPerBatch: number; usPerEvent: number }> = [];
  try {
    const { store, close } = openNodeStore(join(dir, 'b.db'), { synchronous: sync });
    let i = 0;
    for (const size of SIZES) {
      const batches = Math.max(20, Math.floor(EVENTS / size / 4));
      // Warm-up, then timed.
      for (let k = 0; k < 10; k++) await store.recordEvents(Array.from({ length: size }, () => event(i++)));
      const t0 = performance.now();
      for (let k = 0; k < batches; k++) await store.recordEvents(Array.from({ length: size }, () => event(i++)));
      const ms = (performance.now() - t0) / batches;
      out.push({ batch: size, msPerBatch: Math.round(ms * 1000) / 1000, usPerEvent: Math.round((ms * 1000) / size) });
    }
    close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const normal = await run('NORMAL');
const full = await run('FULL');
process.stdout.write(JSON.stringify({ normal, full }) + '\n');
