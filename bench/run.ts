// `npm run bench`: runs each part in its own process (so peak RSS is that part's own), with the
// environment `npm start` gives the server (bench/server-env.ts), and writes the figures, the
// machine and the date to BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatReport, type BenchResults } from './report.ts';
import { serverEnv } from './server-env.ts';

function part(file: string, ...args: string[]): unknown {
  const path = fileURLToPath(new URL(file, import.meta.url));
  process.stderr.write(`bench: ${file} ${args.join(' ')}\n`);
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path, ...args], { encoding: 'utf8', env: serverEnv(), stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  const last = out.trim().split('\n').pop()!;
  return JSON.parse(last);
}

const largeDb = join(mkdtempSync(join(os.tmpdir(), 'vitrine-bench-')), 'large.db');
const clock = String(Date.now());
const seeded = part('./seed-large.ts', largeDb, clock) as { seedMs: number };

const results: BenchResults = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
  date: new Date().toISOString(),
  decisionDemo: part('./decision.ts', 'demo') as BenchResults['decisionDemo'],
  decisionLarge: part('./decision.ts', 'large', largeDb, clock, String(seeded.seedMs)) as BenchResults['decisionLarge'],
  simulate: part('./simulate.ts') as BenchResults['simulate'],
  render: part('./render.ts') as BenchResults['render'],
  http: part('./http.ts') as BenchResults['http'],
  imports: part('./import.ts') as BenchResults['imports'],
  worker: part('./worker.ts') as BenchResults['worker'],
  load: part('./load.ts') as BenchResults['load'],
  content: part('./content.ts') as BenchResults['content'],
  engines: part('./engines.ts') as BenchResults['engines'],
  hd: part('./hd.ts') as BenchResults['hd'],
  hdMalloc: part('./hd-malloc.ts') as BenchResults['hdMalloc'],
  photoCheck: part('./photo-check.ts') as BenchResults['photoCheck'],
  openrtb: part('./openrtb.ts') as BenchResults['openrtb'],
  soak: part('./soak.ts') as BenchResults['soak'],
  eventBatch: part('./event-batch.ts') as BenchResults['eventBatch'],
  authoring: part('./authoring.ts') as BenchResults['authoring'],
  editorPreview: part('./editor-preview.ts') as BenchResults['editorPreview'],
  review: part('./review.ts') as BenchResults['review'],
};
const md = formatReport(results);
writeFileSync(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), md);
process.stdout.write(md);
