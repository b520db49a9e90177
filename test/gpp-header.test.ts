// A GPP header whose Fibonacci-coded section-id range reaches ~169 million ("DBUUhIP", found by the
// consent property test) made @iabgpp/cmpapi grow an array until V8 aborted the process. The
// header is now bounded before the library decodes it, and public routes answer as for any
// undecodable GPP string.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentBasis } from '../src/privacy/consent.ts';
import { gppHeaderProblem, MAX_GPP_SECTION_ID } from '../src/privacy/gpp-header.ts';
import type { NodeVitrine } from '../src/runtime/node/build.ts';
import { demoApp } from './helpers/app.ts';
import { GRANTING, gpp, gppWithTc, policy } from './helpers/consent-strings.ts';

const BOMB = 'DBUUhIP';

describe('GPP header bound', () => {
  it('refuses a header whose section ids run past the bound, and keeps real ones', () => {
    expect(gppHeaderProblem(BOMB)).toBe(`the GPP header declares a section id above ${MAX_GPP_SECTION_ID}`);
    expect(gppHeaderProblem('DB!!')).toBe('the GPP header is not base64url');
    expect(gppHeaderProblem('DB')).toBe('the GPP header is too short');
    for (const s of [gpp({ usnat: { SaleOptOut: 2 } }), gpp({ uspv1: { OptOutSale: 'N' } }), gppWithTc(GRANTING)]) expect(gppHeaderProblem(s)).toBeNull();
  });

  it('the consent gate calls such a string undecodable instead of handing it to the library', () => {
    const b = consentBasis({ gdpr: 0, gpp: BOMB, gppSid: '7' }, policy, false);
    expect(b.personalize).toBe(false);
    expect(b.detail).toContain(`section id above ${MAX_GPP_SECTION_ID}`);
  });
});

describe('public routes given the string', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await demoApp();
  });
  afterAll(() => v.close());

  it('/v1/creative draws a creative and an OpenRTB auction answers', async () => {
    const res = await v.app.request(`/v1/creative?campaign=c-winter-style&region=SA-01&size=300x250&format=png&gpp=${BOMB}&gpp_sid=7`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bid = await v.app.request('/openrtb2/auction', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'r1', imp: [{ id: '1', banner: { w: 300, h: 250 } }], site: { page: 'https://shop.example/' }, device: { geo: { country: 'SAU' } }, regs: { gpp: BOMB, gpp_sid: [7] }, tmax: 500 }),
    });
    expect([200, 204]).toContain(bid.status);
  });
});
