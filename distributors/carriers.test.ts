import { describe, expect, it } from 'vitest';
import { carrierFromTrackingNumber, isValidUpsTrackingNumber, upsTrackingNumber } from './carriers.js';

describe('carrierFromTrackingNumber', () => {
  it.each([
    ['1Z5R89390357567127', 'UPS'],
    ['1z879e9303 4683 4440', 'UPS'],
    ['986578788855', 'FedEx'],
    ['041441760228964', 'FedEx'],
    ['9611020987654312345672', 'FedEx'],
    ['9400111206206406260787', 'USPS'],
    ['C11031500001879', 'OnTrac'],
  ])('names the carrier of %s', (trackingNumber, carrier) => {
    expect(carrierFromTrackingNumber(trackingNumber)).toBe(carrier);
  });

  it('names none when the check digit is wrong', () => {
    expect(carrierFromTrackingNumber('986578788856')).toBeNull();
    expect(carrierFromTrackingNumber('1Z5R89390357567128')).toBeNull();
  });
});

describe('upsTrackingNumber', () => {
  it('appends the mod-10 check digit', () => {
    expect(upsTrackingNumber('999AA1012345678')).toBe('1Z999AA10123456784');
    expect(isValidUpsTrackingNumber(upsTrackingNumber('WPS0ID030000042'))).toBe(true);
  });

  it('refuses a body that is not 15 characters', () => {
    expect(() => upsTrackingNumber('123')).toThrow(/15/);
  });
});
