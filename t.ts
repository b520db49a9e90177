import { demoApp } from './test/helpers/app.ts';
const v = await demoApp(Date.parse('2026-11-30T16:00:00Z'));
for (const lang of ['ar','en']) {
const r = await v.app.request(`/v1/creative?campaign=c-winter-style&region=SA-01&seed=7&at=2026-11-30T16:00:00Z&variant=v-ws-promo&size=300x250&format=json&lang=${lang}`);
const j = await r.json() as any;
console.log(JSON.stringify(j.decision.products[0].price), j.slots.products[0].price, j.slots.products[0].regularPrice, j.slots.products[0].badge, j.slots.headline, j.slots.promo);
console.log(j.trace.filter((t:any)=>t.stage==='decision'));
}
