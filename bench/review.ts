// Review costs on the demo store (Node, in-memory SQLite): the pre-flight of each demo campaign
// through the real renderer (layouts = variants × sizes × languages), and an approval with the
// pre-flight gate against the same approval without it (same run, alternating), with the
// background pre-render it starts timed separately (the answer does not wait for it).
// Prints one JSON line (bench/run.ts collects it).
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { campaignDocument, DEMO_OWNER, DEMO_REVIEWER } from '../src/demo/authoring.ts';
import { updateCampaign } from '../src/services/authoring/campaigns.ts';
import { approveCampaign, submitCampaign } from '../src/services/authoring/lifecycle.ts';
import { campaignPreflight } from '../src/services/preflight-run.ts';
import { summarize, timeAsync, type Summary } from './stats.ts';

export interface ReviewPart {
  preflight: Array<{ campaign: string; layouts: number; findings: number; ms: Summary }>;
  approveGated: Summary;
  approveUngated: Summary;
  prerenderAfterApprove: Summary;
}

const N = Number(process.argv[2] ?? 20);
const v = await buildNodeApp({ db: ':memory:', demo: true, seed: 1 });
const d = v.authoring!;
const snap = await v.configCache.get();
const preflight: ReviewPart['preflight'] = [];
for (const b of snap.bundles) {
  const first = await campaignPreflight(v.serve, b.campaign, b.variants);
  const ms = await timeAsync(N, () => campaignPreflight(v.serve, b.campaign, b.variants));
  preflight.push({ campaign: b.campaign.id, layouts: first.checked.layouts, findings: first.findings.length, ms: summarize(ms) });
}

const id = 'c-winter-style';
const bundle = snap.bundleById.get(id)!;
const base = campaignDocument(bundle.campaign, bundle.variants);
delete base.id;
let version = (await d.authoring.getDoc(id))!.head;
const gate = d.preflight;
const gated: number[] = [];
const ungated: number[] = [];
const prerender: number[] = [];
for (let i = 0; i < N * 2; i++) {
  await updateCampaign(d, DEMO_OWNER, id, { version, ...base, bidCpm: 3 + (i % 7) / 10 });
  version++;
  await submitCampaign(d, DEMO_OWNER, id, { version });
  const withGate = i % 2 === 0;
  if (withGate) d.preflight = gate;
  else delete d.preflight;
  const t = performance.now();
  await approveCampaign(d, DEMO_REVIEWER, id, { version });
  const answered = performance.now();
  (withGate ? gated : ungated).push(answered - t);
  await v.background.idle();
  prerender.push(performance.now() - answered);
}
d.preflight = gate;
await v.close();
const out: ReviewPart = { preflight, approveGated: summarize(gated), approveUngated: summarize(ungated), prerenderAfterApprove: summarize(prerender) };
process.stdout.write(`${JSON.stringify(out)}\n`);
