// Authoring costs on the demo store (Node, in-memory SQLite): an edit (new version, validated,
// hashed, audited), a submit + approve (publishes the serving projection), and the decision right
// after a write (the configuration reload it causes) against the same decision with no write.
// Prints one JSON line (bench/run.ts collects it).
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { campaignDocument, DEMO_OWNER, DEMO_REVIEWER } from '../src/demo/authoring.ts';
import { updateCampaign } from '../src/services/authoring/campaigns.ts';
import { approveCampaign, submitCampaign } from '../src/services/authoring/lifecycle.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { summarize, timeAsync, type Summary } from './stats.ts';

export interface AuthoringPart {
  edit: Summary;
  submitApprove: Summary;
  decision: Summary;
  decisionAfterWrite: Summary;
}

const N = Number(process.argv[2] ?? 300);
const v = await buildNodeApp({ db: ':memory:', demo: true, seed: 1 });
const d = v.authoring!;
const params = { campaign: 'c-winter-style', size: '300x250', region: 'AE-DU', format: 'png', seed: '42' };
const bundle = (await v.configCache.get()).bundleById.get('c-winter-style')!;
const base = campaignDocument(bundle.campaign, bundle.variants);
delete base.id;
let version = (await d.authoring.getDoc('c-winter-style'))!.head;

await timeAsync(200, () => decideRequest(v.serve, params));
const decision = await timeAsync(N * 4, () => decideRequest(v.serve, params));
const edit = await timeAsync(N, async (i) => {
  await updateCampaign(d, DEMO_OWNER, 'c-winter-style', { version, ...base, bidCpm: 3 + (i % 7) / 10 });
  version++;
});
const decisionAfterWrite: number[] = [];
const submitApprove = await timeAsync(N, async (i) => {
  await updateCampaign(d, DEMO_OWNER, 'c-winter-style', { version, ...base, bidCpm: 4 + (i % 7) / 10 });
  version++;
  await submitCampaign(d, DEMO_OWNER, 'c-winter-style', { version });
  await approveCampaign(d, DEMO_REVIEWER, 'c-winter-style', { version });
  const t = performance.now();
  await decideRequest(v.serve, params);
  decisionAfterWrite.push(performance.now() - t);
});
await v.close();
const out: AuthoringPart = { edit: summarize(edit), submitApprove: summarize(submitApprove), decision: summarize(decision), decisionAfterWrite: summarize(decisionAfterWrite) };
process.stdout.write(`${JSON.stringify(out)}\n`);
