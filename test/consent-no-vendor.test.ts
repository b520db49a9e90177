// With no VITRINE_GVL_ID configured, GDPR traffic is context only under the documented rule
// `tcf_no_vendor` (not `tcf_denied` with a made-up vendor id), in the gate and through the app.
import { describe, expect, it } from 'vitest';
import { consentBasis } from '../src/privacy/consent.ts';
import { consentOf } from '../src/services/personalize.ts';
import { GRANTING } from './helpers/consent-strings.ts';

describe('no vendor id configured', () => {
  it('the gate names tcf_no_vendor, whatever the TC string says', () => {
    for (const tcString of [GRANTING, null]) {
      const b = consentBasis({ gdpr: 1, tcString }, { vendorId: -1 }, false);
      expect(b).toMatchObject({ personalize: false, rule: 'tcf_no_vendor', gdprApplies: true });
      expect(b.denials[0]).toBe('tcf_no_vendor');
      expect(b.detail).toContain('VITRINE_GVL_ID');
      expect(b.detail).not.toContain('-1');
    }
  });

  it('a request from the EEA without gdpr= is tcf_no_vendor when the vendor id is unset', () => {
    const c = consentOf({ gdpr_consent: GRANTING }, 'DE', null);
    expect(c).toMatchObject({ personalize: false, rule: 'tcf_no_vendor', gdprApplies: true });
  });

  it('outside GDPR, an unset vendor id does not matter', () => {
    const c = consentOf({}, 'US', null);
    expect(c.rule).toBe('no_regulation');
  });
});
