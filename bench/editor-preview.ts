// The studio editor's live preview (POST /studio/editor/preview) on the demo store (Node, in-memory
// SQLite), through app.request with a studio session: 2 languages × 7 sizes = 14 cells per call.
// cold: every cell's copy changed (14 decisions, 14 PNG + 14 HTML renders); one language changed
// (the other 7 cells come from the render cache); warm: nothing changed (all 14 from the cache);
// and, as the same-run baseline, one decision alone (decideRequest). Prints one JSON line.
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { summarize, timeAsync, type Summary } from './stats.ts';

export interface EditorPreviewPart {
  cells: number;
  cold: Summary;
  oneLanguage: Summary;
  warm: Summary;
  decision: Summary;
  responseKb: number;
}

const N = Number(process.argv[2] ?? 20);
const KEY = 'bench-admin-key-0123456789';
const v = await buildNodeApp({ db: ':memory:', demo: true, seed: 1, config: { adminKey: KEY } });
const ORIGIN = 'http://localhost';
const signin = await v.app.request(`${ORIGIN}/studio/signin`, { method: 'POST', body: new URLSearchParams({ key: KEY, next: '/studio/campaigns' }), headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' } });
const cookie = (signin.headers.get('Set-Cookie') ?? '').split(';')[0]!;

function form(en: string, ar: string): URLSearchParams {
  const f = new URLSearchParams([
    ['name', 'Bench'], ['advertiser', 'Nord & Co'], ['adomain', 'nord.example'], ['startsLocal', '2026-01-01T00:00'], ['endsLocal', '2036-01-01T00:00'],
    ['regions', 'SA-01'], ['channels', 'web'], ['fallback.headline.en', 'Winter'], ['fallback.link', 'https://nord.example/'],
    ['variants.0.id', 'v-bench'], ['variants.0.name', 'Bench'], ['variants.0.template', 'hero'],
    ['variants.0.copy.en.headline', en], ['variants.0.copy.en.cta', 'Shop now'], ['variants.0.copy.ar.headline', ar], ['variants.0.copy.ar.cta', 'تسوق الآن'],
    ['preview.variant', '0'], ['preview.region', 'SA-01'],
  ]);
  return f;
}
let bytes = 0;
async function preview(f: URLSearchParams): Promise<void> {
  const res = await v.app.request(`${ORIGIN}/studio/editor/preview`, { method: 'POST', body: f, headers: { Cookie: cookie, Origin: ORIGIN, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' } });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('"cells":[{')) throw new Error(`preview: ${res.status} ${text.slice(0, 200)}`);
  bytes = text.length;
}

await preview(form('Warm up {title}', 'تجربة {title}'));
const cold = await timeAsync(N, (i) => preview(form(`Evening ${i} {title}`, `أمسية ${i} {title}`)));
const oneLanguage = await timeAsync(N, (i) => preview(form('Evening 0 {title}', `مساء ${i} {title}`)));
await preview(form('Steady {title}', 'ثابت {title}'));
const warm = await timeAsync(N, () => preview(form('Steady {title}', 'ثابت {title}')));
const decision = await timeAsync(N * 10, () => decideRequest(v.serve, { campaign: 'c-winter-style', size: '300x250', region: 'SA-01', format: 'png', seed: '42' }));
await v.close();
const out: EditorPreviewPart = { cells: 14, cold: summarize(cold), oneLanguage: summarize(oneLanguage), warm: summarize(warm), decision: summarize(decision), responseKb: Math.round(bytes / 1024) };
process.stdout.write(`${JSON.stringify(out)}\n`);
