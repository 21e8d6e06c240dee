import { describe, expect, it } from 'vitest';
import { carrierFromName } from './carrier-names.js';
import { CARRIERS, carrierFromTrackingNumber, isValidTrackingNumber, isValidUpsTrackingNumber, upsTrackingNumber, type Carrier } from './carriers.js';

/*
 * The check digits below are worked out again from the algorithms as external-apis §7 words them, not
 * with the code under test, so a number counts as valid because the documented rule says so.
 */

/** §7 mod10: digits as they are, letters as (char code - 3) mod 10; even places × evens, odd × odds. */
function mod10(sequence: string, evens: number, odds: number, { reverse = false } = {}): number {
  const chars = reverse ? [...sequence].reverse() : [...sequence];
  const sum = chars.reduce((total, char, index) => {
    const value = /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10;
    return total + value * (index % 2 === 0 ? evens : odds);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** §7 sum_product_with_weightings_and_modulo. */
function weighted(sequence: string, weights: number[], m1: number, m2: number): number {
  const sum = [...sequence].reduce((total, digit, index) => total + Number(digit) * weights[index % weights.length]!, 0);
  return (sum % m1) % m2;
}

const build = {
  ups: (shipperServicePackage: string) => `1Z${shipperServicePackage}${mod10(shipperServicePackage, 1, 2)}`,
  fedEx12: (body: string) => `${body}${weighted(body, [3, 1, 7], 11, 10)}`,
  fedEx15: (body: string) => `${body}${mod10(body, 1, 3)}`,
  fedEx96: (head: string, serial: string) => `${head}${serial}${mod10(serial, 1, 3)}`,
  uspsImpb: (body: string) => `${body}${mod10(body, 3, 1, { reverse: true })}`,
  usps20: (body: string) => `${body}${mod10(body, 3, 1)}`,
  /** A 20-digit IMpb printed without its 91: the 91 still counts towards the check digit (§7 "prepend 91"). */
  usps91Short: (body: string) => `${body}${mod10(`91${body}`, 3, 1, { reverse: true })}`,
  onTrac: (letter: 'C' | 'D', serial: string) => `${letter}${serial}${mod10(`${letter === 'C' ? 4 : 5}${serial}`, 1, 2)}`,
};

/** The same number with its check digit one higher, which no format accepts. */
const wrongCheckDigit = (tracking: string) => `${tracking.slice(0, -1)}${(Number(tracking.slice(-1)) + 1) % 10}`;

const VALID: ReadonlyArray<[format: string, carrier: Carrier, trackingNumber: string]> = [
  ['UPS 1Z, digits', 'UPS', build.ups('999AA1012345678')],
  ['UPS 1Z, letters in the shipper', 'UPS', build.ups('5R8939035756712')],
  ['UPS 1Z, §7 sample', 'UPS', '1Z879E930346834440'],
  ['FedEx Express 12', 'FedEx', build.fedEx12('12345678901')],
  ['FedEx Express 12, §7 sample', 'FedEx', '986578788855'],
  ['FedEx Ground 15', 'FedEx', build.fedEx15('01234567890123')],
  ['FedEx Ground 15, §7 sample', 'FedEx', '041441760228964'],
  ['FedEx Ground 96 (22)', 'FedEx', build.fedEx96('9612019', '12345671234567')],
  ['FedEx Ground 96, §7 sample', 'FedEx', '9611020987654312345672'],
  ['USPS IMpb 22 (94)', 'USPS', build.uspsImpb('940011120620640626078')],
  ['USPS IMpb 22 (92)', 'USPS', build.uspsImpb('920019013260760083345')],
  ['USPS IMpb 22, §7 sample', 'USPS', '9400111206206406260787'],
  ['USPS IMpb with 420 + ZIP', 'USPS', `42094107${build.uspsImpb('930548000000000012345')}`],
  ['USPS IMpb with 420 + ZIP+4', 'USPS', `420941071234${build.uspsImpb('950551106960504860062')}`],
  ['USPS 20', 'USPS', build.usps20('0307179000052348374')],
  ['USPS 20 (IMpb without its 91)', 'USPS', build.usps91Short('7196901075600307738')],
  ['OnTrac C', 'OnTrac', build.onTrac('C', '1103150000187')],
  ['OnTrac D', 'OnTrac', build.onTrac('D', '1001135445370')],
  ['OnTrac C, dataset sample', 'OnTrac', 'C11031500001879'],
];

describe('tracking-number validation', () => {
  it.each(VALID)('accepts %s for %s and names the carrier from the number', (_format, carrier, trackingNumber) => {
    expect(isValidTrackingNumber(carrier, trackingNumber)).toBe(true);
    expect(carrierFromTrackingNumber(trackingNumber)).toBe(carrier);
  });

  it.each(VALID)('refuses %s with a wrong check digit', (_format, carrier, trackingNumber) => {
    const wrong = wrongCheckDigit(trackingNumber);
    expect(isValidTrackingNumber(carrier, wrong)).toBe(false);
    expect(carrierFromTrackingNumber(wrong)).toBeNull();
  });

  it.each(VALID)('does not take %s for another carrier’s number', (_format, carrier, trackingNumber) => {
    for (const other of CARRIERS.filter((name) => name !== carrier)) {
      expect(isValidTrackingNumber(other, trackingNumber)).toBe(false);
    }
  });

  it.each([
    ['UPS', '1Z5R8 9390-357567127'],
    ['UPS', '1z879e930346834440'],
    ['OnTrac', 'c 110 31 500 00187 9'],
    ['USPS', '9400 1112 0620 6406 2607 87'],
  ] as const)('reads %s number %s after dropping spaces and hyphens and uppercasing', (carrier, trackingNumber) => {
    expect(isValidTrackingNumber(carrier, trackingNumber)).toBe(true);
  });

  it.each([
    ['a UPS 1Z one character short', 'UPS', '1Z5R8939035756712'],
    ['a UPS 1Z whose check place is a letter', 'UPS', '1Z5R893903575671A'],
    ['an 11-digit FedEx number', 'FedEx', '98657878885'],
    ['a 13-digit FedEx number', 'FedEx', '9865787888551'],
    ['a 22-digit number that starts 97', 'USPS', '9700111206206406260787'],
    ['a 22-digit number that starts 96', 'USPS', '9611020987654312345672'],
    ['a 420 routing prefix with a 4-digit ZIP', 'USPS', '4209410930548000000000012345'],
    ['an OnTrac number with an E', 'OnTrac', 'E11031500001879'],
    ['an OnTrac number one digit short', 'OnTrac', 'C1103150000187'],
    ['an empty number', 'UPS', ''],
  ] as const)('refuses %s', (_case, carrier, trackingNumber) => {
    expect(isValidTrackingNumber(carrier, trackingNumber)).toBe(false);
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

describe('carrierFromName', () => {
  it.each([
    ['UPS', 'UPS'],
    ['UPS GROUND', 'UPS'],
    ['ups 2nd day air', 'UPS'],
    ['UPSGND', 'UPS'],
    ['United Parcel Service', 'UPS'],
    ['FEDEX', 'FedEx'],
    ['Fed Ex Home', 'FedEx'],
    ['FedEx Ground', 'FedEx'],
    ['FEDEX_2DAY', 'FedEx'],
    ['Federal Express', 'FedEx'],
    ['FDXG', 'FedEx'],
    ['USPS', 'USPS'],
    ['USPS PRIORITY', 'USPS'],
    ['U.S. Postal Service', 'USPS'],
    ['US Mail', 'USPS'],
    ['Priority Mail', 'USPS'],
    ['First-Class Package', 'USPS'],
    ['Ground Advantage', 'USPS'],
    ['ONTRAC', 'OnTrac'],
    ['On Trac Ground', 'OnTrac'],
  ] as const)('reads %s as %s', (name, carrier) => {
    expect(carrierFromName(name)).toBe(carrier);
  });

  it.each([
    ['nothing', ''],
    ['a service with no carrier', 'Ground'],
    ['the distributor’s choice', 'Best Way'],
    ['a carrier we do not push', 'DHL Express'],
    ['a truck line', 'Estes Freight'],
    ['two carriers', 'FedEx SmartPost via USPS'],
  ])('names no carrier for %s (%s)', (_case, name) => {
    expect(carrierFromName(name)).toBeNull();
  });
});
